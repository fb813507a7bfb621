// Users and API keys from the settings screen: the owner invites (the link shown once, emailed
// when SMTP is set), the invited person chooses a password and is signed in; the owner changes
// roles (in force at the next request) and deactivates (their sessions end); API keys are listed
// with their last use, created (shown once) and revoked. Only owners change any of it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EmailMessage } from '../../src/channels/email/email-message.ts';
import type { EmailTransport } from '../../src/channels/email/email-transport.ts';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, cookieOf, createTestApp, expectProblem, makeUser, sessionClient, signIn, type App } from './support.ts';

const start = new Date('2026-11-23T10:00:00Z');

function recordingTransport(sent: EmailMessage[]): EmailTransport {
  return {
    send: async (message) => {
      sent.push(message);
      return { transport: 'smtp', delivered: true, accepted: message.to, rejected: [], reference: '250 OK' };
    },
    close: () => {},
  };
}

describeEachEngine('Users, invitations and API keys', (engine) => {
  let database: Database;
  let clock: Date;
  let app: App;
  let withSmtp: App;
  const sent: EmailMessage[] = [];
  let org: Awaited<ReturnType<typeof createOrg>>;
  let owner: ReturnType<typeof sessionClient>;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    clock = start;
    app = createTestApp(database, () => clock);
    withSmtp = createTestApp(database, () => clock, null, { orgMail: () => recordingTransport(sent) });
    org = await createOrg(database.db, { name: 'Northwind', slug: 'northwind', currency: 'GBP', timeZone: 'Europe/London', ownerEmail: 'owner@northwind.example' });
    owner = sessionClient(app, await signIn(app, 'owner@northwind.example', org.ownerPassword));
  });
  afterAll(() => database.close());

  const tokenOf = (link: string) => /#token=([A-Za-z0-9_-]+)$/.exec(link)![1]!;

  it('invites a person, who accepts with a name and password and is signed in with the role', async () => {
    const invited = await owner.post('/api/v1/invites', { email: 'Cara@Northwind.example', role: 'collector' });
    expect(invited.status, invited.text).toBe(201);
    expect(invited.body).toMatchObject({ email: 'Cara@Northwind.example', role: 'collector', expired: false, emailed: false, expiresAt: '2026-11-30T10:00:00.000Z' });
    expect(invited.body.notEmailedBecause).toMatch(/no SMTP server/);
    expect(invited.body.link).toMatch(/^http:\/\/localhost\/invite#token=[A-Za-z0-9_-]{43}$/);
    // listed as pending, without the link
    const pending = await owner.get('/api/v1/invites');
    expect(pending.body.data.map((i: { email: string }) => i.email)).toEqual(['Cara@Northwind.example']);
    expect(pending.text).not.toContain(tokenOf(invited.body.link));

    const accepted = await call(app, 'POST', '/api/v1/invites/accept', { body: { token: tokenOf(invited.body.link), name: 'Cara Diaz', password: 'cara-password' } });
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ via: 'session', role: 'collector', user: { email: 'Cara@Northwind.example', name: 'Cara Diaz', role: 'collector' } });
    const cara = sessionClient(app, cookieOf(accepted));
    expect((await cara.post('/api/v1/customers', { externalId: 'C-1', name: 'By Cara' })).status).toBe(201);
    // the link works once; the invitation is no longer pending; she can sign in with her password
    expectProblem(await call(app, 'POST', '/api/v1/invites/accept', { body: { token: tokenOf(invited.body.link), name: 'Again', password: 'other-password' } }), 404, 'not_found');
    expect((await owner.get('/api/v1/invites')).body.data).toEqual([]);
    expect((await call(app, 'POST', '/api/v1/session', { body: { email: 'cara@northwind.example', password: 'cara-password' } })).status).toBe(200);
    // inviting her again is a conflict: she is a user
    expectProblem(await owner.post('/api/v1/invites', { email: 'cara@northwind.example', role: 'viewer' }), 409, 'conflict');
  });

  it('emails the invitation from the organisation when SMTP is set', async () => {
    const ownerViaSmtp = sessionClient(withSmtp, await signIn(withSmtp, 'owner@northwind.example', org.ownerPassword));
    const invited = await ownerViaSmtp.post('/api/v1/invites', { email: 'dan@northwind.example', role: 'viewer' });
    expect(invited.status, invited.text).toBe(201);
    expect(invited.body).toMatchObject({ emailed: true, notEmailedBecause: null });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: ['dan@northwind.example'], from: { address: 'owner@northwind.example' }, subject: 'Join Northwind on Arrears' });
    expect(sent[0]!.text).toContain(invited.body.link);
  });

  it('refuses an expired invitation and a password too short; a new invitation replaces the old', async () => {
    const first = await owner.post('/api/v1/invites', { email: 'eve@northwind.example', role: 'viewer' });
    const second = await owner.post('/api/v1/invites', { email: 'eve@northwind.example', role: 'collector' });
    expectProblem(await call(app, 'POST', '/api/v1/invites/accept', { body: { token: tokenOf(first.body.link), name: 'Eve', password: 'eve-password' } }), 404, 'not_found');
    expect(expectProblem(await call(app, 'POST', '/api/v1/invites/accept', { body: { token: tokenOf(second.body.link), name: 'Eve', password: 'short' } }), 400, 'invalid_input').detail).toMatch(/at least 10/);
    clock = new Date(start.getTime() + 8 * 24 * 3600_000);
    expect(expectProblem(await call(app, 'POST', '/api/v1/invites/accept', { body: { token: tokenOf(second.body.link), name: 'Eve', password: 'eve-password' } }), 404, 'not_found').detail).toMatch(/expired/);
    clock = start;
    // withdrawn
    const third = await owner.post('/api/v1/invites', { email: 'eve@northwind.example', role: 'collector' });
    expect((await owner.post(`/api/v1/invites/${third.body.id}/revoke`, {})).status).toBe(200);
    expectProblem(await call(app, 'POST', '/api/v1/invites/accept', { body: { token: tokenOf(third.body.link), name: 'Eve', password: 'eve-password' } }), 404, 'not_found');
  });

  it('changes a role at the next request, and deactivation ends the sessions and sign-in', async () => {
    const userId = await makeUser(database, org.org.id, 'collector', 'fay@northwind.example', 'fay-password');
    const fay = sessionClient(app, await signIn(app, 'fay@northwind.example', 'fay-password'));
    expect((await fay.post('/api/v1/customers', { externalId: 'F-1', name: 'x' })).status).toBe(201);
    const demoted = await owner.patch(`/api/v1/users/${userId}`, { role: 'viewer' });
    expect(demoted.status, demoted.text).toBe(200);
    expect(demoted.body).toMatchObject({ role: 'viewer', active: true });
    expectProblem(await fay.post('/api/v1/customers', { externalId: 'F-2', name: 'x' }), 403, 'forbidden');
    const deactivated = await owner.patch(`/api/v1/users/${userId}`, { active: false });
    expect(deactivated.body).toMatchObject({ active: false, deactivatedAt: start.toISOString() });
    expectProblem(await fay.get('/api/v1/session'), 401, 'unauthenticated');
    expectProblem(await call(app, 'POST', '/api/v1/session', { body: { email: 'fay@northwind.example', password: 'fay-password' } }), 401, 'unauthenticated');
    // listed, inactive
    const users = await owner.get('/api/v1/users');
    expect(users.body.data.find((u: { id: string }) => u.id === userId.toString())).toMatchObject({ email: 'fay@northwind.example', active: false });
    // and back
    expect((await owner.patch(`/api/v1/users/${userId}`, { active: true })).body.active).toBe(true);
    expect((await call(app, 'POST', '/api/v1/session', { body: { email: 'fay@northwind.example', password: 'fay-password' } })).status).toBe(200);
  });

  it('always keeps one active owner', async () => {
    const me = (await owner.get('/api/v1/session')).body.user.id;
    expect(expectProblem(await owner.patch(`/api/v1/users/${me}`, { role: 'collector' }), 409, 'conflict').detail).toMatch(/only active owner/);
    expectProblem(await owner.patch(`/api/v1/users/${me}`, { active: false }), 409, 'conflict');
    expectProblem(await owner.patch('/api/v1/users/999999', { role: 'viewer' }), 404, 'not_found');
  });

  it('lists API keys with their last use, creates one shown once, and revokes it', async () => {
    const created = await owner.post('/api/v1/api-keys', { name: 'accounting sync', role: 'collector' });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: 'accounting sync', role: 'collector', lastUsedAt: null, revokedAt: null });
    expect(created.body.key).toMatch(new RegExp(`^arr_${created.body.prefix}_`));
    expect((await call(app, 'GET', '/api/v1/customers', { key: created.body.key })).status).toBe(200);
    const listed = await owner.get('/api/v1/api-keys');
    expect(listed.text).not.toContain(created.body.key);
    const row = listed.body.data.find((k: { id: string }) => k.id === created.body.id);
    expect(row).toMatchObject({ prefix: created.body.prefix, revokedAt: null });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row).not.toHaveProperty('key');
    const revoked = await owner.post(`/api/v1/api-keys/${created.body.id}/revoke`, {});
    expect(revoked.status, revoked.text).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expectProblem(await call(app, 'GET', '/api/v1/customers', { key: created.body.key }), 401, 'unauthenticated');
    expectProblem(await owner.post(`/api/v1/api-keys/${created.body.id}/revoke`, {}), 404, 'not_found');
  });

  it('lets everyone read users and keys, and only owners change them (sessions and keys alike)', async () => {
    await makeUser(database, org.org.id, 'collector', 'gus@northwind.example', 'gus-password');
    await makeUser(database, org.org.id, 'viewer', 'hal@northwind.example', 'hal-password');
    const target = await makeUser(database, org.org.id, 'viewer', 'ida@northwind.example', 'ida-password');
    const collectorKey = (await owner.post('/api/v1/api-keys', { name: 'c', role: 'collector' })).body.key;
    const viewerKey = (await owner.post('/api/v1/api-keys', { name: 'v', role: 'viewer' })).body.key;
    const someKey = (await owner.post('/api/v1/api-keys', { name: 'x', role: 'viewer' })).body.id;
    const pendingInvite = (await owner.post('/api/v1/invites', { email: 'jon@northwind.example', role: 'viewer' })).body.id;
    const pendingBefore = (await owner.get('/api/v1/invites')).body.data;
    const writes: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/invites', { email: 'kim@northwind.example', role: 'owner' }],
      ['POST', `/api/v1/invites/${pendingInvite}/revoke`, {}],
      ['PATCH', `/api/v1/users/${target}`, { role: 'owner' }],
      ['PATCH', `/api/v1/users/${target}`, { active: false }],
      ['POST', '/api/v1/api-keys', { name: 'mine', role: 'owner' }],
      ['POST', `/api/v1/api-keys/${someKey}/revoke`, {}],
    ];
    const callers = {
      'collector session': { headers: { cookie: await signIn(app, 'gus@northwind.example', 'gus-password'), origin: 'http://localhost' } },
      'viewer session': { headers: { cookie: await signIn(app, 'hal@northwind.example', 'hal-password'), origin: 'http://localhost' } },
      'collector key': { key: collectorKey },
      'viewer key': { key: viewerKey },
    };
    for (const [who, as] of Object.entries(callers)) {
      for (const path of ['/api/v1/users', '/api/v1/invites', '/api/v1/api-keys']) {
        expect((await call(app, 'GET', path, as)).status, `${who} GET ${path}`).toBe(200);
      }
      for (const [method, path, body] of writes) {
        const reply = await call(app, method, path, { ...as, body });
        expect(reply.status, `${who} ${method} ${path}: ${reply.text}`).toBe(403);
      }
    }
    // nothing changed
    expect((await owner.get('/api/v1/invites')).body.data).toEqual(pendingBefore);
    expect((await owner.get('/api/v1/users')).body.data.find((u: { id: string }) => u.id === target.toString())).toMatchObject({ role: 'viewer', active: true });
    expect((await owner.get('/api/v1/api-keys')).body.data.find((k: { id: string }) => k.id === someKey).revokedAt).toBeNull();
  });
});
