import type { Executor } from '../executor.ts';
import type { Org } from '../schema.ts';

export function listOrgs(db: Executor): Promise<Org[]> {
  return db.selectFrom('orgs').selectAll().orderBy('id').execute();
}

export function findOrgBySlug(db: Executor, slug: string): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findOrgById(db: Executor, id: bigint): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}
