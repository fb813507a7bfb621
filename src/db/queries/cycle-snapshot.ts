// The cycle's snapshot: one set-based read per organisation of everything the planner needs for
// every customer with something to chase, streamed in customer order so a portfolio of any size
// is planned in bounded memory. Each small table (holds, contacts, cases, promises, recent
// actions and responses) is aggregated once per customer and hash-joined — never a query per
// customer.
import { sql, type Transaction } from 'kysely';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { reachedDebtorStatuses } from '../../domain/actions/action-status.ts';
import { historyDays, type CustomerState, type Delivery } from '../../domain/cycle/customer-state.ts';
import { listenedOutcomes, type Channel, type ListenedOutcome } from '../../domain/playbooks/playbook.ts';
import { fetchInPages } from '../cursor.ts';
import { activeHoldSql, chaseableInvoicesSql } from './chaseable.ts';
import { bookingsSql, conversationsSql, customerHistory, debtorColumns, debtorLocalDate, onlyCustomers, reachSql, toBookings, toDebtor, type DebtorRow } from './debtor-contact.ts';
import type { DB } from '../schema.ts';

interface SnapshotRow extends DebtorRow {
  customer_id: bigint;
  external_id: string;
  name: string;
  tags: string[];
  risk: 'low' | 'normal' | 'high';
  customer_since: string | null;
  playbook_override: string | null;
  excluded_reason: string | null;
  /** 'id currency due_date amount' per invoice, comma-separated, in due-date order */
  invoice_facts: string;
  invoice_numbers: string[];
  hold_reason: string | null;
  hold_until: string | null;
  reach_email: boolean | null;
  reach_letter: boolean | null;
  reach_sms: boolean | null;
  reach_call: boolean | null;
  case_id: bigint | null;
  done_keys: string[] | null;
  done_dates: string[] | null;
  done_deliveries: Array<string | null> | null;
  last_response_on: string | null;
  pending_promise_due: string | null;
  said_outcome: ListenedOutcome | null;
  said_on: string | null;
  broken_kind: 'promise' | 'plan' | null;
  broken_id: bigint | null;
  broken_on: string | null;
  booked_dates: string[] | null;
  booked_channels: Channel[] | null;
}

export interface SnapshotOptions {
  orgId: bigint;
  date: IsoDate;
  /** Invoices due up to this many days ahead are read too, for notes before the due date. */
  preDueDays: number;
  /** For customers without a time zone of their own. */
  orgTimeZone: string;
  /** Read only these customers (the run's customers to plan); everyone with something to chase when absent. */
  customers?: readonly bigint[];
}

