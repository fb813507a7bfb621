// An owner invites a person by email with a role: a link carrying a one-time token (shown once,
// only its hash kept), valid for 7 days. A new invitation to the same address replaces the last.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findUserByEmail, type InviteRow } from '../../db/queries/users.ts';
import type { Role } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { addMinutes } from './session-policy.ts';
import { newToken } from './tokens.ts';

export const inviteValidDays = 7;

export async function inviteUser(
  db: Executor,
  input: { orgId: bigint; email: string; role: Role; invitedBy: bigint | null; now: Date },
): Promise<{ invite: InviteRow; token: string }> {
  const email = input.email.trim();
  return inTransaction(db, async (tx) => {
    const existing = await findUserByEmail(tx, input.orgId, email);
    if (existing && existing.deactivated_at === null) throw new AppError('conflict', `${existing.email} is already a user of this organisation (${existing.role}); change their role instead`);
    const at = input.now.toISOString();
    await tx
      .updateTable('invites')
      .set({ revoked_at: at })
      .where('org_id', '=', input.orgId)
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    const { token, hash } = newToken();
    const invite = await tx
      .insertInto('invites')
      .values({ org_id: input.orgId, email, role: input.role, token_hash: hash, invited_by: input.invitedBy, created_at: at, expires_at: addMinutes(input.now, inviteValidDays * 24 * 60) })
      .returning(['id', 'email', 'role', 'invited_by', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'])
      .executeTakeFirstOrThrow();
    return { invite, token };
  });
}

export async function revokeInvite(db: Executor, orgId: bigint, id: bigint, now: Date): Promise<void> {
  const result = await db
    .updateTable('invites')
    .set({ revoked_at: now.toISOString() })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new AppError('not_found', `there is no pending invitation ${id}`);
}
