// The worklist's stored stakes (migration 0032): what each action on the worklist weighs in its
// order, kept so that a load does not read every invoice of every action (870,000 invoice reads,
// 6 s, at a million invoices). Brought up to date by the statement that ranks the worklist, for
// the actions of the customers whose invoices changed since (the triggers' stake_changes), the
// actions new on the worklist, or every action when the scales changed or nothing is stored yet.
//
// The big joins here are full joins or hashed subplans on purpose: the worklist's actions are
// planned from statistics that, after a cycle has just made tens of thousands of tasks, still say
// there are none, and a nested loop between two lists of 87,000 rows took minutes.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../schema.ts';

/** The weight of a minor unit per currency code, as JSON text (sorted keys): also what tells a stored weight's scales. */
export type StakeScales = string;

/** The weight of `amount` (minor units) of `currency`; null for a currency without a scale. */
export function weighed(amount: RawBuilder<unknown>, currency: RawBuilder<unknown>, scales: StakeScales): RawBuilder<unknown> {
  return sql`${amount} * (${scales}::jsonb ->> ${currency})::numeric`;
}

/**
 * The stake of one action, for a lateral join: Σ balance × scale over the open invoices with a
 * balance among `invoiceIds`, and their earliest due date (null, null when none). The one
 * definition of an action's weight, live or stored.
 */
function stakeOf(orgId: bigint, invoiceIds: RawBuilder<unknown>, scales: StakeScales): RawBuilder<unknown> {
  return sql`
    select sum(${weighed(sql`i.balance`, sql`i.currency`, scales)}) as weight, min(i.due_date) as oldest
      from unnest(${invoiceIds}) as u(invoice_id)
      join invoices i on i.org_id = ${orgId} and i.id = u.invoice_id and i.status = 'open' and i.balance > 0
     where (${scales}::jsonb ->> i.currency) is not null`;
}

/**
 * How a statement reads the stakes: 'live' computes them all and stores nothing (inside a
 * caller's transaction); 'store' reads the stored ones, recomputes the stale ones and stores them
 * (holding the stakes lock); 'stored' reads the stored ones and recomputes the stale ones without
 * storing them (another transaction holds the lock and is storing them: a load does not wait).
 */
export type StakesMode = 'live' | 'store' | 'stored';

/**
 * Common table expressions ending in `staked (source, id, kind, weight, oldest)`: every one of
 * `actions` (rows of source, id, kind, customer_id and invoice_ids: every action on the worklist
 * now) with its stake, weight 0 and oldest null when nothing is at stake.
 *
 * From the stored stakes ('store' and 'stored'): one statement, whose snapshot T
 * (pg_current_snapshot) every part of it reads in, the stored snapshot, stakes and change rows
 * included (a storing statement commits them together). Every action is recomputed when nothing
 * is stored, the scales differ or a TRUNCATE was noted; otherwise those of the customers with a
 * change the stored snapshot does not see, and those with no stored stake (new on the worklist).
 * 'store' then stores them, deletes the rows of actions gone from the worklist, and stores T as
 * seen: a change T sees is in what was computed; one that commits after T is noted, and not
 * visible in T, so the next statement recomputes it. The change rows this statement sees are
 * deleted: their transactions committed before T, so every snapshot stored after T (under the
 * lock, later) sees them too. (Not only those below T's xmin: on a server where another
 * database's long transaction holds the xmin back, those would pile up.) When nothing changed
 * since the stored snapshot, nothing is written: the stored snapshot still tells what is stale,
 * and a load that writes nothing commits without waiting for the disk.
 */
