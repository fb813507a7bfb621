// The worklist's stored stakes (migration 0032): what each action on the worklist weighs in its
// order, kept so that a load does not read every invoice of every action. Brought up to date at
// the start of each load, for the actions of the customers whose invoices changed since (the
// triggers' stake_changes), the actions new on the worklist, or every action when the scales
// changed or nothing is stored yet.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema.ts';

/** The per-currency weights of a minor unit, and a fingerprint of them to tell a stored weight's. */
export interface StakeScales {
  codes: string[];
  scales: string[];
  fingerprint: string;
}

/** The scales as a relation (currency, scale) for a query's `with`. */
export function scalesRelation(scales: StakeScales): RawBuilder<unknown> {
  return sql`select * from unnest(${scales.codes}::text[], ${scales.scales}::numeric[]) as s(currency, scale)`;
}

/**
 * The stake of each of `actions` (rows with id and invoice_ids): Σ balance × scale over its open
 * invoices with a balance, and their earliest due date; an action with none is absent. The one
 * definition of an action's weight, live or stored.
 */
export function actionStakes(orgId: bigint, actions: RawBuilder<unknown>, scales: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    select a.id, sum(i.balance * sc.scale) as weight, min(i.due_date) as oldest
      from (${actions}) a
      cross join unnest(a.invoice_ids) as u(invoice_id)
      join invoices i on i.org_id = ${orgId} and i.id = u.invoice_id and i.status = 'open' and i.balance > 0
      join (${scales}) sc on sc.currency = i.currency
     group by a.id`;
}

const lockKey = (orgId: bigint) => sql`hashtextextended('arrears-worklist-stakes:' || ${orgId.toString()}, 0)`;

/**
 * Brings the organisation's stored stakes up to date with the worklist's actions (`actions`: rows
 * of id, customer_id and invoice_ids, every action on the worklist now), in a short transaction of
 * its own (read committed):
 * - first the per-organisation lock, so refreshes run one after another and the next statement's
 *   snapshot sees the previous refresh committed;
 * - then one statement, whose snapshot T (pg_current_snapshot) every part of it reads in: every
 *   action is recomputed when nothing is stored, the scales differ or a TRUNCATE was noted;
 *   otherwise those of the customers with a change the stored snapshot does not see, and those
 *   with no stored stake (new on the worklist). The rows of actions gone from the worklist are
 *   deleted; T is stored as seen. A change T sees is in what was computed; one committed after T
 *   is noted, and its transaction is not visible in T, so the next refresh recomputes it.
 *   Change rows of transactions that ended before T's xmin are deleted: T and every later stored
 *   snapshot see them.
 */
export async function refreshWorklistStakes(db: Kysely<DB>, orgId: bigint, actions: RawBuilder<unknown>, scales: StakeScales): Promise<void> {
  await db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${lockKey(orgId)})`.execute(tx);
      await sql`
        with head as (select h.seen from worklist_stakes_seen h where h.org_id = ${orgId} and h.scales = ${scales.fingerprint}),
             changed as (select c.customer_id from stake_changes c, head where c.org_id = ${orgId} and not pg_visible_in_snapshot(c.xid, head.seen)),
             whole as (select not exists (select 1 from head) or exists (select 1 from changed where customer_id is null) as yes),
             acts as materialized (select a.id, a.customer_id, a.invoice_ids from (${actions}) a),
             todo as (
               select a.id, a.invoice_ids from acts a, whole
                where whole.yes
                   or a.customer_id in (select customer_id from changed where customer_id is not null)
                   or not exists (select 1 from worklist_stakes s where s.org_id = ${orgId} and s.action_id = a.id)),
             computed as (${actionStakes(orgId, sql`select id, invoice_ids from todo`, scalesRelation(scales))}),
             stored as (
               insert into worklist_stakes as s (org_id, action_id, weight, oldest)
               select ${orgId}, t.id, coalesce(c.weight, 0), c.oldest from todo t left join computed c on c.id = t.id
               on conflict (org_id, action_id) do update set weight = excluded.weight, oldest = excluded.oldest
                where (s.weight, s.oldest) is distinct from (excluded.weight, excluded.oldest)),
             gone as (delete from worklist_stakes s where s.org_id = ${orgId} and s.action_id not in (select id from acts)),
             seen as (
               insert into worklist_stakes_seen (org_id, seen, scales) values (${orgId}, pg_current_snapshot(), ${scales.fingerprint})
               on conflict (org_id) do update set seen = excluded.seen, scales = excluded.scales),
             pruned as (delete from stake_changes c where c.org_id = ${orgId} and c.xid < pg_snapshot_xmin(pg_current_snapshot()))
        select 1`.execute(tx);
    });
}
