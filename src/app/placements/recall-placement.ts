// Taking accounts back from an agency: the placement is recalled (who, when, why), its invoices are
// chased again by the playbook (chaseable.ts stops excluding them), each customer's case that the
// placement put in status `agency` is active again, and the recall goes on each timeline.
import type { Temporal } from 'temporal-polyfill';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findPlacementDetail, type PlacementDetail } from '../../db/queries/placements.ts';
import type { Role } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { optionalText } from '../shared/required-text.ts';

export interface RecallPlacementInput {
  placementId: bigint;
  reason?: string | null | undefined;
  role: Role;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function recallPlacement(db: Executor, orgId: bigint, input: RecallPlacementInput): Promise<PlacementDetail> {
  if (input.role !== 'owner') throw new AppError('forbidden', `recalling a placement needs the owner role (this is the ${input.role} role); ask an owner`);
  const reason = optionalText(input.reason, 'the reason', 500);
  return inTransaction(db, async (tx) => {
    const placement = await tx.selectFrom('placements').select(['id', 'agency', 'status']).where('org_id', '=', orgId).where('id', '=', input.placementId).forUpdate().executeTakeFirst();
    if (!placement) throw new AppError('not_found', `there is no placement ${input.placementId}`);
    if (placement.status !== 'placed') throw new AppError('conflict', `placement ${placement.id} is ${placement.status} already`);
    await tx
      .updateTable('placements')
      .set({ status: 'recalled', recalled_on: input.today, recalled_by: input.actor, recall_reason: reason })
      .where('org_id', '=', orgId)
      .where('id', '=', placement.id)
      .execute();
    const customers = await tx.selectFrom('placement_invoices').select('customer_id').distinct().where('org_id', '=', orgId).where('placement_id', '=', placement.id).execute();
    const customerIds = customers.map((row) => row.customer_id);
    await tx
      .updateTable('cases')
      .set({ status: 'active', reason: `recalled from ${placement.agency} (placement ${placement.id})`, updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('customer_id', 'in', customerIds)
      .where('status', '=', 'agency')
      .execute();
    for (const customerId of customerIds) {
      await recordActivity(tx, orgId, {
        customerId,
        kind: 'placement_recalled',
        actor: input.actor,
        summary: `Recalled from ${placement.agency} (placement ${placement.id})${reason ? `: ${reason}` : ''}. Arrears chases the invoices again.`,
        data: { placementId: placement.id.toString(), reason },
        at: input.now,
      });
    }
    return (await findPlacementDetail(tx, orgId, placement.id))!;
  });
}
