// A user changes their own password: the current one is required, and every other session of
// theirs ends (a password changed because it leaked must lock out whoever has it).
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { endUserSessions } from '../../db/queries/sessions.ts';
import { AppError } from '../../errors.ts';
import { hashPassword, verifyPassword } from './credentials.ts';
import { requireAcceptablePassword } from './password-rules.ts';

export async function changePassword(
  db: Executor,
  input: { orgId: bigint; userId: bigint; sessionId: bigint; currentPassword: string; newPassword: string; now: Date },
): Promise<{ endedSessions: number }> {
  requireAcceptablePassword(input.newPassword, 'newPassword');
  const user = await db.selectFrom('users').select('password_hash').where('org_id', '=', input.orgId).where('id', '=', input.userId).executeTakeFirstOrThrow();
  if (!user.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw new AppError('invalid_input', 'currentPassword: is not your current password');
  }
  const hash = await hashPassword(input.newPassword);
  return inTransaction(db, async (tx) => {
    await tx.updateTable('users').set({ password_hash: hash }).where('org_id', '=', input.orgId).where('id', '=', input.userId).execute();
    const endedSessions = await endUserSessions(tx, input.orgId, input.userId, 'password changed', input.now.toISOString(), input.sessionId);
    return { endedSessions };
  });
}
