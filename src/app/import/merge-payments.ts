// Payments from a stage table into the ledger: resolve customer and invoice, refuse changes to
// payments already imported, then allocate — to the invoice a row names first, the rest to the
// customer's oldest open invoices in the same currency (first in, first out), all set-based.
import { sql, type Transaction } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { DB } from '../../db/schema.ts';
import type { ProblemList } from './problems.ts';
import { paymentStage } from './stage-tables.ts';

/** This import's stage table, as SQL. */
const staged = sql.table(paymentStage.name);

interface ResolutionRow {
  line: number;
  external_id: string;
  customer_key: string | null;
  invoice_number: string | null;
  currency: string;
  customer_id: bigint | null;
  invoice_id: bigint | null;
  invoice_customer_id: bigint | null;
  invoice_currency: string | null;
  stored_amount: bigint | null;
  stored_received_on: string | null;
  stored_currency: string | null;
  amount: bigint;
  received_on: string;
  first_line: number;
}

/**
 * Resolves each row's customer (by external id, else by a unique name) and invoice (by number),
 * and reports what cannot be resolved or contradicts what is stored.
 */
export async function resolvePayments(tx: Transaction<DB>, orgId: bigint, problems: ProblemList): Promise<void> {
  await sql`create temporary table stage_payment_links on commit drop as
    select s.line,
           coalesce(by_id.id, by_name.id, inv.customer_id) as customer_id,
           inv.id as invoice_id,
           min(s.line) over (partition by s.external_id) as first_line
      from ${staged} s
      left join customers by_id on by_id.org_id = ${orgId} and by_id.external_id = s.customer_key
      left join lateral (
        select min(c.id) as id from customers c
         where by_id.id is null and c.org_id = ${orgId} and lower(c.name) = lower(s.customer_key)
        having count(*) = 1) by_name on true
      left join invoices inv on inv.org_id = ${orgId} and inv.number = s.invoice_number`.execute(tx);

  const rows = await sql<ResolutionRow>`
    select s.line, s.external_id, s.customer_key, s.invoice_number, s.currency, s.amount, s.received_on,
           l.customer_id, l.invoice_id, l.first_line,
           inv.customer_id as invoice_customer_id, inv.currency as invoice_currency,
           p.amount as stored_amount, p.received_on as stored_received_on, p.currency as stored_currency
      from ${staged} s
      join stage_payment_links l using (line)
      left join invoices inv on inv.org_id = ${orgId} and inv.id = l.invoice_id
      left join payments p on p.org_id = ${orgId} and p.external_id = s.external_id
     where l.customer_id is null
        or (s.invoice_number is not null and l.invoice_id is null)
        or (inv.id is not null and (inv.customer_id <> l.customer_id or inv.currency <> s.currency))
        or (p.id is not null and (p.amount, p.received_on, p.currency) is distinct from (s.amount, s.received_on, s.currency))
        or l.first_line <> s.line
     order by s.line`.execute(tx);

  const firstByExternalId = new Map<string, ResolutionRow>();
  for (const row of rows.rows) {
    const add = (column: string | null, value: string | null, message: string) => problems.add({ line: row.line, column, value, message });
    if (row.invoice_number !== null && row.invoice_id === null) {
      add('invoice number', row.invoice_number, `invoice ${row.invoice_number} is not known; import the invoices first, or correct the number`);
    } else if (row.customer_id === null) {
      add('customer', row.customer_key, `customer "${row.customer_key}" is not known (nor unique by name); import customers or invoices first`);
    } else if (row.invoice_id !== null && row.invoice_customer_id !== row.customer_id) {
      add('invoice number', row.invoice_number, `invoice ${row.invoice_number} belongs to another customer than "${row.customer_key}"`);
    } else if (row.invoice_id !== null && row.invoice_currency !== row.currency) {
      add('currency', row.currency, `invoice ${row.invoice_number} is in ${row.invoice_currency}; a payment to it must be in the same currency`);
    }
    if (row.stored_amount !== null) {
      add('payment id', row.external_id, `payment ${row.external_id} was imported before with other data (${row.stored_amount} ${row.stored_currency} on ${row.stored_received_on}); imported payments cannot be changed`);
    }
    if (row.first_line !== row.line) {
      const first = firstByExternalId.get(row.external_id);
      if (!first || first.amount !== row.amount || first.received_on !== row.received_on || first.currency !== row.currency) {
        add('payment id', row.external_id, `payment ${row.external_id} is also on line ${row.first_line}; each payment once`);
      }
    } else {
      firstByExternalId.set(row.external_id, row);
    }
  }
  // identical repeats of a payment collapse to the first
  await sql`delete from ${staged} s using stage_payment_links l
             where l.line = s.line and l.first_line <> s.line`.execute(tx);
}

