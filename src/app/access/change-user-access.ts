// An owner changes a user's role or deactivates them (their sessions end at once) or brings them
// back. The organisation always keeps one active owner, so nobody locks everyone out.
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { endUserSessions } from '../../db/queries/sessions.ts';
import { findUser, otherActiveOwners, type UserRow } from '../../db/queries/users.ts';
import type { Role } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export async function changeUserAccess(
  db: Executor,
  input: { orgId: bigint; userId: bigint; role?: Role | undefined; active?: boolean | undefined; now: Date },
): Promise<UserRow> {
  return inTransaction(db, async (tx) => {
    const user = await findUser(tx, input.orgId, input.userId);
    if (!user) throw new AppError('not_found', `there is no user ${input.userId}`);
    const losesOwner = user.role === 'owner' && user.deactivated_at === null && ((input.role !== undefined && input.role !== 'owner') || input.active === false);
    if (losesOwner && (await otherActiveOwners(tx, input.orgId, user.id)) === 0) {
      throw new AppError('conflict', `${user.email} is the only active owner; make another user an owner first`);
    }
    const at = input.now.toISOString();
    const deactivate = input.active === false && user.deactivated_at === null;
    await tx
      .updateTable('users')
      .set({
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(deactivate ? { deactivated_at: at } : {}),
        ...(input.active === true ? { deactivated_at: null } : {}),
      })
      .where('org_id', '=', input.orgId)
      .where('id', '=', user.id)
      .execute();
    if (deactivate) await endUserSessions(tx, input.orgId, user.id, 'deactivated', at);
    return (await findUser(tx, input.orgId, user.id))!;
  });
}