export function snapshotQuery({ orgId, date, preDueDays, orgTimeZone, customers }: SnapshotOptions) {
  const windowEnd = addDays(date, preDueDays);
  const since = addDays(date, -historyDays);
  return sql<SnapshotRow>`
    with chase as (
      -- what may be chased on each invoice: the rule of chaseable.ts; the customer's own pauses
      -- (its hold, a pending promise) are the planner's, which skips the customer with the reason;
      -- a hold on an invoice and an arrangement (plan, settlement) zero that invoice only
      ${chaseableInvoicesSql({ orgId, date, customerPauses: false, where: sql`and i.due_date <= ${windowEnd}::date ${onlyCustomers(sql.ref('i.customer_id'), customers)}` })}
    ), per_customer as (
      -- One sort of all the rows, aggregated in that order (an aggregate keeps its input's order),
      -- rather than a sort per customer and column. The facts made only of digits, letters and
      -- dashes travel as one plain string per customer, which is far cheaper to read than arrays;
      -- invoice numbers (any text) as an array, quoted by PostgreSQL. A date's text is YYYY-MM-DD
      -- (the ISO DateStyle every reader here assumes, src/db/type-parsers.ts); to_char was ≈ 0.3 s
      -- slower over a million invoices.
      select customer_id,
             string_agg(id || ' ' || currency || ' ' || due_date::text || ' ' || amount, ',') as invoice_facts,
             array_agg(number) as invoice_numbers
        from (select * from chase where amount > 0 order by customer_id, due_date, id) ordered
       group by customer_id
    ), customer_holds as (
      select distinct on (customer_id) customer_id, reason, ends_on
        from holds h
       where org_id = ${orgId} and invoice_id is null and ${activeHoldSql('h', date)}
       order by customer_id, ends_on desc nulls first
    ), reach as (${reachSql(orgId, customers)}
    ), open_cases as not materialized (
      select customer_id, id, opened_on from cases where org_id = ${orgId} and status <> 'closed' ${onlyCustomers(sql.ref('customer_id'), customers)}
    ), done as materialized (
      -- MATERIALIZED, as each read of a customer's history below: computed once, then joined. A
      -- read customer by customer (customerHistory) inlined into the join could be planned as the
      -- inner side of a nested loop and run again for every customer (PGlite, which keeps no
      -- statistics, did: seconds for a few hundred customers).
      -- what became of each step of an open case (case-progress.ts, Delivery), packed as
      -- 'status day deadline': r(eached) on the day it went out (sent_on, stored as the debtor's
      -- local day), w(aiting), l(apsed) on the day it was planned. Actions outside a case (notes
      -- before the due date) are only keys: nothing waits on them.
      select a.customer_id, array_agg(a.idempotency_key order by a.id) as keys, array_agg(a.cycle_date order by a.id) as dates,
             array_agg(case when a.case_id is null then null
                            when a.status in (${sql.join(reachedDebtorStatuses.map((status) => sql.lit(status)))})
                              then 'r ' || coalesce(a.sent_on, a.cycle_date)::text || coalesce(' ' || a.deadline_on::text, '')
                            when a.kind = 'task' or a.status in ('blocked', 'failed', 'cancelled', 'superseded') then 'l ' || a.cycle_date::text
                            else 'w' end order by a.id) as deliveries
        from ${customerHistory('actions', orgId, customers)}
        left join open_cases k on k.id = a.case_id
       where a.org_id = ${orgId} and a.cycle_date < ${date}::date
         and (k.id is not null or (a.case_id is null and a.cycle_date >= ${since}::date))
       group by a.customer_id
    ), booked as materialized (${bookingsSql(orgId, date, orgTimeZone, customers)}
    ), responses as materialized (
      select a.customer_id, max(${debtorLocalDate(sql.ref('a.occurred_at'), orgTimeZone)}) as last_on
        from ${customerHistory('activities', orgId, customers, { column: 'occurred_at', from: since })} join customers c on c.org_id = a.org_id and c.id = a.customer_id
       where a.org_id = ${orgId} and a.kind in ('payment', 'promise', 'dispute', 'reply', 'call_outcome', 'credit_note')
         ${onlyCustomers(sql.ref('c.id'), customers)}
       group by a.customer_id
    ), conversations as materialized (${conversationsSql(orgId, date, orgTimeZone, customers)}
    ), said as materialized (
      -- what the debtor last said in the open case that a playbook may listen for (a call
      -- outcome before this day): it chooses the case's path (domain/cycle/listening.ts)
      select distinct on (a.customer_id) a.customer_id, a.data->>'outcome' as outcome, ${debtorLocalDate(sql.ref('a.occurred_at'), orgTimeZone)} as said_on
        from ${customerHistory('activities', orgId, customers, { column: 'occurred_at', from: since })}
        join customers c on c.org_id = a.org_id and c.id = a.customer_id
        join open_cases k on k.customer_id = a.customer_id
       where a.org_id = ${orgId} and a.kind = 'call_outcome'
         and a.data->>'outcome' in (${sql.join(listenedOutcomes.map((outcome) => sql.lit(outcome)))})
         and ${debtorLocalDate(sql.ref('a.occurred_at'), orgTimeZone)} >= k.opened_on
         and ${debtorLocalDate(sql.ref('a.occurred_at'), orgTimeZone)} < ${date}::date
         ${onlyCustomers(sql.ref('c.id'), customers)}
       order by a.customer_id, a.occurred_at desc, a.id desc
    ), pending_promises as (
      select customer_id, min(due_on) as due_on from promises
       where org_id = ${orgId} and status = 'pending' group by customer_id
    ), broken_arrangements as (
      -- the latest promise broken or payment plan defaulted in the open case
      select distinct on (b.customer_id) b.customer_id, b.kind, b.id, b.resolved_on
        from (select customer_id, 'promise' as kind, id, resolved_on from promises
               where org_id = ${orgId} and status = 'broken' and resolved_on <= ${date}::date
              union all
              select customer_id, 'plan' as kind, id, resolved_on from payment_plans
               where org_id = ${orgId} and status = 'defaulted' and resolved_on <= ${date}::date) b
        join open_cases k on k.customer_id = b.customer_id
       where b.resolved_on >= k.opened_on
       order by b.customer_id, b.resolved_on desc, b.kind, b.id desc
    )
    select c.id as customer_id, c.external_id, c.name, c.tags, c.risk, c.customer_since,
           coalesce(c.time_zone, ${orgTimeZone}) as time_zone, c.playbook_override, c.excluded_reason,
           pc.invoice_facts, pc.invoice_numbers,
           h.reason as hold_reason, h.ends_on as hold_until,
           r.email as reach_email, r.letter as reach_letter, r.sms as reach_sms, r.call as reach_call,
           k.id as case_id, dn.keys as done_keys, dn.dates as done_dates, dn.deliveries as done_deliveries,
           rs.last_on as last_response_on, pp.due_on as pending_promise_due, sd.outcome as said_outcome, sd.said_on,
           bp.kind as broken_kind, bp.id as broken_id, bp.resolved_on as broken_on,
           bk.dates as booked_dates, bk.channels as booked_channels,
           ${debtorColumns}, r.city, cv.last_on as last_conversation_on
      from per_customer pc
      join customers c on c.org_id = ${orgId} and c.id = pc.customer_id ${onlyCustomers(sql.ref('c.id'), customers)}
      left join customer_holds h on h.customer_id = c.id
      left join reach r on r.customer_id = c.id
      left join open_cases k on k.customer_id = c.id
      left join done dn on dn.customer_id = c.id
      left join booked bk on bk.customer_id = c.id
      left join conversations cv on cv.customer_id = c.id
      left join responses rs on rs.customer_id = c.id
      left join pending_promises pp on pp.customer_id = c.id
      left join said sd on sd.customer_id = c.id
      left join broken_arrangements bp on bp.customer_id = c.id
     order by c.id`;
}

