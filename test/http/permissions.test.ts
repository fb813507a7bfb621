// Every change the API offers is refused to a viewer — signed in to the web app or with a key —
// by the server, whatever the screen shows: the sweep takes every operation of the OpenAPI
// document, so a new route is covered the day it is added. (Owner-only changes refused to a
// collector are tested per action in session.test.ts, users.test.ts and playbooks.test.ts.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiKey, createOrg } from '../../src/app/orgs/create-org.ts';
import type { Database } from '../../src/db/engine.ts';
import { stringifyJson } from '../../src/json.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, createTestApp, makeUser, signIn, type App } from './support.ts';

/** Changes a viewer may make: their own session and password; and what needs no one signed in. */
const allowed = new Set(['DELETE /api/v1/session', 'POST /api/v1/session/password', 'POST /api/v1/session', 'POST /api/v1/invites/accept']);

describeEachEngine('Viewers change nothing', (engine) => {
  let database: Database;
  let app: App;
  let orgId: bigint;
  let viewerKey: string;
  let viewerCookie: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    const org = await createOrg(database.db, { name: 'Northwind', slug: 'northwind', currency: 'GBP', timeZone: 'Europe/London', ownerEmail: 'owner@northwind.example' });
    orgId = org.org.id;
    viewerKey = await createApiKey(database.db, orgId, 'viewer', 'viewer');
    await makeUser(database, orgId, 'viewer', 'val@northwind.example', 'val-password');
    viewerCookie = await signIn(app, 'val@northwind.example', 'val-password');
    await call(app, 'POST', '/api/v1/customers', { key: org.apiKey, body: { externalId: 'P-1', name: 'Permanent Ltd' } });
  });
  afterAll(() => database.close());

  it('refuses every POST, PUT, PATCH and DELETE of /api/v1 with 403, and nothing changes', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const changes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/'))
      .flatMap(([path, item]) => Object.keys(item).filter((m) => m !== 'get').map((method) => ({ method: method.toUpperCase(), path })))
      .filter(({ method, path }) => !allowed.has(`${method} ${path}`));
    expect(changes.length).toBeGreaterThan(30);
    const before = stringifyJson(await database.db.selectFrom('customers').selectAll().where('org_id', '=', orgId).execute());
    for (const { method, path } of changes) {
      const url = path.replace(/\{[^}]+\}/g, '1');
      const asKey = await call(app, method, url, { key: viewerKey, body: {} });
      expect(asKey.status, `key ${method} ${path}: ${asKey.text}`).toBe(403);
      const asSession = await call(app, method, url, { headers: { cookie: viewerCookie, origin: 'http://localhost' }, body: {} });
      expect(asSession.status, `session ${method} ${path}: ${asSession.text}`).toBe(403);
      expect(asSession.body.detail).toMatch(/^you have the viewer role, which can only read/);
    }
    expect(stringifyJson(await database.db.selectFrom('customers').selectAll().where('org_id', '=', orgId).execute())).toBe(before);
  });
});
