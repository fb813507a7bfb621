// The set-based upsert of customers and their import contact from any stage table that carries
// customer columns (customer and invoice imports both do), and the customer import's own check.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ProblemList } from './problems.ts';
import { customerStage } from './stage-tables.ts';
import type { StageTable } from './staging.ts';

const customerFieldColumns = ['kind', 'country', 'region', 'time_zone', 'language', 'customer_currency', 'customer_since', 'tags', 'credit_limit'];
const contactFieldColumns = ['email', 'phone', 'address_line1', 'address_line2', 'address_line3', 'city', 'region', 'postal_code', 'country'];

export type CustomerMergeCounts = {
  customersCreated: number;
  customersUpdated: number;
  contactsCreated: number;
  contactsUpdated: number;
};

/** The same customer twice must say the same thing; identical repeats are fine. */
export async function checkDuplicateCustomers(tx: Transaction<DB>, problems: ProblemList, keys: readonly string[]): Promise<void> {
  const rows = await sql<{ customer_key: string; lines: number[] }>`
    select customer_key, array_agg(line order by line) as lines
      from ${sql.table(customerStage.name)}
     where customer_key = any(${keys}::text[])
     group by customer_key
    having count(distinct (customer_name, kind, email, phone, address_line1, address_line2, address_line3, city, region,
                           postal_code, country, time_zone, language, customer_currency, customer_since, tags, credit_limit)) > 1`.execute(tx);
  for (const row of rows.rows) {
    for (const line of row.lines) {
      problems.add({
        line,
        column: 'customer id',
        value: row.customer_key,
        message: `customer ${row.customer_key} is on lines ${row.lines.join(', ')} with different details; keep one row per customer`,
      });
    }
  }
}

/**
 * Upserts the customers named in `stage` (keyed by external id), then the contact each import
 * maintains per customer. A value the file leaves empty keeps what is stored; the last row of a
 * customer wins. `fallbackCurrency` is the currency column of the stage (invoice imports) or null.
 */
export async function mergeCustomers<Row>(
  tx: Transaction<DB>,
  stage: StageTable<Row>,
  options: { orgId: bigint; orgCurrency: string; source: string; fallbackCurrency: string | null },
): Promise<CustomerMergeCounts> {
  const lastValue = (column: string) => `(array_agg(${column} order by line desc) filter (where ${column} is not null))[1]`;
  const last = (column: string) =>
    column === 'tags'
      ? `(select array_agg(t) from jsonb_array_elements_text(${lastValue(column)}::jsonb) t) as tags`
      : `${lastValue(column)} as ${column}`;
  const currency = options.fallbackCurrency ? `coalesce(customer_currency, ${options.fallbackCurrency})` : 'customer_currency';
  await sql.raw(`create temporary table stage_customer_values on commit drop as
    select customer_key,
           ${lastValue('customer_name')} as customer_name,
           ${[...new Set([...customerFieldColumns, ...contactFieldColumns])].filter((c) => c !== 'customer_currency').map(last).join(',\n')},
           (array_agg(customer_currency order by line desc) filter (where customer_currency is not null))[1] as customer_currency,
           -- a new customer's currency: its own column, else its first invoice's
           (array_agg(${currency} order by line) filter (where ${currency} is not null))[1] as new_customer_currency
      from ${stage.name} group by customer_key`).execute(tx);

  const orgId = options.orgId;
  const updated = await sql`
    update customers c set
      name = coalesce(s.customer_name, c.name),
      kind = coalesce(s.kind, c.kind),
      country = coalesce(s.country, c.country),
      region = coalesce(s.region, c.region),
      time_zone = coalesce(s.time_zone, c.time_zone),
      language = coalesce(s.language, c.language),
      currency = coalesce(s.customer_currency, c.currency),
      customer_since = coalesce(s.customer_since, c.customer_since),
      tags = coalesce(s.tags, c.tags),
      credit_limit = coalesce(s.credit_limit, c.credit_limit),
      updated_at = now()
    from stage_customer_values s
    where c.org_id = ${orgId} and c.external_id = s.customer_key
      and (c.name, c.kind, c.country, c.region, c.time_zone, c.language, c.currency, c.customer_since, c.tags, c.credit_limit)
          is distinct from
          (coalesce(s.customer_name, c.name), coalesce(s.kind, c.kind), coalesce(s.country, c.country), coalesce(s.region, c.region),
           coalesce(s.time_zone, c.time_zone), coalesce(s.language, c.language), coalesce(s.customer_currency, c.currency),
           coalesce(s.customer_since, c.customer_since), coalesce(s.tags, c.tags), coalesce(s.credit_limit, c.credit_limit))`.execute(tx);

  const created = await sql`
    insert into customers (org_id, external_id, name, kind, country, region, time_zone, language, currency,
                           customer_since, tags, credit_limit, source)
    select ${orgId}, s.customer_key, coalesce(s.customer_name, s.customer_key), coalesce(s.kind, 'business'), s.country, s.region, s.time_zone,
           s.language, coalesce(s.new_customer_currency, ${options.orgCurrency}), s.customer_since,
           coalesce(s.tags, '{}'), s.credit_limit, ${options.source}
      from stage_customer_values s
     where not exists (select 1 from customers c where c.org_id = ${orgId} and c.external_id = s.customer_key)
    on conflict (org_id, external_id) do nothing`.execute(tx);

  const contacts = await mergeImportContacts(tx, orgId, options.source);
  return {
    customersCreated: Number(created.numAffectedRows ?? 0n),
    customersUpdated: Number(updated.numAffectedRows ?? 0n),
    ...contacts,
  };
}

