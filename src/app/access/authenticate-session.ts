// Turns a session cookie's token into the user, organisation and role it stands for; the role is
// read afresh on every request, so a changed role or a deactivation takes effect at once.
import type { Executor } from '../../db/executor.ts';
import { findSessionByTokenHash, touchSession } from '../../db/queries/sessions.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from './principal.ts';
import { addMinutes, type SessionPolicy } from './session-policy.ts';
import { hashToken } from './tokens.ts';

export async function authenticateSession(db: Executor, token: string, now: Date, policy: SessionPolicy): Promise<Extract<Principal, { via: 'session' }>> {
  const session = await findSessionByTokenHash(db, hashToken(token));
  const at = now.getTime();
  if (!session || session.ended_at !== null || session.deactivated_at !== null) {
    throw new AppError('unauthenticated', 'you are signed out (or this session was ended); sign in again');
  }
  if (Date.parse(session.idle_expires_at) <= at || Date.parse(session.expires_at) <= at) {
    throw new AppError('unauthenticated', 'your session has expired; sign in again');
  }
  // At most one write a minute per session: a write on every request would cost more than the request.
  if (at - Date.parse(session.last_seen_at) >= 60_000) {
    const idle = addMinutes(now, policy.idleMinutes);
    await touchSession(db, {
      orgId: session.org_id,
      id: session.id,
      at: now.toISOString(),
      idleExpiresAt: Date.parse(idle) < Date.parse(session.expires_at) ? idle : new Date(session.expires_at).toISOString(),
      touchedBefore: new Date(at - 60_000).toISOString(),
    });
  }
  return { via: 'session', orgId: session.org_id, role: session.role, userId: session.user_id, sessionId: session.id };
}
