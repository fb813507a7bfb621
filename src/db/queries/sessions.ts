// Web sessions. Looked up by the hash of the cookie's token; everything else is scoped by org_id.
import { sql } from 'kysely';
import type { Executor } from '../executor.ts';
import type { Role } from '../schema.ts';

export interface SessionRow {
  org_id: bigint;
  id: bigint;
  user_id: bigint;
  last_seen_at: string;
  idle_expires_at: string;
  expires_at: string;
  ended_at: string | null;
  role: Role;
  deactivated_at: string | null;
}

export function findSessionByTokenHash(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', (join) => join.onRef('users.org_id', '=', 'sessions.org_id').onRef('users.id', '=', 'sessions.user_id'))
    .select([
      'sessions.org_id',
      'sessions.id',
      'sessions.user_id',
      'sessions.last_seen_at',
      'sessions.idle_expires_at',
      'sessions.expires_at',
      'sessions.ended_at',
      'users.role',
      'users.deactivated_at',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function insertSession(
  db: Executor,
  session: { orgId: bigint; userId: bigint; tokenHash: string; at: string; idleExpiresAt: string; expiresAt: string; userAgent: string | null },
): Promise<bigint> {
  const row = await db
    .insertInto('sessions')
    .values({
      org_id: session.orgId,
      user_id: session.userId,
      token_hash: session.tokenHash,
      created_at: session.at,
      last_seen_at: session.at,
      idle_expires_at: session.idleExpiresAt,
      expires_at: session.expiresAt,
      user_agent: session.userAgent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Pushes the idle expiry forward; the condition keeps concurrent requests from writing it twice. */
export async function touchSession(db: Executor, session: { orgId: bigint; id: bigint; at: string; idleExpiresAt: string; touchedBefore: string }): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: session.at, idle_expires_at: session.idleExpiresAt })
    .where('org_id', '=', session.orgId)
    .where('id', '=', session.id)
    .where('ended_at', 'is', null)
    .where('last_seen_at', '<', sql<string>`${session.touchedBefore}::timestamptz`)
    .execute();
}

export async function endSession(db: Executor, orgId: bigint, id: bigint, reason: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ ended_at: at, ended_reason: reason }).where('org_id', '=', orgId).where('id', '=', id).where('ended_at', 'is', null).execute();
}

/** Ends every open session of a user (deactivated, or their password changed), but `except` one. */
export async function endUserSessions(db: Executor, orgId: bigint, userId: bigint, reason: string, at: string, except?: bigint): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ ended_at: at, ended_reason: reason })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null);
  if (except !== undefined) query = query.where('id', '<>', except);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
