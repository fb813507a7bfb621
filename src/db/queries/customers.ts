// Reads of customers (debtor accounts), always scoped to one organisation.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import { agingBucketRanges, type AgingBucket } from '../../domain/aging.ts';
import type { CaseStatus, Customer, CustomerKind } from '../schema.ts';
import { bucketCondition } from './aging.ts';
import { openDisputedSql } from './chaseable.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export type CustomerStatus = Exclude<CaseStatus, 'closed'> | 'no_case' | 'excluded';

export interface CustomerFilters {
  /** Part of the name, external id, a contact's email or an invoice number, case-insensitive. */
  q?: string | undefined;
  kind?: CustomerKind | undefined;
  tag?: string | undefined;
  /** The aging bucket on `today` of the customer's most overdue open invoice ('current': nothing overdue). */
  bucket?: { bucket: AgingBucket; today: string } | undefined;
  /** The status of the customer's open case; no_case: none open; excluded: excluded from collection. */
  status?: CustomerStatus | undefined;
  /** The playbook chosen for the customer (its override). */
  playbook?: string | undefined;
  /** Customers who owe something in this currency (an open invoice with a balance). */
  currency?: string | undefined;
  /** Customers with something overdue on `today` (in `currency` when given): the rows behind an overdue total. */
  overdueOn?: string | undefined;
  /** Customers with an amount in this bucket of the aging on `today` (in `currency` when given): the rows behind a bar of the aging. */
  invoiceBucket?: { bucket: AgingBucket; today: string } | undefined;
}

export type CustomerOrder = 'id' | 'name';

/**
 * A page of customers matching the filters. By id, keyset-paginated; by name, the cursor is the
 * position in that order (a search's pages, where rows added meanwhile may shift one).
 */
export async function listCustomers(db: Executor, orgId: bigint, filters: CustomerFilters, page: PageRequest, order: CustomerOrder = 'id'): Promise<Page<Customer>> {
  let query = db.selectFrom('customers').selectAll().where('org_id', '=', orgId);
  if (filters.q) query = query.where(matchesText(db, orgId, filters.q));
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.tag) query = query.where(sql<boolean>`tags @> array[${filters.tag}]::text[]`);
  if (filters.playbook) query = query.where('playbook_override', '=', filters.playbook);
  if (filters.bucket) query = query.where(inBucket(filters.bucket.bucket, filters.bucket.today));
  if (filters.status) query = query.where(hasStatus(filters.status));
  if (filters.invoiceBucket) query = query.where(inAgingBar(filters.invoiceBucket.bucket, filters.invoiceBucket.today, filters.currency));
  if (filters.overdueOn || (filters.currency && !filters.invoiceBucket)) query = query.where(owes(filters.currency, filters.overdueOn));
  if (order === 'id') return fetchPage(query, 'id', page);
  const offset = Number(page.after ?? 0n);
  const rows = await query.orderBy('name').orderBy('id').offset(offset).limit(page.limit + 1).execute();
  const more = rows.length > page.limit;
  if (more) rows.length = page.limit;
  return { rows, nextAfter: more ? BigInt(offset + page.limit) : null };
}

/**
 * The customers the search text finds: in the name, the external id or a contact's email anywhere,
 * or at the start of one of their invoice numbers.
 */
function matchesText(db: Executor, orgId: bigint, text: string) {
  const anywhere = `%${escapeLike(text)}%`;
  const start = `${escapeLike(text)}%`;
  const inOwnFields = (table: 'customers' | 'c') => sql<boolean>`(${sql.ref(`${table}.name`)} ilike ${anywhere} or ${sql.ref(`${table}.external_id`)} ilike ${anywhere})`;
  const byContact = db.selectFrom('contacts as k').select('k.customer_id as id').where('k.org_id', '=', orgId).where('k.email', 'ilike', anywhere);
  const byInvoice = db.selectFrom('invoices as i').select('i.customer_id as id').where('i.org_id', '=', orgId).where(sql<boolean>`lower(i.number) like lower(${start})`);
  if (!hasTrigram(text)) {
    // Nothing for the trigram indexes to look up: walk the customers in the page's order and stop
    // at the page's end (the contacts and invoices each read once, as a hashed set of ids).
    return sql<boolean>`(${inOwnFields('customers')} or customers.id in ${byContact} or customers.id in ${byInvoice})`;
  }
  // One branch per table, so that each reads its index (the trigram indexes of migration 0028,
  // invoices_number_prefix of 0025): under one OR across the tables the planner could only walk
  // every customer of the organisation and test each.
  const byOwnFields = db.selectFrom('customers as c').select('c.id').where('c.org_id', '=', orgId).where(inOwnFields('c'));
  return sql<boolean>`customers.id in ${byOwnFields.union(byContact).union(byInvoice)}`;
}