/** The billing contact an import keeps per customer (import_key 'import'); sources record the file. */
async function mergeImportContacts(tx: Transaction<DB>, orgId: bigint, source: string) {
  const hasContact = contactFieldColumns.map((c) => `s.${c} is not null`).join(' or ');
  const updated = await sql`
    update contacts k set
      email = coalesce(s.email, k.email),
      email_source = case when s.email is not null and s.email is distinct from k.email then ${source} else k.email_source end,
      phone = coalesce(s.phone, k.phone),
      phone_source = case when s.phone is not null and s.phone is distinct from k.phone then ${source} else k.phone_source end,
      address_line1 = coalesce(s.address_line1, k.address_line1),
      address_line2 = coalesce(s.address_line2, k.address_line2),
      address_line3 = coalesce(s.address_line3, k.address_line3),
      city = coalesce(s.city, k.city),
      region = coalesce(s.region, k.region),
      postal_code = coalesce(s.postal_code, k.postal_code),
      country = coalesce(s.country, k.country),
      address_source = case when s.address_line1 is not null and s.address_line1 is distinct from k.address_line1 then ${source} else k.address_source end,
      updated_at = now()
    from stage_customer_values s
    join customers c on c.org_id = ${orgId} and c.external_id = s.customer_key
    where k.org_id = ${orgId} and k.customer_id = c.id and k.import_key = 'import'
      and (k.email, k.phone, k.address_line1, k.address_line2, k.address_line3, k.city, k.region, k.postal_code, k.country)
          is distinct from
          (coalesce(s.email, k.email), coalesce(s.phone, k.phone), coalesce(s.address_line1, k.address_line1),
           coalesce(s.address_line2, k.address_line2), coalesce(s.address_line3, k.address_line3), coalesce(s.city, k.city),
           coalesce(s.region, k.region), coalesce(s.postal_code, k.postal_code), coalesce(s.country, k.country))`.execute(tx);
  const created = await sql`
    insert into contacts (org_id, customer_id, name, role, email, email_source, phone, phone_source, address_line1,
                          address_line2, address_line3, city, region, postal_code, country, address_source, import_key)
    select ${orgId}, c.id, c.name, 'billing', s.email, case when s.email is not null then ${source} end,
           s.phone, case when s.phone is not null then ${source} end, s.address_line1, s.address_line2, s.address_line3,
           s.city, s.region, s.postal_code, s.country, case when s.address_line1 is not null then ${source} end, 'import'
      from stage_customer_values s
      join customers c on c.org_id = ${orgId} and c.external_id = s.customer_key
     where (${sql.raw(hasContact)})
       and not exists (select 1 from contacts k where k.org_id = ${orgId} and k.customer_id = c.id and k.import_key = 'import')`.execute(tx);
  return { contactsCreated: Number(created.numAffectedRows ?? 0n), contactsUpdated: Number(updated.numAffectedRows ?? 0n) };
}