function toCustomerState(row: SnapshotRow): CustomerState {
  const done = new Map<string, IsoDate>();
  const delivery = new Map<string, Delivery>();
  row.done_keys?.forEach((key, index) => {
    done.set(key, row.done_dates![index]!);
    const packed = row.done_deliveries![index];
    if (packed) delivery.set(key, toDelivery(packed));
  });
  return {
    customerId: row.customer_id,
    externalId: row.external_id,
    name: row.name,
    profile: { kind: row.kind, tags: row.tags, risk: row.risk, customerSince: row.customer_since, playbookOverride: row.playbook_override },
    excludedReason: row.excluded_reason,
    hold: row.hold_reason === null ? null : { reason: row.hold_reason, until: row.hold_until },
    timeZone: row.time_zone,
    reach: { email: row.reach_email ?? false, letter: row.reach_letter ?? false, sms: row.reach_sms ?? false, call: row.reach_call ?? false },
    invoices: row.invoice_facts.split(',').map((facts, index) => {
      const [id, currency, dueDate, amount] = facts.split(' ') as [string, string, string, string];
      return { id: BigInt(id), number: row.invoice_numbers[index]!, currency, dueDate, amount: BigInt(amount) };
    }),
    caseId: row.case_id,
    done,
    delivery,
    lastResponseOn: row.last_response_on,
    said: row.said_outcome === null ? null : { outcome: row.said_outcome, on: row.said_on! },
    pendingPromise: row.pending_promise_due === null ? null : { dueOn: row.pending_promise_due },
    brokenArrangement: row.broken_id === null ? null : { kind: row.broken_kind!, id: row.broken_id, brokenOn: row.broken_on! },
    bookings: toBookings(row.booked_dates, row.booked_channels),
    debtor: toDebtor(row),
  };
}

function toDelivery(packed: string): Delivery {
  const [status, on, deadlineOn] = packed.split(' ');
  if (status === 'r') return { status: 'reached', on: on!, deadlineOn: deadlineOn ?? null };
  if (status === 'l') return { status: 'lapsed', on: on! };
  return { status: 'waiting' };
}

/**
 * Customer states in customer-id order, `pageSize` at a time; the transaction may write between
 * pages. `expectedCustomers`: how many the run's list has to plan (customersToPlan); up to
 * `wholeSnapshotCustomers` of them are read with one query, in one page (a customer with an
 * invoice committed since the list was made comes too).
 */
export async function* streamCycleSnapshot(tx: Transaction<DB>, options: SnapshotOptions, { pageSize = 2000, expectedCustomers }: { pageSize?: number; expectedCustomers?: number } = {}): AsyncIterable<CustomerState[]> {
  for await (const rows of fetchInPages(tx, snapshotQuery(options), pageSize, { expectedRows: expectedCustomers, wholeUpTo: Math.max(pageSize, wholeSnapshotCustomers) })) yield rows.map(toCustomerState);
}

/**
 * The most customers read with one plain query rather than a cursor: a steady day's few thousand
 * at a million invoices (≈ 7,000 of 100,000 customers), whose read then uses parallel workers
 * (≈ 10 % of that day's cycle, docs/benchmarks.md); a first day's hundred thousand stay paged.
 */
const wholeSnapshotCustomers = 20_000;
