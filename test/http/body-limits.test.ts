// Request bodies have a size limit per route, and a body is read only as far as needed: an
// unsigned webhook post is refused unread, anything over its limit is cut off with a 413.
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SmsConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/engine.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';
import { createTestApp, expectProblem, fixedNow, makeApiOrg, type ApiOrg, type App, type Reply } from './support.ts';

const sms: SmsConfig = { baseUrl: 'http://127.0.0.1:9', accountSid: `AC${'1'.repeat(32)}`, authToken: 'the-auth-token', from: '+447700900999' };

/** A body of `total` bytes made on demand, counting how much of it the server pulled. */
function meteredBody(total: number, byte = 0x61) {
  const chunk = new Uint8Array(64 * 1024).fill(byte);
  const meter = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (meter.pulled >= total) return controller.close();
      const next = chunk.subarray(0, Math.min(chunk.length, total - meter.pulled));
      meter.pulled += next.length;
      controller.enqueue(next);
    },
  });
  return { stream, meter };
}

async function send(app: App, path: string, init: RequestInit): Promise<Reply> {
  const response = await app.request(path, { duplex: 'half', ...init } as RequestInit);
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined };
}

describeEachEngine('request body limits', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  let slug: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database, () => fixedNow, sms);
    org = await makeApiOrg(database);
    slug = (await makeOrg(database)).org.slug;
  });
  afterAll(() => database.close());

  it('refuses an unsigned SMS webhook post without reading its body', async () => {
    const { stream, meter } = meteredBody(8 * 1024 * 1024);
    const reply = await send(app, `/webhooks/sms/${slug}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: stream });
    expectProblem(reply, 403, 'forbidden');
    expect(meter.pulled).toBeLessThan(256 * 1024);
  });

  it('stops reading a signed-looking webhook post at 64 KiB with a 413', async () => {
    const { stream, meter } = meteredBody(8 * 1024 * 1024);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'c2lnbmF0dXJl' };
    const reply = await send(app, `/webhooks/sms/${slug}`, { method: 'POST', headers, body: stream });
    expect(expectProblem(reply, 413, 'payload_too_large').detail).toMatch(/at most 64 KiB/);
    expect(meter.pulled).toBeLessThan(512 * 1024);
  });

  it('answers 413 to a JSON body over 1 MiB, by its Content-Length or as it streams', async () => {
    const big = JSON.stringify({ externalId: 'BIG-1', name: 'x'.repeat(1024 * 1024) });
    const declared = await send(app, '/api/v1/customers', { method: 'POST', headers: { authorization: `Bearer ${org.keys.owner}`, 'content-type': 'application/json', 'content-length': String(big.length) }, body: big });
    expect(expectProblem(declared, 413, 'payload_too_large').detail).toMatch(/at most 1 MiB/);
    const { stream, meter } = meteredBody(16 * 1024 * 1024, 0x20);
    const streamed = await send(app, '/api/v1/customers', { method: 'POST', headers: { authorization: `Bearer ${org.keys.owner}`, 'content-type': 'application/json' }, body: stream });
    expectProblem(streamed, 413, 'payload_too_large');
    expect(meter.pulled).toBeLessThan(2 * 1024 * 1024);
    // just under the limit is still an ordinary request
    const fits = await send(app, '/api/v1/customers', { method: 'POST', headers: { authorization: `Bearer ${org.keys.owner}`, 'content-type': 'application/json' }, body: JSON.stringify({ externalId: 'FITS-1', name: 'Fits Ltd' }) });
    expect(fits.status).toBe(201);
  });

  it('streams an import up to its own, larger limit and cuts it off beyond, marking the import failed', async () => {
    const small = createHttpApp({ database, logger: pino({ level: 'silent' }), now: () => fixedNow, sms: null, bodyLimits: { importStream: 256 * 1024 } });
    const header = 'Customer ID,Name\n';
    const rows = Array.from({ length: 20_000 }, (_, i) => `L-${i},Large ${i}\n`).join('');
    const csv = new TextEncoder().encode(header + rows);
    expect(csv.length).toBeGreaterThan(256 * 1024);
    const headers = { authorization: `Bearer ${org.keys.owner}`, 'content-type': 'text/csv' };
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < csv.length; at += 16 * 1024) controller.enqueue(csv.subarray(at, at + 16 * 1024));
        controller.close();
      },
    });
    const cut = await send(small, '/api/v1/imports?kind=customers', { method: 'POST', headers, body });
    expect(expectProblem(cut, 413, 'payload_too_large').detail).toMatch(/at most 256 KiB/);
    const last = await database.db.selectFrom('imports').select(['status']).where('org_id', '=', org.orgId).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.status).toBe('failed');
    expect(await database.db.selectFrom('customers').select('id').where('org_id', '=', org.orgId).where('external_id', '=', 'L-1').executeTakeFirst()).toBeUndefined();
    // sent as a multipart form, the same: streamed, and cut off at the same limit
    const form = new FormData();
    form.append('kind', 'customers');
    form.append('file', new File([csv], 'large.csv', { type: 'text/csv' }));
    const cutForm = await send(small, '/api/v1/imports', { method: 'POST', headers: { authorization: `Bearer ${org.keys.owner}` }, body: form });
    expect(expectProblem(cutForm, 413, 'payload_too_large').detail).toMatch(/at most 256 KiB/);
    expect(await database.db.selectFrom('customers').select('id').where('org_id', '=', org.orgId).where('external_id', '=', 'L-1').executeTakeFirst()).toBeUndefined();
    // the same file is well within the default import limit (which is far above the JSON one)
    const fine = await send(app, '/api/v1/imports?kind=customers', { method: 'POST', headers, body: csv });
    expect(fine.status).toBe(201);
  });
});
