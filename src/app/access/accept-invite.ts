// A person accepts an invitation: chooses their name and password, becomes a user with the role
// they were invited with (an earlier deactivated account of the same address comes back), and is
// signed in. The token works once.
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findUserByEmail } from '../../db/queries/users.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from './credentials.ts';
import { openSession, type OpenedSession } from './open-session.ts';
import { requireAcceptablePassword } from './password-rules.ts';
import type { SessionPolicy } from './session-policy.ts';
import { hashToken } from './tokens.ts';

export async function acceptInvite(
  db: Executor,
  input: { token: string; name: string; password: string; now: Date; policy: SessionPolicy; userAgent: string | null },
): Promise<OpenedSession> {
  requireAcceptablePassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    const invite = await tx.selectFrom('invites').selectAll().where('token_hash', '=', hashToken(input.token)).executeTakeFirst();
    // One answer for unknown, used and withdrawn links: the link is spent either way.
    if (!invite || invite.accepted_at !== null || invite.revoked_at !== null) {
      throw new AppError('not_found', 'this invitation link is not valid (already used, withdrawn or mistyped); ask an owner for a new one');
    }
    if (Date.parse(invite.expires_at) <= input.now.getTime()) throw new AppError('not_found', 'this invitation link has expired; ask an owner for a new one');
    const existing = await findUserByEmail(tx, invite.org_id, invite.email);
    if (existing && existing.deactivated_at === null) throw new AppError('conflict', `${existing.email} is already a user of this organisation; sign in instead`);
    const values = { name: input.name, role: invite.role, password_hash: passwordHash, deactivated_at: null };
    const userId = existing
      ? (await tx.updateTable('users').set(values).where('org_id', '=', invite.org_id).where('id', '=', existing.id).returning('id').executeTakeFirstOrThrow()).id
      : (await tx.insertInto('users').values({ org_id: invite.org_id, email: invite.email, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    await tx.updateTable('invites').set({ accepted_at: input.now.toISOString(), user_id: userId }).where('org_id', '=', invite.org_id).where('id', '=', invite.id).execute();
    return openSession(tx, { orgId: invite.org_id, userId, userAgent: input.userAgent, now: input.now, policy: input.policy });
  });
}
