import { sql } from 'kysely';
import { stringifyJson } from '../../json.ts';
import type { Executor } from '../executor.ts';
import type { Org } from '../schema.ts';

export function listOrgs(db: Executor): Promise<Org[]> {
  return db.selectFrom('orgs').selectAll().orderBy('id').execute();
}

/**
 * Every organisation with the date of its last completed cycle, in one read: the scheduler asks
 * this every minute, and a query per organisation would be a thousand a minute on a shared host.
 */
export async function listOrgsWithLastCycle(db: Executor): Promise<Array<{ org: Org; lastCycleDate: string | null }>> {
  const rows = await db
    .selectFrom('orgs')
    .selectAll('orgs')
    .select((eb) =>
      eb
        .selectFrom('cycle_runs')
        .select((inner) => inner.fn.max('cycle_runs.cycle_date').as('date'))
        .whereRef('cycle_runs.org_id', '=', 'orgs.id')
        .where('cycle_runs.status', '=', 'completed')
        .as('last_cycle_date'),
    )
    .orderBy('orgs.id')
    .execute();
  return rows.map(({ last_cycle_date, ...org }) => ({ org: org as Org, lastCycleDate: (last_cycle_date as string | null) ?? null }));
}

export function findOrgBySlug(db: Executor, slug: string): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findOrgById(db: Executor, id: bigint): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The policies kept in the organisation's collection settings (domain/collection-settings.ts). */
export type CollectionPolicyKey = 'chargePolicy' | 'arrangementPolicy' | 'reviewPolicy';

/** Sets settings.collections.<key> of the organisation, keeping every other setting. */
export async function saveCollectionSetting(db: Executor, orgId: bigint, key: CollectionPolicyKey, value: unknown): Promise<void> {
  await sql`
    update orgs
       set settings = jsonb_set(settings, '{collections}',
                                coalesce(settings -> 'collections', '{}'::jsonb) || jsonb_build_object(${key}::text, ${stringifyJson(value)}::jsonb))
     where id = ${orgId}`.execute(db);
}
