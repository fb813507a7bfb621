// The provider's inbound-message webhook over real HTTP: only a correctly signed request is
// believed, and a STOP through it opts the number out.
import type { ServerType } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SmsConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/engine.ts';
import { startHttpServer } from '../../src/http/server.ts';
import { twilioSignature } from '../../src/channels/sms/twilio-signature.ts';
import { call, createTestApp, expectProblem, fixedNow, type Reply } from '../http/support.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { postInboundSms, type InboundMessage } from '../support/fake-sms-provider.ts';
import { makeCustomer, makeOrg } from '../support/fixtures.ts';

const sms: SmsConfig = { baseUrl: 'http://127.0.0.1:9', accountSid: `AC${'1'.repeat(32)}`, authToken: 'the-auth-token', from: '+447700900999' };
const stop: InboundMessage = { from: '+447700900123', to: sms.from, body: 'STOP' };

async function reply(response: Response): Promise<Reply> {
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, text, body: type.includes('json') ? JSON.parse(text) : undefined };
}

describeEachEngine('SMS webhook', (engine) => {
  let database: Database;
  let server: ServerType;
  let base: string;
  let org: { id: bigint; slug: string };
  let contactId: bigint;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const started = await startHttpServer({ database, logger: pino({ level: 'silent' }), now: () => fixedNow, sms }, '127.0.0.1', 0);
    server = started.server;
    base = `http://127.0.0.1:${started.port}`;
    org = (await makeOrg(database)).org;
    const customer = await makeCustomer(database, org.id);
    contactId = (
      await database.db.insertInto('contacts').values({ org_id: org.id, customer_id: customer.id, phone: '07700 900123', import_key: null }).returning('id').executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.close();
  });

  const webhook = (slug: string) => `${base}/webhooks/sms/${slug}`;
  const state = async () => ({
    optOut: (await database.db.selectFrom('contacts').select('opt_out_sms').where('id', '=', contactId).executeTakeFirstOrThrow()).opt_out_sms,
    communications: await database.db.selectFrom('communications').select(['customer_id', 'direction', 'body_text', 'provider_reference']).where('org_id', '=', org.id).orderBy('id').execute(),
    activities: await database.db.selectFrom('activities').select('kind').where('org_id', '=', org.id).orderBy('id').execute(),
  });

  it('refuses a request without a valid signature with 403 and changes nothing', async () => {
    const before = await state();
    const forged = twilioSignature('not-our-token', webhook(org.slug), new URLSearchParams({ From: stop.from, To: stop.to, Body: 'STOP', MessageSid: 'SMx' }));
    for (const signature of ['', 'bm90IGEgc2lnbmF0dXJlIGF0IGFsbCEhISE=', forged]) {
      const refused = await reply(await postInboundSms(webhook(org.slug), sms.authToken, stop, { signature }));
      expect(expectProblem(refused, 403, 'forbidden').detail).toMatch(signature ? /does not match/ : /no X-Twilio-Signature/);
    }
    // signed for another URL (another organisation's, or the same path elsewhere) is not signed for this one
    const otherUrl = webhook('someone-else');
    const signedElsewhere = twilioSignature(sms.authToken, otherUrl, new URLSearchParams({ From: stop.from, To: stop.to, Body: 'STOP', MessageSid: 'SMy' }));
    const response = await fetch(webhook(org.slug), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signedElsewhere },
      body: new URLSearchParams({ From: stop.from, To: stop.to, Body: 'STOP', MessageSid: 'SMy' }).toString(),
    });
    expectProblem(await reply(response), 403, 'forbidden');
    expect(await state()).toEqual(before);
    expect(before.optOut).toBe(false);
  });

  it('answers a signed STOP with empty TwiML and opts the number out', async () => {
    const response = await postInboundSms(webhook(org.slug), sms.authToken, { ...stop, messageSid: 'SM00000000000000000000000000000001' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const after = await state();
    expect(after.optOut).toBe(true);
    expect(after.communications).toEqual([{ customer_id: expect.any(BigInt), direction: 'inbound', body_text: 'STOP', provider_reference: 'SM00000000000000000000000000000001' }]);
    expect(after.activities.map((a) => a.kind)).toEqual(['reply', 'opt_out']);
  });

  it('answers 404 for a signed request to an organisation that does not exist', async () => {
    const missing = await reply(await postInboundSms(webhook('no-such-org'), sms.authToken, stop));
    expect(expectProblem(missing, 404, 'not_found').detail).toContain('"no-such-org"');
  });

  it('answers 400 for a signed request without the message fields', async () => {
    const url = webhook(org.slug);
    const fields = new URLSearchParams({ From: stop.from, Body: 'hello' });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(sms.authToken, url, fields) },
      body: fields.toString(),
    });
    const problem = expectProblem(await reply(response), 400, 'invalid_input');
    expect(problem.errors?.map((e) => e.field)).toEqual(['body.To', 'body.MessageSid']);
  });

  it('answers 503 when SMS is not configured, and the OpenAPI document lists the webhook as public', async () => {
    const unconfigured = createTestApp(database);
    const response = await postInboundSms(`http://localhost/webhooks/sms/${org.slug}`, sms.authToken, stop, { send: (url, init) => unconfigured.request(url, init) });
    const problem = await reply(response);
    expect(problem.status).toBe(503);
    expect(problem.headers.get('content-type')).toBe('application/problem+json');
    expect(problem.body).toMatchObject({ status: 503, code: 'not_configured' });
    expect(problem.body.detail).toContain('SMS_AUTH_TOKEN');

    const doc = (await call(unconfigured, 'GET', '/api/openapi.json')).body;
    const operation = doc.paths['/webhooks/sms/{org}'].post;
    expect(operation.security).toEqual([]);
    expect(Object.keys(operation.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '403', '404', '413', '503']);
  });
});
