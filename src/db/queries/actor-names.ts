// Who an actor is, in words, for the actors written on rows ('user:<id>', 'api-key:<id>'; the
// system's actors, such as 'cycle', have no name): set-based, for a whole page of rows at once.
import type { Executor } from '../executor.ts';

export type ActorNames = ReadonlyMap<string, string>;

/** Names for actors written 'user:<id>' (the user's name, or email) and 'api-key:<id>': two queries at most, whatever the number of rows. */
export async function actorNames(db: Executor, orgId: bigint, actors: ReadonlyArray<string | null>): Promise<ActorNames> {
  const idsOf = (prefix: string) => [
    ...new Set(actors.filter((a): a is string => a !== null && a.startsWith(prefix) && /^\d+$/.test(a.slice(prefix.length))).map((a) => BigInt(a.slice(prefix.length)))),
  ];
  const userIds = idsOf('user:');
  const keyIds = idsOf('api-key:');
  const names = new Map<string, string>();
  if (userIds.length > 0) {
    for (const user of await db.selectFrom('users').select(['id', 'name', 'email']).where('org_id', '=', orgId).where('id', 'in', userIds).execute()) {
      names.set(`user:${user.id}`, user.name ?? user.email);
    }
  }
  if (keyIds.length > 0) {
    for (const key of await db.selectFrom('api_keys').select(['id', 'name']).where('org_id', '=', orgId).where('id', 'in', keyIds).execute()) {
      names.set(`api-key:${key.id}`, `API key “${key.name}”`);
    }
  }
  return names;
}

/** The actor's name, or null (no actor, or one without a name: the system). */
export function nameOf(names: ActorNames, actor: string | null): string | null {
  return actor === null ? null : (names.get(actor) ?? null);
}
