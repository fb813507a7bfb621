// "May I contact this debtor now, by this channel?" — the guard run on a manual action, with the
// rules that apply to the debtor. The answer is never a bare no: it says when contact is allowed
// again, or which rule blocks it and why.
import { textLimits } from '../../domain/text-limits.ts';
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { debtorContact } from '../../db/queries/debtor-contact.ts';
import type { Org } from '../../db/schema.ts';
import { addDays } from '../../domain/calendar.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import { contactRulesFor } from '../../domain/compliance/contact-rules.ts';
import { guardActions, type ContactRule } from '../../domain/cycle/guard.ts';
import type { ProposedAction } from '../../domain/cycle/plan.ts';
import { actionKind, type MessageChannel } from '../../domain/playbooks/playbook.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';

const contactVerbs: Record<MessageChannel, string> = { call: 'call', email: 'email', sms: 'text', letter: 'send a letter to' };

export interface ContactCheck {
  channel: MessageChannel;
  /** 'now': contact is allowed now; 'later': from `allowedFrom`; 'blocked': not within two weeks, or never. */
  answer: 'now' | 'later' | 'blocked';
  /** When contact is allowed (now or later), ISO 8601 in the debtor's zone; null when blocked. */
  allowedFrom: string | null;
  rule: string | null;
  reason: string;
  /** The contact rules that apply to this debtor, with their sources. */
  rules: Array<{ id: string; citation: string }>;
}

/** An owner's override of one organisation-chosen rule for this contact, recorded with who and why. */
export interface ContactOverride {
  rule: string;
  reason: string;
  actor: string;
}

export async function checkContact(
  db: Executor,
  org: Org,
  customerId: bigint,
  channel: MessageChannel,
  now: Temporal.Instant,
  override?: ContactOverride,
  /** The template of the message, when it is one: after a cease request only the notices the law allows pass. */
  template = 'manual',
): Promise<ContactCheck> {
  const settings = collectionSettings(org.settings);
  const local = now.toZonedDateTimeISO(org.time_zone);
  const found = await debtorContact(db, org.id, customerId, local.toPlainDate().toString(), org.time_zone);
  if (!found) throw new AppError('not_found', `there is no customer ${customerId}`);
  const { debtor, bookings, reach } = found;
  const there = now.toZonedDateTimeISO(debtor.timeZone);
  const date = there.toPlainDate().toString();
  const applicable = contactRulesFor(debtor, settings);
  const listed = applicable.map(({ id, citation }) => ({ id, citation }));
  const rules = override ? await applyOverride(db, org.id, customerId, channel, applicable, override) : applicable;
  if (!reach[channel]) {
    return { channel, answer: 'blocked', allowedFrom: null, rule: 'no-channel', reason: `There is no usable ${channel} address for this customer (missing, opted out or bounced).`, rules: listed };
  }
  const action: ProposedAction = {
    key: `manual:${customerId}:${channel}`,
    customerId,
    caseId: null,
    kind: actionKind(channel),
    channel,
    stepKey: 'manual',
    stepName: `a ${channel} by a person`,
    stepIndex: 0,
    tone: 'friendly',
    template,
    playbook: { name: 'manual', version: 0 },
    invoices: [],
    amounts: {},
    applyCharges: false,
    nextStep: null,
    why: 'checked by a person',
    blocked: null,
  };
  // the hour now, in the debtor's zone: an answer "at 14:00" while it is 14:37 means now
  const [today] = guardActions([action], { date, timeZone: debtor.timeZone, sendHour: there.hour, bookings }, rules);
  // Nothing left of today (e.g. 22:30 for a consumer): the first allowed moment of a later day,
  // judged from midnight (judging every later day from 22:00 would find none).
  const laterDays = today!.status === 'blocked' && !rules.some((rule) => rule.id === today!.rule && rule.permanent);
  const verdict = laterDays ? guardActions([action], { date: addDays(date, 1), timeZone: debtor.timeZone, sendHour: 0, bookings }, rules)[0] : today;
  const allowedFrom = verdict!.dueAt;
  if (verdict!.status === 'blocked') return { channel, answer: 'blocked', allowedFrom: null, rule: verdict!.rule, reason: verdict!.reason, rules: listed };
  const isNow = Temporal.Instant.compare(Temporal.Instant.from(allowedFrom), now) <= 0;
  const answer = verdict!.status === 'allowed' && isNow ? 'now' : 'later';
  // what held today back, when the answer comes from a later day
  const rule = laterDays ? today!.rule : verdict!.rule;
  const why = laterDays ? today!.reason.replace(/ No allowed day within \d+ days\.$/, '') : verdict!.reason;
  const verb = contactVerbs[channel];
  const reason = answer === 'now' ? `You may ${verb} this customer now.` : `You may ${verb} this customer again from ${allowedFrom} (their time).${why ? ` ${why}` : ''}`;
  return { channel, answer, allowedFrom: answer === 'now' ? now.toZonedDateTimeISO(debtor.timeZone).toString({ timeZoneName: 'never', smallestUnit: 'second' }) : allowedFrom, rule, reason, rules: listed };
}

/** The rules less the one overridden, once it is known to be overridable; the override goes on the timeline. */
async function applyOverride(db: Executor, orgId: bigint, customerId: bigint, channel: MessageChannel, rules: readonly ContactRule[], override: ContactOverride) {
  const rule = rules.find((candidate) => candidate.id === override.rule);
  if (!rule) throw new AppError('invalid_input', `the rule "${override.rule}" does not apply to this customer; the rules that do: ${rules.map((r) => r.id).join(', ')}`);
  if (!rule.overridable) throw new AppError('forbidden', `"${rule.id}" (${rule.citation}) is imposed by law or by Arrears policy and cannot be overridden; only the organisation's own choices can`);
  const why = requiredText(override.reason, 'the reason', textLimits.reason, 'say why this contact may go ahead despite the rule, e.g. "the customer asked us to call on Saturday"');
  await recordActivity(db, orgId, {
    customerId,
    kind: 'contact_override',
    actor: override.actor,
    summary: `Rule ${rule.id} overridden for one ${channel}: ${why}`,
    data: { rule: rule.id, channel, reason: why },
  });
  return rules.filter((candidate) => candidate !== rule);
}
