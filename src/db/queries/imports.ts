// Reads of the import log (one row per import attempt), scoped to one organisation.
import type { Selectable } from 'kysely';
import type { Executor } from '../executor.ts';
import type { ImportsTable } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export type ImportRun = Selectable<ImportsTable>;

export function listImports(db: Executor, orgId: bigint, page: PageRequest): Promise<Page<ImportRun>> {
  return fetchPage(db.selectFrom('imports').selectAll().where('org_id', '=', orgId), 'id', page);
}

export function findImport(db: Executor, orgId: bigint, id: bigint): Promise<ImportRun | undefined> {
  return db.selectFrom('imports').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
