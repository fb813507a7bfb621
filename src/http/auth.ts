// Bearer API keys for /api/v1: who is calling, for which organisation, and whether their role
// may do this. Viewers read; collectors and owners also write.
import type { MiddlewareHandler } from 'hono';
import { authenticateApiKey } from '../app/access/authenticate-api-key.ts';
import { AppError } from '../errors.ts';
import type { AppEnv, HttpDeps } from './env.ts';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function apiKeyAuth(deps: HttpDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const match = /^Bearer +(\S+) *$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) {
      throw new AppError('unauthenticated', 'this request has no API key; send "Authorization: Bearer arr_…" with a key of your organisation');
    }
    const principal = await authenticateApiKey(deps.database.db, match[1]);
    if (principal.role === 'viewer' && !readMethods.has(c.req.method)) {
      throw new AppError('forbidden', 'this API key has the viewer role, which can only read; use a key with the collector or owner role to make changes');
    }
    c.set('principal', principal);
    await next();
  };
}