/** Whether pg_trgm finds a trigram to look up in the text: three letters or digits in a row. */
function hasTrigram(text: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(text);
}

/** Days past due on `today` of the customer's most overdue open invoice with a balance; null when none is overdue. */
function oldestDaysLate(today: string) {
  return sql<number | null>`(select max(${today}::date - i.due_date) from invoices i
    where i.org_id = customers.org_id and i.customer_id = customers.id and i.status = 'open' and i.balance > 0 and i.due_date < ${today}::date)`;
}

function inBucket(bucket: AgingBucket, today: string) {
  const range = agingBucketRanges.find((r) => r.bucket === bucket)!;
  if (range.maxDays === 0) return sql<boolean>`${oldestDaysLate(today)} is null`;
  return sql<boolean>`coalesce(${oldestDaysLate(today)}, 0) between ${range.minDays ?? 1} and ${range.maxDays ?? 2147483647}`;
}

/** An open invoice with a balance — in the currency, overdue on the day, when given — the same invoices the aging totals add up. */
function owes(currency: string | undefined, overdueOn: string | undefined) {
  return sql<boolean>`exists (select 1 from invoices i
    where i.org_id = customers.org_id and i.customer_id = customers.id and i.status = 'open' and i.balance > 0
    ${currency ? sql`and i.currency = ${currency}` : sql``} ${overdueOn ? sql`and i.due_date < ${overdueOn}::date` : sql``})`;
}

/**
 * The customer has an amount in the aging's bar of this bucket (in the currency, when given) on
 * `today`: as agingByCustomer counts it, its open invoices issued by then in the bucket, each for
 * its balance less its open disputed part, add up to something in one currency.
 */
function inAgingBar(bucket: AgingBucket, today: string, currency: string | undefined) {
  const range = agingBucketRanges.find((r) => r.bucket === bucket)!;
  return sql<boolean>`exists (select 1 from invoices i
    cross join lateral (select count(*) as disputes, ${openDisputedSql} as amount from disputes x
                         where x.org_id = i.org_id and x.invoice_id = i.id and x.status = 'open') d
    where i.org_id = customers.org_id and i.customer_id = customers.id and i.status = 'open' and i.issue_date <= ${today}::date
      and ${bucketCondition(sql.ref('i.due_date'), today, range.minDays, range.maxDays)}
      ${currency ? sql`and i.currency = ${currency}` : sql``}
    group by i.currency
    having money_sum(i.balance - case when d.disputes = 0 then 0 else coalesce(least(d.amount, greatest(i.balance, 0)), i.balance) end) <> 0)`;
}

function hasStatus(status: CustomerStatus) {
  if (status === 'excluded') return sql<boolean>`customers.excluded_reason is not null`;
  const openCase = (condition: ReturnType<typeof sql>) =>
    sql<boolean>`exists (select 1 from cases k where k.org_id = customers.org_id and k.customer_id = customers.id and k.status <> 'closed' ${condition})`;
  return status === 'no_case' ? sql<boolean>`not ${openCase(sql``)}` : openCase(sql`and k.status = ${status}`);
}

export interface CustomerBalance {
  customer_id: bigint;
  currency: string;
  balance: bigint;
  overdue: bigint;
  oldest_due: string | null;
}

/** Open balances and their overdue part per customer and currency, for one page of customers (one query). */
export async function balancesOfCustomers(db: Executor, orgId: bigint, customerIds: bigint[], today: string): Promise<CustomerBalance[]> {
  if (customerIds.length === 0) return [];
  const { rows } = await sql<CustomerBalance>`
    select customer_id, currency, money_sum(balance) as balance,
           money_sum(case when due_date < ${today}::date then balance else 0 end) as overdue,
           min(due_date) filter (where due_date < ${today}::date) as oldest_due
      from invoices
     where org_id = ${orgId} and customer_id = any(${customerIds.map(String)}::bigint[]) and status = 'open' and balance > 0
     group by customer_id, currency
     order by customer_id, currency`.execute(db);
  return rows;
}

export function findCustomer(db: Executor, orgId: bigint, id: bigint): Promise<Customer | undefined> {
  return db.selectFrom('customers').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

/** The customer an accounting system's id names; `forUpdate` locks its row for the transaction. */
export function findCustomerByExternalId(
  db: Executor,
  orgId: bigint,
  externalId: string,
  options: { forUpdate?: boolean } = {},
): Promise<Customer | undefined> {
  const query = db.selectFrom('customers').selectAll().where('org_id', '=', orgId).where('external_id', '=', externalId);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

/** A user's search text taken literally: % and _ are not wildcards for them. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
