// Who is calling /api/v1: a bearer API key, or a person signed in to the web app (session cookie).
// Both get the same role rules: viewers read; collectors and owners also write.
import type { MiddlewareHandler } from 'hono';
import { authenticateSession } from '../app/access/authenticate-session.ts';
import { callerHas } from '../app/access/principal.ts';
import { defaultSessionPolicy } from '../app/access/session-policy.ts';
import { authenticateApiKey } from '../app/access/authenticate-api-key.ts';
import { AppError } from '../errors.ts';
import type { AppEnv, HttpDeps } from './env.ts';
import { isSafeMethod, readSessionToken, requireSameOrigin } from './web-session.ts';

/** Routes anyone may call: signing in, and accepting an invitation (its token is the proof). */
const publicRoutes = new Set(['POST /api/v1/session', 'POST /api/v1/invites/accept']);
/** Changes a viewer may make, as they concern only their own session or password. */
const ownChanges = new Set(['DELETE /api/v1/session', 'POST /api/v1/session/password']);

export function authenticate(deps: HttpDeps): MiddlewareHandler<AppEnv> {
  const policy = deps.sessions ?? defaultSessionPolicy;
  return async (c, next) => {
    const route = `${c.req.method} ${c.req.path.replace(/\/+$/, '')}`;
    if (publicRoutes.has(route)) return next();
    const authorization = c.req.header('authorization');
    const token = readSessionToken(c);
    let principal;
    if (authorization !== undefined) {
      const match = /^Bearer +(\S+) *$/i.exec(authorization);
      if (!match?.[1]) throw new AppError('unauthenticated', 'the Authorization header is not "Bearer arr_…"; send a key of your organisation');
      principal = await authenticateApiKey(deps.database.db, match[1]);
    } else if (token !== undefined) {
      principal = await authenticateSession(deps.database.db, token, deps.now(), policy);
      if (!isSafeMethod(c.req.method)) requireSameOrigin(c, deps.trustProxy ?? false);
    } else {
      throw new AppError('unauthenticated', 'this request has no API key and no session; send "Authorization: Bearer arr_…" with a key of your organisation, or sign in (POST /api/v1/session)');
    }
    if (principal.role === 'viewer' && !isSafeMethod(c.req.method) && !ownChanges.has(route)) {
      throw new AppError('forbidden', `${callerHas(principal)} the viewer role, which can only read; ${principal.via === 'session' ? 'ask an owner for the collector role' : 'use a key with the collector or owner role'} to make changes`);
    }
    c.set('principal', principal);
    await next();
  };
}
