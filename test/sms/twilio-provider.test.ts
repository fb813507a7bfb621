// The Twilio-compatible client against a local fake of the provider: what it sends, and how each
// kind of failure is reported to the dispatcher.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SendError } from '../../src/channels/send-error.ts';
import { createTwilioSmsProvider } from '../../src/channels/sms/twilio-provider.ts';
import { startFakeSmsProvider, type FakeSmsProvider } from '../support/fake-sms-provider.ts';

async function sendError(promise: Promise<unknown>): Promise<SendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SendError);
  return error as SendError;
}

describe('Twilio-compatible SMS provider', () => {
  let fake: FakeSmsProvider;
  beforeEach(async () => {
    fake = await startFakeSmsProvider();
  });
  afterEach(() => fake.close());

  const message = { to: '+14155550100', from: '+15005550006', body: 'Hello from Acme: invoice 1042 is due.' };

  it('sends To, From and Body with Basic auth and returns the provider’s sid', async () => {
    const sms = createTwilioSmsProvider(fake.config);
    const { providerReference } = await sms.send(message);
    expect(providerReference).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.messages).toEqual([{ sid: providerReference, ...message, username: fake.config.accountSid, password: fake.config.authToken }]);
  });

  it('reports a 500 as a temporary failure, and the next attempt goes through', async () => {
    const sms = createTwilioSmsProvider(fake.config);
    fake.failNext(1, 500);
    const error = await sendError(sms.send(message));
    expect(error).toMatchObject({ permanent: false, badAddress: false });
    expect(error.message).toMatch(/HTTP 500.*20500 Internal Server Error/);
    expect(fake.messages).toHaveLength(0);
    const { providerReference } = await sms.send(message);
    expect(fake.messages.map((m) => m.sid)).toEqual([providerReference]);
  });

  it('reports a rate limit (429) as temporary', async () => {
    fake.failNext(1, 429);
    const error = await sendError(createTwilioSmsProvider(fake.config).send(message));
    expect(error).toMatchObject({ permanent: false, badAddress: false });
    expect(error.message).toContain('20429 Too Many Requests');
  });

  it('reports an invalid number (400, 21211) as permanent and a bad address', async () => {
    const error = await sendError(createTwilioSmsProvider(fake.config).send({ ...message, to: '415 555 0100' }));
    expect(error).toMatchObject({ permanent: true, badAddress: true });
    expect(error.message).toContain("21211 The 'To' number 415 555 0100 is not a valid phone number.");
    expect(fake.requests.map((r) => r.status)).toEqual([400]);
  });

  it('reports a number that replied STOP (21610) as permanent and a bad address, saying it opted out', async () => {
    fake.optOut(message.to);
    const error = await sendError(createTwilioSmsProvider(fake.config).send(message));
    expect(error).toMatchObject({ permanent: true, badAddress: true });
    expect(error.message).toContain('opted out');
    expect(error.message).toContain('21610 Attempt to send to unsubscribed recipient');
  });

  it('reports wrong credentials (401) as permanent, not a bad address, naming the settings', async () => {
    const error = await sendError(createTwilioSmsProvider({ ...fake.config, authToken: 'wrong' }).send(message));
    expect(error).toMatchObject({ permanent: true, badAddress: false });
    expect(error.message).toContain('SMS_AUTH_TOKEN');
    expect(fake.messages).toHaveLength(0);
  });

  it('reports a provider that does not answer in time as temporary', async () => {
    fake.hangNext(1);
    const error = await sendError(createTwilioSmsProvider(fake.config, { timeoutMs: 200 }).send(message));
    expect(error).toMatchObject({ permanent: false, badAddress: false });
    expect(error.message).toContain('did not answer within 0.2 s');
  });

  it('reports a provider that cannot be reached as temporary', async () => {
    const { baseUrl } = fake.config;
    await fake.close();
    const error = await sendError(createTwilioSmsProvider({ ...fake.config, baseUrl }).send(message));
    expect(error).toMatchObject({ permanent: false, badAddress: false });
    expect(error.message).toMatch(/could not reach the SMS provider \(127\.0\.0\.1:\d+\): .*ECONNREFUSED/);
    fake = await startFakeSmsProvider(); // for afterEach
  });
});
