// Reads of playbooks (immutable versions; the highest version of a name is in use) and of the
// segment rules that assign them, always scoped to one organisation.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';

export interface PlaybookRow {
  name: string;
  version: number;
  definition: unknown;
  created_by: string;
  created_at: string;
}

export interface PlaybookSetupRows {
  settings: unknown;
  /** The version in use of each playbook the organisation stored. */
  playbooks: Array<{ name: string; version: number; definition: unknown }>;
  /** In position order. */
  rules: Array<{ playbook_name: string; conditions: unknown }>;
}

/**
 * Everything that decides which playbook a customer follows, in one round trip: the org's
 * settings, the version in use of each stored playbook and the segment rules. The cycle reads
 * this once per run, so it must not grow a query per playbook or per rule.
 */
export async function playbookSetupRows(db: Executor, orgId: bigint): Promise<PlaybookSetupRows | undefined> {
  const row = await db
    .selectFrom('orgs')
    .where('orgs.id', '=', orgId)
    .select((eb) => [
      'orgs.settings',
      jsonArrayFrom(
        eb
          .selectFrom('playbooks')
          .distinctOn('playbooks.name')
          .select(['playbooks.name', 'playbooks.version', 'playbooks.definition'])
          .where('playbooks.org_id', '=', orgId)
          .orderBy('playbooks.name')
          .orderBy('playbooks.version', 'desc'),
      ).as('playbooks'),
      jsonArrayFrom(
        eb.selectFrom('playbook_rules').select(['playbook_rules.position', 'playbook_rules.playbook_name', 'playbook_rules.conditions']).where('playbook_rules.org_id', '=', orgId),
      ).as('rules'),
    ])
    .executeTakeFirst();
  if (!row) return undefined;
  // json_agg keeps no order it promises, so the rules are put in position order here.
  const rules = [...row.rules].sort((a, b) => a.position - b.position).map(({ playbook_name, conditions }) => ({ playbook_name, conditions }));
  return { settings: row.settings, playbooks: row.playbooks, rules };
}

/** The version in use of each stored playbook, with how many versions it has, by name. */
export function latestPlaybookRows(db: Executor, orgId: bigint): Promise<Array<PlaybookRow & { versions: number }>> {
  return db
    .selectFrom('playbooks')
    .distinctOn('name')
    .select(['name', 'version', 'definition', 'created_by', 'created_at', sql<number>`count(*) over (partition by name)::int`.as('versions')])
    .where('org_id', '=', orgId)
    .orderBy('name')
    .orderBy('version', 'desc')
    .execute();
}

/** One version of a stored playbook; without `version`, the one in use. */
export function findPlaybookRow(db: Executor, orgId: bigint, name: string, version?: number): Promise<PlaybookRow | undefined> {
  let query = db.selectFrom('playbooks').select(['name', 'version', 'definition', 'created_by', 'created_at']).where('org_id', '=', orgId).where('name', '=', name);
  query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  return query.executeTakeFirst();
}

/** The version numbers stored for a name, oldest first. */
export async function playbookVersionNumbers(db: Executor, orgId: bigint, name: string): Promise<number[]> {
  const rows = await db.selectFrom('playbooks').select('version').where('org_id', '=', orgId).where('name', '=', name).orderBy('version').execute();
  return rows.map((row) => row.version);
}

/**
 * What a customer owes past its due date as of `asOf`, per currency, as the cycle chases it:
 * open balances less their open disputed amounts (a dispute without an amount takes it all).
 */
export async function overdueByCurrency(db: Executor, orgId: bigint, customerId: bigint, asOf: IsoDate): Promise<Map<string, bigint>> {
  const { rows } = await sql<{ currency: string; amount: bigint }>`
    with disputed as (
      select d.invoice_id, case when bool_or(d.amount is null) then null else sum(d.amount) end as amount
        from disputes d join invoices i on i.org_id = d.org_id and i.id = d.invoice_id
       where d.org_id = ${orgId} and d.status = 'open' and i.customer_id = ${customerId}
       group by d.invoice_id
    )
    select i.currency,
           sum(case when d.invoice_id is null then i.balance when d.amount is null then 0 else greatest(i.balance - d.amount, 0) end)::bigint as amount
      from invoices i left join disputed d on d.invoice_id = i.id
     where i.org_id = ${orgId} and i.customer_id = ${customerId} and i.status = 'open' and i.balance > 0 and i.due_date < ${asOf}::date
     group by i.currency`.execute(db);
  return new Map(rows.filter((row) => row.amount > 0n).map((row) => [row.currency, row.amount]));
}

/** The names of the playbooks the organisation stored (built-in names are not included). */
export async function playbookNames(db: Executor, orgId: bigint): Promise<string[]> {
  const rows = await db.selectFrom('playbooks').select('name').distinct().where('org_id', '=', orgId).orderBy('name').execute();
  return rows.map((row) => row.name);
}
