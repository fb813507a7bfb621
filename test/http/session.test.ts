// Signing in to the web app: the printed owner password opens a server-side session whose cookie
// works on every /api/v1 route under the same role rules as an API key; changes need an Origin of
// this host; sessions end on sign-out, after inactivity and at the absolute cap; failed sign-ins
// are limited per account and per address, across processes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, cookieOf, createTestApp, expectProblem, makeUser, sessionClient, signIn, type App } from './support.ts';

const start = new Date('2026-11-23T10:00:00Z');
const minutes = (n: number) => n * 60_000;

describeEachEngine('Web sessions', (engine) => {
  let database: Database;
  let clock: Date;
  let app: App;
  let org: Awaited<ReturnType<typeof createOrg>>;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    clock = start;
    app = createTestApp(database, () => clock);
    org = await createOrg(database.db, { name: 'Northwind', slug: 'northwind', currency: 'GBP', timeZone: 'Europe/London', country: 'GB', ownerEmail: 'Owner@Northwind.example' });
    await makeUser(database, org.org.id, 'collector', 'collector@northwind.example', 'collector-password');
    await makeUser(database, org.org.id, 'viewer', 'viewer@northwind.example', 'viewer-password');
  });
  afterAll(() => database.close());

  it('signs the owner in with the printed password and says who is signed in; only a hash of the token is stored', async () => {
    const reply = await call(app, 'POST', '/api/v1/session', { body: { email: 'owner@northwind.example', password: org.ownerPassword } });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({
      via: 'session',
      user: { id: expect.any(String), email: 'Owner@Northwind.example', name: 'Owner', role: 'owner' },
      role: 'owner',
      org: { name: 'Northwind', slug: 'northwind', currency: 'GBP', timeZone: 'Europe/London', country: 'GB', locale: 'en-GB' },
    });
    const setCookie = reply.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^arrears_session=[A-Za-z0-9_-]{43}; /);
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Lax/);
    expect(setCookie).toMatch(/; Path=\//);
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = cookieOf(reply);
    const token = cookie.split('=')[1]!;
    const rows = await database.db.selectFrom('sessions').selectAll().where('org_id', '=', org.org.id).execute();
    expect(JSON.stringify(rows.map((r) => ({ ...r, org_id: String(r.org_id), id: String(r.id), user_id: String(r.user_id) })))).not.toContain(token);

    const me = await sessionClient(app, cookie).get('/api/v1/session');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(reply.body);
    // the same question with an API key: no user
    const byKey = await call(app, 'GET', '/api/v1/session', { key: org.apiKey });
    expect(byKey.body).toMatchObject({ via: 'api_key', user: null, role: 'owner' });
  });

  it('marks the cookie Secure when the request came over HTTPS (at a proxy)', async () => {
    const reply = await call(app, 'POST', '/api/v1/session', {
      body: { email: 'viewer@northwind.example', password: 'viewer-password' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(reply.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('answers a wrong password and an unknown email with the same words', async () => {
    const wrongPassword = expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email: 'collector@northwind.example', password: 'nope-nope-nope' }, address: '198.51.100.1' }), 401, 'unauthenticated');
    const unknownEmail = expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email: 'nobody@northwind.example', password: 'collector-password' }, address: '198.51.100.1' }), 401, 'unauthenticated');
    expect(wrongPassword.detail).toBe(unknownEmail.detail);
    expect(wrongPassword.detail).toMatch(/email or password/);
  });

  it('lets the cookie do what the role may, and refuses changes without an Origin of this host', async () => {
    const owner = sessionClient(app, await signIn(app, 'owner@northwind.example', org.ownerPassword));
    expect((await owner.get('/api/v1/customers')).status).toBe(200);
    const created = await owner.post('/api/v1/customers', { externalId: 'S-1', name: 'Session Ltd' });
    expect(created.status, created.text).toBe(201);
    const cookie = await signIn(app, 'owner@northwind.example', org.ownerPassword);

    const noOrigin = expectProblem(await call(app, 'POST', '/api/v1/customers', { headers: { cookie }, body: { externalId: 'S-2', name: 'x' } }), 403, 'forbidden');
    expect(noOrigin.detail).toMatch(/cross-site.*no Origin or Referer/);
    const otherSite = expectProblem(await sessionClient(app, cookie, 'https://evil.example').post('/api/v1/customers', { externalId: 'S-2', name: 'x' }), 403, 'forbidden');
    expect(otherSite.detail).toMatch(/Origin https:\/\/evil\.example/);
    expectProblem(await sessionClient(app, cookie, 'http://localhost.evil.example').patch(`/api/v1/customers/${created.body.id}`, { name: 'x' }), 403, 'forbidden');
    // a Referer of this host will do when a browser leaves Origin out
    const referred = await call(app, 'POST', '/api/v1/customers', { headers: { cookie, referer: 'http://localhost/customers' }, body: { externalId: 'S-3', name: 'Referred' } });
    expect(referred.status, referred.text).toBe(201);
    // nothing was created by the refused requests
    expect((await owner.get('/api/v1/customers?q=S-2')).body.data).toEqual([]);
    // reads need no Origin; an API key needs none either
    expect((await call(app, 'GET', '/api/v1/customers', { headers: { cookie } })).status).toBe(200);
    expect((await call(app, 'POST', '/api/v1/customers', { key: org.apiKey, body: { externalId: 'S-4', name: 'By key' } })).status).toBe(201);
    // a sign-in posted from another site's page is refused too (login CSRF)
    expectProblem(await call(app, 'POST', '/api/v1/session', { headers: { origin: 'https://evil.example' }, body: { email: 'viewer@northwind.example', password: 'viewer-password' } }), 403, 'forbidden');
  });

  it('applies the same role rules as API keys', async () => {
    const viewer = sessionClient(app, await signIn(app, 'viewer@northwind.example', 'viewer-password'));
    expect((await viewer.get('/api/v1/customers')).status).toBe(200);
    expect(expectProblem(await viewer.post('/api/v1/customers', { externalId: 'V-1', name: 'x' }), 403, 'forbidden').detail).toMatch(/^you have the viewer role, which can only read/);
    const collector = sessionClient(app, await signIn(app, 'collector@northwind.example', 'collector-password'));
    expect((await collector.post('/api/v1/customers', { externalId: 'C-1', name: 'By collector' })).status).toBe(201);
    const refused = expectProblem(await collector.put('/api/v1/playbook-rules', { rules: [] }), 403, 'forbidden');
    expect(refused.detail).toBe('you have the collector role; changing the segment rules needs the owner role, so ask an owner');
    expectProblem(await collector.patch('/api/v1/org/settings', { phone: '1' }), 403, 'forbidden');
  });

  it('ends the session on sign-out: the old cookie opens nothing', async () => {
    const cookie = await signIn(app, 'viewer@northwind.example', 'viewer-password');
    const viewer = sessionClient(app, cookie);
    const out = await viewer.delete('/api/v1/session');
    expect(out.status, out.text).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^arrears_session=; Max-Age=0/);
    const after = expectProblem(await viewer.get('/api/v1/customers'), 401, 'unauthenticated');
    expect(after.detail).toMatch(/signed out/);
    // sign-out is a change: from another site it is refused (and the session lives on)
    const other = await signIn(app, 'viewer@northwind.example', 'viewer-password');
    expectProblem(await sessionClient(app, other, 'https://evil.example').delete('/api/v1/session'), 403, 'forbidden');
    expect((await sessionClient(app, other).get('/api/v1/session')).status).toBe(200);
  });

  it('expires a session after 12 hours without a request, and at the absolute cap however active', async () => {
    clock = start;
    const idle = sessionClient(app, await signIn(app, 'collector@northwind.example', 'collector-password'));
    const active = sessionClient(app, await signIn(app, 'collector@northwind.example', 'collector-password'));
    for (let hour = 11; hour <= 11 * 15; hour += 11) {
      clock = new Date(start.getTime() + minutes(60 * hour));
      expect((await active.get('/api/v1/session')).status, `active at +${hour} h`).toBe(200);
    }
    expect(expectProblem(await idle.get('/api/v1/session'), 401, 'unauthenticated').detail).toMatch(/expired/);
    // 7 days after sign-in, even a session in use ends
    clock = new Date(start.getTime() + minutes(60 * 24 * 7));
    expect(expectProblem(await active.get('/api/v1/session'), 401, 'unauthenticated').detail).toMatch(/expired/);
    clock = start;
  });

  it('takes the idle time from its setting', async () => {
    const short = createTestApp(database, () => clock, null, { sessions: { idleMinutes: 30, maxHours: 24 } });
    clock = start;
    const user = sessionClient(short, await signIn(short, 'collector@northwind.example', 'collector-password'));
    clock = new Date(start.getTime() + minutes(29));
    expect((await user.get('/api/v1/session')).status).toBe(200);
    clock = new Date(start.getTime() + minutes(29 + 31));
    expectProblem(await user.get('/api/v1/session'), 401, 'unauthenticated');
    clock = start;
  });

  it('limits failed sign-ins per account and per address, in the database (another process sees them), without telling which was wrong', async () => {
    clock = new Date('2026-11-24T08:00:00Z');
    const email = 'collector@northwind.example';
    for (let i = 0; i < 5; i += 1) {
      expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email, password: `guess-${i}` }, address: `203.0.113.${i}` }), 401, 'unauthenticated');
    }
    // the right password now is refused too, from any address and from another process on the same database
    const otherProcess = createTestApp(database, () => clock);
    const limited = expectProblem(await call(otherProcess, 'POST', '/api/v1/session', { body: { email: 'COLLECTOR@northwind.example', password: 'collector-password' }, address: '203.0.113.99' }), 429, 'rate_limited');
    expect(limited.detail).toBe('too many failed sign-ins for this account; try again in 15 minutes');
    // other accounts are not affected
    expect((await call(app, 'POST', '/api/v1/session', { body: { email: 'viewer@northwind.example', password: 'viewer-password' }, address: '203.0.113.99' })).status).toBe(200);
    // the window passes
    clock = new Date(clock.getTime() + minutes(15) + 1000);
    expect((await call(app, 'POST', '/api/v1/session', { body: { email, password: 'collector-password' }, address: '203.0.113.99' })).status).toBe(200);

    // 20 failures from one address, each for a different email, shut that address out
    for (let i = 0; i < 20; i += 1) {
      expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email: `guess${i}@northwind.example`, password: 'x' }, address: '192.0.2.7' }), 401, 'unauthenticated');
    }
    const fromAddress = expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email: 'viewer@northwind.example', password: 'viewer-password' }, address: '192.0.2.7' }), 429, 'rate_limited');
    expect(fromAddress.detail).toMatch(/from this address/);
    expect((await call(app, 'POST', '/api/v1/session', { body: { email: 'viewer@northwind.example', password: 'viewer-password' }, address: '192.0.2.8' })).status).toBe(200);
    clock = start;
  });

  it('asks which organisation only when the email and password open several', async () => {
    const second = await createOrg(database.db, { name: 'Southwind', slug: 'southwind', currency: 'EUR', timeZone: 'Europe/Paris', ownerEmail: 'shared@example.com' });
    const third = await createOrg(database.db, { name: 'Eastwind', slug: 'eastwind', currency: 'USD', timeZone: 'America/New_York', ownerEmail: 'shared@example.com' });
    await database.db.updateTable('users').set({ password_hash: (await database.db.selectFrom('users').select('password_hash').where('org_id', '=', second.org.id).executeTakeFirstOrThrow()).password_hash }).where('org_id', '=', third.org.id).execute();
    const ambiguous = expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email: 'shared@example.com', password: second.ownerPassword } }), 400, 'org_required');
    expect(ambiguous.details).toEqual({ orgs: [{ slug: 'southwind', name: 'Southwind' }, { slug: 'eastwind', name: 'Eastwind' }] });
    const chosen = await call(app, 'POST', '/api/v1/session', { body: { email: 'shared@example.com', password: second.ownerPassword, org: 'eastwind' } });
    expect(chosen.body.org.slug).toBe('eastwind');
    // a slug the password does not open is just a failed sign-in
    expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email: 'shared@example.com', password: second.ownerPassword, org: 'northwind' } }), 401, 'unauthenticated');
  });

  it('changes one’s own password with the current one; other sessions end, this one stays', async () => {
    await makeUser(database, org.org.id, 'viewer', 'changer@northwind.example', 'first-password');
    const here = sessionClient(app, await signIn(app, 'changer@northwind.example', 'first-password'));
    const elsewhere = sessionClient(app, await signIn(app, 'changer@northwind.example', 'first-password'));
    expect(expectProblem(await here.post('/api/v1/session/password', { currentPassword: 'wrong-password', newPassword: 'second-password' }), 400, 'invalid_input').detail).toMatch(/currentPassword/);
    expect(expectProblem(await here.post('/api/v1/session/password', { currentPassword: 'first-password', newPassword: 'short' }), 400, 'invalid_input').detail).toMatch(/at least 10/);
    // a viewer may change their own password
    const changed = await here.post('/api/v1/session/password', { currentPassword: 'first-password', newPassword: 'second-password' });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({ endedSessions: 1 });
    expect((await here.get('/api/v1/session')).status).toBe(200);
    expectProblem(await elsewhere.get('/api/v1/session'), 401, 'unauthenticated');
    expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email: 'changer@northwind.example', password: 'first-password' } }), 401, 'unauthenticated');
    expect((await call(app, 'POST', '/api/v1/session', { body: { email: 'changer@northwind.example', password: 'second-password' } })).status).toBe(200);
    // an API key has no password to change
    expectProblem(await call(app, 'POST', '/api/v1/session/password', { key: org.apiKey, body: { currentPassword: 'x', newPassword: 'second-password' } }), 400, 'invalid_input');
  });
});

