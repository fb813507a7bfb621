// Opens a web session for a user: a new random token for the cookie, its hash in the database.
import type { Executor } from '../../db/executor.ts';
import { insertSession } from '../../db/queries/sessions.ts';
import type { Principal } from './principal.ts';
import { addMinutes, type SessionPolicy } from './session-policy.ts';
import { newToken } from './tokens.ts';

export interface OpenedSession {
  /** For the cookie; never stored. */
  token: string;
  principal: Extract<Principal, { via: 'session' }>;
  expiresAt: string;
}

export async function openSession(
  db: Executor,
  input: { orgId: bigint; userId: bigint; userAgent: string | null; now: Date; policy: SessionPolicy },
): Promise<OpenedSession> {
  const { token, hash } = newToken();
  const expiresAt = addMinutes(input.now, input.policy.maxHours * 60);
  const idle = addMinutes(input.now, input.policy.idleMinutes);
  const sessionId = await insertSession(db, {
    orgId: input.orgId,
    userId: input.userId,
    tokenHash: hash,
    at: input.now.toISOString(),
    idleExpiresAt: idle < expiresAt ? idle : expiresAt,
    expiresAt,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  const user = await db.selectFrom('users').select('role').where('org_id', '=', input.orgId).where('id', '=', input.userId).executeTakeFirstOrThrow();
  return { token, expiresAt, principal: { via: 'session', orgId: input.orgId, role: user.role, userId: input.userId, sessionId } };
}
