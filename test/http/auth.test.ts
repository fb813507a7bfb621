import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type App } from './support.ts';

describeEachEngine('HTTP authentication, roles and problems', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  it('answers 401 problem+json without a key, with a wrong key and with a revoked key', async () => {
    const missing = expectProblem(await call(app, 'GET', '/api/v1/customers'), 401, 'unauthenticated');
    expect(missing).toEqual({
      type: 'https://arrears.dev/problems/unauthenticated',
      title: 'Authentication required',
      status: 401,
      code: 'unauthenticated',
      detail: expect.stringContaining('Authorization: Bearer'),
    });
    expect((await call(app, 'GET', '/api/v1/customers')).headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectProblem(await call(app, 'GET', '/api/v1/customers', { headers: { authorization: `Basic ${org.keys.owner}` } }), 401, 'unauthenticated');
    // the last character changed (to one it is not: a key ending in x would otherwise pass 1 time in 64)
    expectProblem(await call(app, 'GET', '/api/v1/customers', { key: `${org.keys.owner.slice(0, -1)}${org.keys.owner.endsWith('x') ? 'y' : 'x'}` }), 401, 'unauthenticated');
    expectProblem(await call(app, 'GET', '/api/v1/customers', { key: 'arr_nonsense' }), 401, 'unauthenticated');
    const other = await makeApiOrg(database);
    await database.db.updateTable('api_keys').set({ revoked_at: new Date().toISOString() }).where('org_id', '=', other.orgId).where('role', '=', 'viewer').execute();
    expectProblem(await call(app, 'GET', '/api/v1/customers', { key: other.keys.viewer }), 401, 'unauthenticated');
    // authentication comes before anything else: an unknown route under /api/v1 does not answer 404 to strangers
    expectProblem(await call(app, 'GET', '/api/v1/nothing-here'), 401, 'unauthenticated');
  });

  it('lets a viewer read but not write; collectors and owners write', async () => {
    const body = (id: string) => ({ externalId: id, name: id });
    expect((await call(app, 'GET', '/api/v1/customers', { key: org.keys.viewer })).status).toBe(200);
    const forbidden = expectProblem(await call(app, 'POST', '/api/v1/customers', { key: org.keys.viewer, body: body('V-1') }), 403, 'forbidden');
    expect(forbidden.detail).toMatch(/viewer role, which can only read/);
    const created = await call(app, 'POST', '/api/v1/customers', { key: org.keys.collector, body: body('COL-1') });
    expect(created.status).toBe(201);
    expect((await call(app, 'POST', '/api/v1/customers', { key: org.keys.owner, body: body('OWN-1') })).status).toBe(201);
    expectProblem(await call(app, 'PATCH', `/api/v1/customers/${created.body.id}`, { key: org.keys.viewer, body: { name: 'x' } }), 403, 'forbidden');
    // refused before the body is even looked at
    expectProblem(await call(app, 'POST', '/api/v1/payments', { key: org.keys.viewer, body: '{not json' }), 403, 'forbidden');
  });

  it('answers malformed requests with invalid_input problems naming what is wrong', async () => {
    const key = org.keys.owner;
    expect(expectProblem(await call(app, 'POST', '/api/v1/customers', { key, body: '{"name": ' }), 400, 'invalid_input').detail).toMatch(/JSON/);
    expect(
      expectProblem(await call(app, 'POST', '/api/v1/customers', { key, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400, 'invalid_input')
        .detail,
    ).toMatch(/application\/json/);
    const query = expectProblem(await call(app, 'GET', '/api/v1/invoices?limit=0&dueBefore=yesterday&colour=red', { key }), 400, 'invalid_input');
    expect(query.errors!.map((e) => e.field).sort()).toEqual(['query.colour', 'query.dueBefore', 'query.limit']);
    expectProblem(await call(app, 'GET', '/api/v1/invoices?limit=501', { key }), 400, 'invalid_input');
    expect(expectProblem(await call(app, 'GET', '/api/v1/invoices?cursor=bm90LWFuLWlk', { key }), 400, 'invalid_input').detail).toMatch(/query.cursor: is not a cursor/);
  });

  it('answers unknown routes with a not_found problem', async () => {
    // (a GET of any other path is a page of the web app: see web-app.test.ts)
    expectProblem(await call(app, 'POST', '/nowhere'), 404, 'not_found');
    expectProblem(await call(app, 'GET', '/healthz/more'), 404, 'not_found');
    expectProblem(await call(app, 'DELETE', '/api/v1/customers/1', { key: org.keys.owner }), 404, 'not_found');
  });

  it('serves /healthz without a key', async () => {
    const health = await call(app, 'GET', '/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', engine });
  });
});