describeEachEngine('Web sessions: tenant isolation', (engine) => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
  });
  afterAll(() => database.close());

  it('a session of organisation B reads and changes only B’s data', async () => {
    const a = await createOrg(database.db, { name: 'A', slug: 'org-a', currency: 'GBP', timeZone: 'Europe/London', ownerEmail: 'a@example.com' });
    const b = await createOrg(database.db, { name: 'B', slug: 'org-b', currency: 'GBP', timeZone: 'Europe/London', ownerEmail: 'b@example.com' });
    const aCustomer = await call(app, 'POST', '/api/v1/customers', { key: a.apiKey, body: { externalId: 'A-1', name: 'A’s customer' } });
    const bSession = sessionClient(app, await signIn(app, 'b@example.com', b.ownerPassword));
    expect((await bSession.get('/api/v1/session')).body.org.slug).toBe('org-b');
    expect((await bSession.get('/api/v1/customers')).body.data).toEqual([]);
    expectProblem(await bSession.get(`/api/v1/customers/${aCustomer.body.id}`), 404, 'not_found');
    expectProblem(await bSession.patch(`/api/v1/customers/${aCustomer.body.id}`, { name: 'Hijacked' }), 404, 'not_found');
    // B's owner cannot sign in to A by naming it
    expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email: 'b@example.com', password: b.ownerPassword, org: 'org-a' } }), 401, 'unauthenticated');
    expect((await call(app, 'GET', `/api/v1/customers/${aCustomer.body.id}`, { key: a.apiKey })).body.name).toBe('A’s customer');
  });
});
