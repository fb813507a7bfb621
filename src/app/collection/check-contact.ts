// "May I contact this debtor now, by this channel?" — a person's contact attempt judged at this
// instant (judgeAttemptAt) against the rules that apply to the debtor. The answer is never a bare no: it says when contact is allowed
// again, or which rule blocks it and why.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { debtorContact } from '../../db/queries/debtor-contact.ts';
import type { Org } from '../../db/schema.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import type { ContactAttempt, ContactRule } from '../../domain/compliance/contact-attempt.ts';
import { contactRulesFor } from '../../domain/compliance/contact-rules.ts';
import { judgeAttemptAt } from '../../domain/compliance/judge-attempt.ts';
import { actionKind, type MessageChannel } from '../../domain/playbooks/playbook.ts';
import { textLimits } from '../../domain/text-limits.ts';
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
  const applicable = contactRulesFor(debtor, settings);
  const listed = applicable.map(({ id, citation }) => ({ id, citation }));
  const rules = override ? await applyOverride(db, org.id, customerId, channel, applicable, override, now) : applicable;
  if (!reach[channel]) {
    return { channel, answer: 'blocked', allowedFrom: null, rule: 'no-channel', reason: `There is no usable ${channel} address for this customer (missing, opted out or bounced).`, rules: listed };
  }
  const attempt: ContactAttempt = { kind: actionKind(channel), channel, template, stepName: `a ${channel} by a person`, tone: 'friendly', nextStep: null, oldestDueDate: null };
  const judged = judgeAttemptAt(attempt, now, { timeZone: debtor.timeZone, bookings, rules, laterDaysFrom: 'this-hour' });
  if (judged.answer === 'blocked') return { channel, answer: 'blocked', allowedFrom: null, rule: judged.verdict.rule, reason: judged.verdict.reason, rules: listed };
  const verb = contactVerbs[channel];
  if (judged.answer === 'now') return { channel, answer: 'now', allowedFrom: judged.at, rule: null, reason: `You may ${verb} this customer now.`, rules: listed };
  const reason = `You may ${verb} this customer again from ${judged.at} (their time).${judged.heldBecause ? ` ${judged.heldBecause}` : ''}`;
  return { channel, answer: 'later', allowedFrom: judged.at, rule: judged.rule, reason, rules: listed };
}

/** The rules less the one overridden, once it is known to be overridable; the override goes on the timeline. */
async function applyOverride(db: Executor, orgId: bigint, customerId: bigint, channel: MessageChannel, rules: readonly ContactRule[], override: ContactOverride, now: Temporal.Instant) {
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
    at: now,
  });
  return rules.filter((candidate) => candidate !== rule);
}