/** `at`: the import's instant, the timeline entries' time. */
export async function mergePayments(tx: Transaction<DB>, options: { orgId: bigint; importId: bigint | null; at: Temporal.Instant }): Promise<Record<string, number>> {
  const { orgId } = options;
  await sql`create temporary table new_payments on commit drop as
    with inserted as (
      insert into payments (org_id, customer_id, external_id, received_on, amount, currency, method, reference, source, import_id)
      select ${orgId}, l.customer_id, s.external_id, s.received_on, s.amount, s.currency, s.method, s.reference, 'import', ${options.importId}
        from ${staged} s join stage_payment_links l using (line)
       where not exists (select 1 from payments p where p.org_id = ${orgId} and p.external_id = s.external_id)
      returning id, external_id, customer_id, received_on, amount, currency
    )
    select i.*, s.line, l.invoice_id from inserted i
      join ${staged} s using (external_id)
      join stage_payment_links l using (line)`.execute(tx);

  // First, the invoice a row names, up to its balance, payments in date order.
  const explicit = await sql`
    insert into allocations (org_id, invoice_id, payment_id, amount, allocated_on)
    select ${orgId}, invoice_id, id, amount, received_on from (
      select p.id, p.invoice_id, p.received_on,
             least(p.amount, greatest(inv.balance - coalesce(sum(p.amount) over (
               partition by p.invoice_id order by p.received_on, p.line rows between unbounded preceding and 1 preceding), 0), 0)) as amount
        from new_payments p join invoices inv on inv.org_id = ${orgId} and inv.id = p.invoice_id
       where inv.status = 'open') a
    where amount > 0`.execute(tx);

  // Then what is left of each new payment, oldest payment to oldest due invoice: each payment and
  // each invoice is an interval on the customer's running total, and an allocation is their overlap.
  const fifo = await sql`
    insert into allocations (org_id, invoice_id, payment_id, amount, allocated_on)
    with pay as (
      select p.id, p.customer_id, p.currency, p.received_on, p.amount - p.allocated as free,
             sum(p.amount - p.allocated) over w - (p.amount - p.allocated) as start
        from payments p
       where p.org_id = ${orgId} and p.id in (select id from new_payments) and p.amount > p.allocated
      window w as (partition by p.customer_id, p.currency order by p.received_on, p.id)
    ), inv as (
      select i.id, i.customer_id, i.currency, i.balance,
             sum(i.balance) over w - i.balance as start
        from invoices i
       where i.org_id = ${orgId} and i.status = 'open' and i.balance > 0
         and (i.customer_id, i.currency) in (select customer_id, currency from pay)
         and not exists (select 1 from disputes d where d.org_id = i.org_id and d.invoice_id = i.id and d.status = 'open')
      window w as (partition by i.customer_id, i.currency order by i.due_date, i.id)
    )
    select ${orgId}, inv.id, pay.id,
           least(pay.start + pay.free, inv.start + inv.balance) - greatest(pay.start, inv.start), pay.received_on
      from pay join inv on inv.customer_id = pay.customer_id and inv.currency = pay.currency
     where pay.start < inv.start + inv.balance and inv.start < pay.start + pay.free`.execute(tx);

  await sql`
    insert into activities (org_id, customer_id, kind, actor, summary, data, occurred_at)
    select ${orgId}, p.customer_id, 'payment', 'import', 'Payment ' || p.external_id || ' received',
           jsonb_build_object('paymentId', p.id::text, 'amount', p.amount::text, 'currency', p.currency, 'receivedOn', p.received_on),
           ${options.at.toString()}::timestamptz
      from new_payments p`.execute(tx);

  const created = await sql<{ count: bigint }>`select count(*) as count from new_payments`.execute(tx);
  const stagedCount = await sql<{ count: bigint }>`select count(*) as count from ${staged}`.execute(tx);
  const paymentsCreated = Number(created.rows[0]?.count ?? 0n);
  return {
    paymentsCreated,
    paymentsUnchanged: Number(stagedCount.rows[0]?.count ?? 0n) - paymentsCreated,
    allocationsCreated: Number(explicit.numAffectedRows ?? 0n) + Number(fifo.numAffectedRows ?? 0n),
  };
}
