// Users of an organisation and the invitations to become one.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { Role } from '../schema.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export interface UserRow {
  id: bigint;
  email: string;
  name: string | null;
  role: Role;
  created_at: string;
  deactivated_at: string | null;
}

const userColumns = ['id', 'email', 'name', 'role', 'created_at', 'deactivated_at'] as const;

export function listUsers(db: Executor, orgId: bigint, page: PageRequest): Promise<Page<UserRow>> {
  return fetchPage(db.selectFrom('users').select(userColumns).where('org_id', '=', orgId), 'users.id', page);
}

export function findUser(db: Executor, orgId: bigint, id: bigint): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Executor, orgId: bigint, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').select(userColumns).where('org_id', '=', orgId).where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

/** Active owners other than `except`: an organisation must always keep one. */
export async function otherActiveOwners(db: Executor, orgId: bigint, except: bigint): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .where('deactivated_at', 'is', null)
    .where('id', '<>', except)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface InviteRow {
  id: bigint;
  email: string;
  role: Role;
  invited_by: bigint | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

const inviteColumns = ['id', 'email', 'role', 'invited_by', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'] as const;

/** Invitations neither accepted nor withdrawn (expired ones too: the list says so). */
export function listPendingInvites(db: Executor, orgId: bigint, page: PageRequest): Promise<Page<InviteRow>> {
  return fetchPage(
    db.selectFrom('invites').select(inviteColumns).where('org_id', '=', orgId).where('accepted_at', 'is', null).where('revoked_at', 'is', null),
    'invites.id',
    page,
  );
}

export function findInvite(db: Executor, orgId: bigint, id: bigint): Promise<InviteRow | undefined> {
  return db.selectFrom('invites').select(inviteColumns).where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}
