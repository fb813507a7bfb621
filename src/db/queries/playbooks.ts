// Reads of playbooks (immutable versions; the highest version of a name is in use) and of the
// segment rules that assign them, always scoped to one organisation.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';
import { chaseableInvoicesSql } from './chaseable.ts';

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
 * What may be chased of what a customer owes past its due date as of `asOf`, per currency: the
 * figure the playbook conditions (minBalance) test, by the one rule of chaseable.ts (disputed
 * parts, holds and a pending promise left out), as the cycle chases it.
 */
export async function overdueByCurrency(db: Executor, orgId: bigint, customerId: bigint, asOf: IsoDate): Promise<Map<string, bigint>> {
  const chase = chaseableInvoicesSql({ orgId, date: asOf, customerPauses: true, where: sql`and i.customer_id = ${customerId} and i.due_date < ${asOf}::date` });
  const { rows } = await sql<{ currency: string; amount: string }>`
    select currency, sum(amount)::text as amount from (${chase}) c group by currency`.execute(db);
  return new Map(rows.map((row) => [row.currency, BigInt(row.amount)] as const).filter(([, amount]) => amount > 0n));
}

/** The names of the playbooks the organisation stored (built-in names are not included). */
export async function playbookNames(db: Executor, orgId: bigint): Promise<string[]> {
  const rows = await db.selectFrom('playbooks').select('name').distinct().where('org_id', '=', orgId).orderBy('name').execute();
  return rows.map((row) => row.name);
}
