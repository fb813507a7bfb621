// API keys of an organisation, as listed to its owner: never the key, only its prefix.
import type { Executor } from '../executor.ts';
import type { Role } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export interface ApiKeyRow {
  id: bigint;
  name: string;
  role: Role;
  key_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

const columns = ['id', 'name', 'role', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'] as const;

export function listApiKeys(db: Executor, orgId: bigint, page: PageRequest): Promise<Page<ApiKeyRow>> {
  return fetchPage(db.selectFrom('api_keys').select(columns).where('org_id', '=', orgId), 'api_keys.id', page);
}

export function findApiKey(db: Executor, orgId: bigint, id: bigint): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').select(columns).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findApiKeyByPrefix(db: Executor, orgId: bigint, prefix: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').select(columns).where('org_id', '=', orgId).where('key_prefix', '=', prefix).executeTakeFirst();
}
