// /api/v1/api-keys: the organisation's API keys — listed with when each was last used, created
// (the key shown once) and revoked by an owner.
import { createRoute } from '@hono/zod-openapi';
import { apiKeyPrefix } from '../../app/access/credentials.ts';
import { revokeApiKey } from '../../app/access/revoke-api-key.ts';
import { createApiKey } from '../../app/orgs/create-org.ts';
import { findApiKey, findApiKeyByPrefix, listApiKeys } from '../../db/queries/api-keys.ts';
import { AppError } from '../../errors.ts';
import type { HttpDeps } from '../env.ts';
import { sendJson } from '../respond.ts';
import { requireOwner } from '../roles.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { PageQuery, pageRequest, toPage } from '../schemas/pagination.ts';
import { ApiKey, ApiKeyPage, CreateApiKey, CreatedApiKey, toApiKey } from '../schemas/users.ts';

const tags = ['API keys'];

const list = createRoute({ method: 'get', path: '/api-keys', tags, summary: 'List the API keys (never the keys themselves)', request: { query: PageQuery }, responses: { 200: json(ApiKeyPage, 'A page of keys, by id, revoked ones included'), ...problems(400, 401) } });

const create = createRoute({
  method: 'post',
  path: '/api-keys',
  tags,
  summary: 'Create an API key (owners only); the key is shown once',
  request: { body: jsonBody(CreateApiKey) },
  responses: { 201: json(CreatedApiKey, 'Created'), ...problems(400, 401, 403) },
});

const revoke = createRoute({
  method: 'post',
  path: '/api-keys/{id}/revoke',
  tags,
  summary: 'Revoke an API key (owners only): it fails authentication from then on',
  request: { params: IdParams },
  responses: { 200: json(ApiKey, 'Revoked'), ...problems(400, 401, 403, 404) },
});

export function apiKeyRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(list, async (c) => sendJson(c, ApiKeyPage, toPage(await listApiKeys(db, c.get('principal').orgId, pageRequest(c.req.valid('query'))), toApiKey), 200))
    .openapi(create, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'creating API keys');
      const body = c.req.valid('json');
      const key = await createApiKey(db, principal.orgId, body.name, body.role);
      const row = (await findApiKeyByPrefix(db, principal.orgId, apiKeyPrefix(key)!))!;
      return sendJson(c, CreatedApiKey, { ...toApiKey(row), key }, 201);
    })
    .openapi(revoke, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'revoking API keys');
      const id = c.req.valid('param').id;
      const row = await findApiKey(db, principal.orgId, id);
      if (!row || row.revoked_at !== null) throw new AppError('not_found', `there is no active API key ${id}`);
      await revokeApiKey(db, principal.orgId, row.key_prefix);
      return sendJson(c, ApiKey, toApiKey((await findApiKey(db, principal.orgId, id))!), 200);
    });
}
