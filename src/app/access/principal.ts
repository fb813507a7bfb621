// Who is calling: an API key or a person signed in to the web app. Both carry the organisation
// and a role, and every role rule treats them alike.
import type { Role } from '../../db/schema.ts';

export type Principal =
  | { via: 'api_key'; orgId: bigint; role: Role; keyId: bigint }
  | { via: 'session'; orgId: bigint; role: Role; userId: bigint; sessionId: bigint };

/** How the caller is named on the timeline (`user:<id>` is shown with the user's name). */
export function actorOf(principal: Principal): string {
  return principal.via === 'session' ? `user:${principal.userId}` : `api-key:${principal.keyId}`;
}

/** The caller in a sentence about their role: "this API key has" / "you have". */
export function callerHas(principal: Principal): string {
  return principal.via === 'session' ? 'you have' : 'this API key has';
}
