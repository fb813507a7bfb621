// The decision on a review task, recorded with what it sets in motion, in one transaction. Every
// decision goes on the timeline and closes the task. `pause_until` places a hold on the customer
// until the date; `agency` and `small_claims` set the case's status (agency, legal) and cancel
// what the case had planned and not sent, so no reminder goes out behind the agency's or the
// court's back. What the decision does not carry out by itself (the agency's file is made by
// `arrears placement create`; the claim, settlements, write-offs) is said in the answer, not pretended.
import { textLimits } from '../../domain/text-limits.ts';
import { sql } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findAction, finishTask, type ActionRow } from '../../db/queries/actions.ts';
import type { Org, Role } from '../../db/schema.ts';
import { isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { isReviewOutcome, mayDecide, reviewOutcomeCodes, reviewOutcomes, type ReviewOutcome } from '../../domain/reviews/review-outcomes.ts';
import { AppError } from '../../errors.ts';
import { placeHold } from '../pauses/place-hold.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { optionalText } from '../shared/required-text.ts';

export interface ReviewDecisionInput {
  actionId: bigint;
  outcome: string;
  /** For `pause_until`: the last day of the pause. */
  until?: IsoDate | null;
  note?: string | null;
  /** The decider's role: the owner's decisions are refused to anyone else. */
  role: Role;
  actor: string;
  now: Temporal.Instant;
}

export interface ReviewDecisionResult {
  action: ActionRow;
  outcome: ReviewOutcome;
  /** What the decision set in motion, a sentence each. */
  effects: string[];
  /** What of the decision Arrears does not carry out yet; null when all of it is done. */
  notBuilt: string | null;
  /** The case's status afterwards (null: the task had no open case). */
  caseStatus: string | null;
  /** The hold placed by `pause_until`. */
  holdId: string | null;
}

const open = ['ready', 'deferred', 'planned'] as const;

export async function recordReviewDecision(db: Executor, org: Org, input: ReviewDecisionInput): Promise<ReviewDecisionResult> {
  if (!isReviewOutcome(input.outcome)) throw new AppError('invalid_input', `the decision "${input.outcome}" is not one of ${reviewOutcomeCodes.join(', ')}`);
  const outcome = input.outcome;
  const meta = reviewOutcomes[outcome];
  if (!mayDecide(input.role, outcome)) {
    throw new AppError('forbidden', `deciding ${outcome} (${meta.label}) needs the owner role; a collector may decide keep_chasing or pause_until, or ask the owner`);
  }
  const note = optionalText(input.note, 'the note', textLimits.taskNote);
  const until = input.until ?? null;
  if (outcome === 'pause_until') {
    if (until === null) throw new AppError('invalid_input', 'pause_until needs the last day of the pause, e.g. --until 2027-01-15 (API: "until")');
    if (!isIsoDate(until)) throw new AppError('invalid_input', `the end of the pause must be a real date written YYYY-MM-DD (got "${until}")`);
  } else if (until !== null) {
    throw new AppError('invalid_input', `--until goes with pause_until only; ${outcome} takes no date`);
  }
  const today = input.now.toZonedDateTimeISO(org.time_zone).toPlainDate().toString();

  return inTransaction(db, async (tx) => {
    await sql`select 1 from actions where org_id = ${org.id} and id = ${input.actionId} for update`.execute(tx);
    const action = await findAction(tx, org.id, input.actionId);
    if (!action) throw new AppError('not_found', `there is no action ${input.actionId}`);
    if (action.channel !== 'review') throw new AppError('invalid_input', `action ${input.actionId} is a ${action.channel} ${action.kind}, not a review task${action.channel === 'call' ? ': record a call with its call outcomes' : ''}`);
    if (!(open as readonly string[]).includes(action.status)) throw new AppError('conflict', `review task ${input.actionId} is ${action.status}: it was decided already`);

    const effects: string[] = [];
    let holdId: string | null = null;
    const openCase = await tx
      .selectFrom('cases')
      .select(['id', 'status'])
      .where('org_id', '=', org.id)
      .where('customer_id', '=', action.customer_id)
      .where('status', '<>', 'closed')
      .forUpdate()
      .executeTakeFirst();
    let caseStatus: string | null = openCase?.status ?? null;

    if (outcome === 'pause_until') {
      const hold = await placeHold(tx, org.id, {
        customerId: action.customer_id,
        reason: `review ${action.id}: paused until ${until}${note ? ` (${note})` : ''}`,
        endsOn: until,
        today,
        now: input.now,
        actor: input.actor,
      });
      holdId = hold.id.toString();
      effects.push(`Collection paused until ${until} (hold ${holdId}); the case goes on from the day after.`);
    } else if (outcome === 'keep_chasing') {
      effects.push('The case goes on: the playbook’s next steps and the ordinary reminders continue.');
    }

    if (meta.caseStatus !== null) {
      if (!openCase) throw new AppError('conflict', `the customer has no open case (nothing is overdue), so there is nothing to ${meta.label}`);
      await tx
        .updateTable('cases')
        .set({ status: meta.caseStatus, reason: `review ${action.id}: ${meta.label}`, updated_at: sql<string>`now()` })
        .where('org_id', '=', org.id)
        .where('id', '=', openCase.id)
        .execute();
      caseStatus = meta.caseStatus;
      effects.push(`Case ${openCase.id} is now "${meta.caseStatus}".`);
    }
    if (meta.stopsChasing && openCase) {
      const cancelled = await tx
        .updateTable('actions')
        .set({ status: 'cancelled', rule: `case-${meta.caseStatus}`, reason: `Cancelled: review ${action.id} decided to ${meta.label}.`, updated_at: sql<string>`now()` })
        .where('org_id', '=', org.id)
        .where('customer_id', '=', action.customer_id)
        .where('id', '<>', action.id)
        .where('status', 'in', [...open])
        .returning('id')
        .execute();
      effects.push(
        cancelled.length === 0
          ? 'Nothing was waiting to be sent.'
          : `${cancelled.length} planned ${cancelled.length === 1 ? 'message or task' : 'messages and tasks'} cancelled: nothing more goes out from this case.`,
      );
    }

    await recordActivity(tx, org.id, {
      customerId: action.customer_id,
      kind: 'review_decision',
      actor: input.actor,
      at: input.now,
      summary: `Review "${action.step_name}": ${meta.label}${until ? ` (until ${until})` : ''}.${note ? ` ${note}` : ''}`,
      data: { actionId: action.id.toString(), outcome, until, note, caseStatus, holdId, effects, notBuilt: meta.notBuilt },
    });
    await finishTask(tx, org, action.id, input.now.toString(), { outcome, until });
    return { action: (await findAction(tx, org.id, action.id))!, outcome, effects, notBuilt: meta.notBuilt, caseStatus, holdId };
  });
}
