// Sets what a person learned about a debtor that limits contact: a cease request, representation
// by a lawyer, bankruptcy, a UK breathing space, times the debtor said are inconvenient. Each
// change goes on the customer's timeline with who made it and why; the contact rules read them
// on the next cycle and on every manual check.
import { textLimits } from '../../domain/text-limits.ts';
import type { Temporal } from 'temporal-polyfill';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import type { Customer } from '../../db/schema.ts';
import { isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { minutesOf } from '../../domain/compliance/contact-hours.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';

export interface ContactFlags {
  ceaseRequestedOn?: IsoDate | null;
  attorneyRepresented?: boolean;
  bankruptcy?: boolean;
  breathingSpaceUntil?: IsoDate | null;
  inconvenientTimes?: ReadonlyArray<{ from: string; to: string }>;
}

const time = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function validate(flags: ContactFlags): void {
  for (const field of ['ceaseRequestedOn', 'breathingSpaceUntil'] as const) {
    const value = flags[field];
    if (value !== undefined && value !== null && !isIsoDate(value)) throw new AppError('invalid_input', `${field} "${value}" is not a date written YYYY-MM-DD, from 1900-01-01 to 2199-12-31`);
  }
  for (const span of flags.inconvenientTimes ?? []) {
    if (!time.test(span.from) || !time.test(span.to)) throw new AppError('invalid_input', `an inconvenient time is written HH:MM–HH:MM in 24-hour local time, not "${span.from}–${span.to}"`);
    if (minutesOf(span.from) >= minutesOf(span.to)) throw new AppError('invalid_input', `the inconvenient time ${span.from}–${span.to} ends before it starts; split one that spans midnight in two`);
  }
}

function describe(flags: ContactFlags): string[] {
  const said: string[] = [];
  if (flags.ceaseRequestedOn !== undefined) said.push(flags.ceaseRequestedOn ? `asked on ${flags.ceaseRequestedOn} for contact to stop` : 'cease request withdrawn');
  if (flags.attorneyRepresented !== undefined) said.push(flags.attorneyRepresented ? 'represented by a lawyer' : 'no longer represented by a lawyer');
  if (flags.bankruptcy !== undefined) said.push(flags.bankruptcy ? 'in bankruptcy' : 'no longer in bankruptcy');
  if (flags.breathingSpaceUntil !== undefined) said.push(flags.breathingSpaceUntil ? `in a breathing space until ${flags.breathingSpaceUntil}` : 'breathing space ended');
  if (flags.inconvenientTimes !== undefined) {
    said.push(flags.inconvenientTimes.length ? `inconvenient times ${flags.inconvenientTimes.map((s) => `${s.from}–${s.to}`).join(', ')}` : 'no inconvenient times');
  }
  return said;
}

export async function setContactFlags(db: Executor, orgId: bigint, customerId: bigint, flags: ContactFlags, reason: string, actor: string, now: Temporal.Instant): Promise<Customer> {
  validate(flags);
  const why = requiredText(reason, 'the reason', textLimits.reason, 'say how you learned it, e.g. "letter from the customer dated 2026-11-20"');
  const said = describe(flags);
  if (said.length === 0) throw new AppError('invalid_input', 'nothing to change: give at least one flag');
  return inTransaction(db, async (tx) => {
    const current = await tx.selectFrom('customers').select('id').where('org_id', '=', orgId).where('id', '=', customerId).forUpdate().executeTakeFirst();
    if (!current) throw new AppError('not_found', `there is no customer ${customerId}`);
    const updated = await tx
      .updateTable('customers')
      .set({
        ...(flags.ceaseRequestedOn !== undefined ? { cease_requested_on: flags.ceaseRequestedOn } : {}),
        ...(flags.attorneyRepresented !== undefined ? { attorney_represented: flags.attorneyRepresented } : {}),
        ...(flags.bankruptcy !== undefined ? { bankruptcy: flags.bankruptcy } : {}),
        ...(flags.breathingSpaceUntil !== undefined ? { breathing_space_until: flags.breathingSpaceUntil } : {}),
        ...(flags.inconvenientTimes !== undefined ? { inconvenient_times: JSON.stringify(flags.inconvenientTimes) } : {}),
        updated_at: sql<string>`now()`,
      })
      .where('org_id', '=', orgId)
      .where('id', '=', customerId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordActivity(tx, orgId, { customerId, kind: 'contact_flags', actor, summary: `Contact: ${said.join('; ')} (${why})`, data: { ...flags, reason: why }, at: now });
    return updated;
  });
}