export function stakedActions(orgId: bigint, actions: RawBuilder<unknown>, scales: StakeScales, mode: StakesMode): RawBuilder<unknown> {
  if (mode === 'live') {
    return sql`
      staked as (
        select a.source, a.id, a.kind, coalesce(s.weight, 0) as weight, s.oldest
          from (${actions}) a
          left join lateral (${stakeOf(orgId, sql`a.invoice_ids`, scales)}) s on true)`;
  }
  const writes = sql`
    stored as (
      insert into worklist_stakes as w (org_id, action_id, weight, oldest)
      select ${orgId}, c.id, c.weight, c.oldest from computed c
      on conflict (org_id, action_id) do update set weight = excluded.weight, oldest = excluded.oldest
       where (w.weight, w.oldest) is distinct from (excluded.weight, excluded.oldest)),
    gone as (
      delete from worklist_stakes w
       where w.org_id = ${orgId} and w.action_id = any(array(select b.stored_id from both_sides b where b.id is null))),
    dirty as (select (select yes from whole) or exists (select 1 from changed) or exists (select 1 from both_sides where redo or id is null) as yes),
    seen as (
      insert into worklist_stakes_seen (org_id, seen, scales)
      select ${orgId}, pg_current_snapshot(), ${scales} where (select yes from dirty)
      on conflict (org_id) do update set seen = excluded.seen, scales = excluded.scales),
    pruned as (delete from stake_changes c where c.org_id = ${orgId} and (select yes from dirty)),`;
  return sql`
    head as (select h.seen from worklist_stakes_seen h where h.org_id = ${orgId} and h.scales = ${scales}),
    changed as (select c.customer_id from stake_changes c, head where c.org_id = ${orgId} and not pg_visible_in_snapshot(c.xid, head.seen)),
    whole as (select not exists (select 1 from head) or exists (select 1 from changed where customer_id is null) as yes),
    listed as (
      select a.source, a.id, a.kind, a.customer_id, a.invoice_ids, w.action_id as stored_id, w.weight, w.oldest
        from (${actions}) a
        full join (select action_id, weight, oldest from worklist_stakes where org_id = ${orgId}) w on w.action_id = a.id),
    both_sides as materialized (
      select l.*, l.id is not null and ((select yes from whole) or l.stored_id is null
               or l.customer_id in (select customer_id from changed where customer_id is not null)) as redo
        from listed l),
    computed as materialized (
      select b.source, b.id, b.kind, coalesce(s.weight, 0) as weight, s.oldest
        from both_sides b
        left join lateral (${stakeOf(orgId, sql`b.invoice_ids`, scales)}) s on true
       where b.redo),
    ${mode === 'store' ? writes : sql``}
    staked as (
      select b.source, b.id, b.kind, b.weight, b.oldest from both_sides b where b.id is not null and not b.redo
      union all
      select c.source, c.id, c.kind, c.weight, c.oldest from computed c)`;
}

const lockKey = (orgId: bigint) => sql`hashtextextended('arrears-worklist-stakes:' || ${orgId.toString()}, 0)`;

/**
 * A short transaction (read committed) for a statement of stakedActions, with the organisation's
 * stakes lock: storing statements run one after another, each one's snapshot seeing what the one
 * before stored, and the change rows it deleted as ended. `wait` false: when another transaction
 * holds the lock, `locked` is false at once instead (a load then reads 'stored', storing nothing).
 */
export async function stakesTransaction<T>(db: Kysely<DB>, orgId: bigint, wait: boolean, work: (tx: Transaction<DB>, locked: boolean) => Promise<T>): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('read committed')
    .execute(async (tx) => {
      // The settings, for this transaction only: the full join's hash of every action (planned
      // for a handful of rows when the statistics are stale) fits in memory instead of spilling in
      // batches, and a statement estimated dear once the statistics are fresh is not compiled
      // (JIT), which costs more than it saves here (as for the dashboard's figures).
      const lock = wait ? sql`pg_advisory_xact_lock(${lockKey(orgId)}) is not null` : sql`pg_try_advisory_xact_lock(${lockKey(orgId)})`;
      const { rows } = await sql<{ locked: boolean }>`select ${lock} as locked, set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`.execute(tx);
      return work(tx, rows[0]!.locked);
    });
}
