// The customer import: staged customer rows, checked for contradictions, upserted.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ProblemList } from './problems.ts';
import { customerStageColumns, mergeCustomers } from './stage-customers.ts';
import type { StageTable } from './staging.ts';
import type { CustomerRecord } from './types.ts';

export const customerStage: StageTable<CustomerRecord> = {
  name: 'stage_customers',
  columns: [['line', 'integer', (r) => r.line], ...customerStageColumns<CustomerRecord>((r) => r.customer)],
};

/** The same customer twice must say the same thing; identical repeats are fine. */
export async function checkDuplicateCustomers(tx: Transaction<DB>, problems: ProblemList): Promise<void> {
  const rows = await sql<{ customer_key: string; lines: number[] }>`
    select customer_key, array_agg(line order by line) as lines
      from stage_customers
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

export async function mergeCustomerRows(tx: Transaction<DB>, options: { orgId: bigint; orgCurrency: string; sourceLabel: string }) {
  return mergeCustomers(tx, 'stage_customers', {
    orgId: options.orgId,
    orgCurrency: options.orgCurrency,
    source: options.sourceLabel,
    fallbackCurrency: null,
  });
}
