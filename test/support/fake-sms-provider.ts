// A stand-in for a Twilio-compatible SMS provider on 127.0.0.1: it takes messages the way the
// real Messages resource does (Basic auth, form fields, JSON errors with Twilio's codes), records
// them, and can be told to fail. Also the other direction: an inbound-message webhook posted to
// our server, signed as the provider signs it.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { twilioSignature } from '../../src/channels/sms/twilio-signature.ts';
import type { SmsConfig } from '../../src/config.ts';

export interface FakeSms {
  sid: string;
  to: string;
  from: string;
  body: string;
  /** The Basic credentials the request carried, decoded. */
  username: string;
  password: string;
}

export interface FakeSmsProvider {
  /** Settings that point createTwilioSmsProvider (or the server) at this fake. */
  config: SmsConfig;
  /** Messages accepted, in order. */
  messages: FakeSms[];
  /** Every request to the Messages resource with the status it was answered with. */
  requests: Array<{ status: number; fields: Record<string, string> }>;
  /** The next `count` requests are answered with this status (and Twilio's error body for it). */
  failNext(count: number, status: 500 | 503 | 429): void;
  /** The next `count` requests get no answer at all (for timeouts). */
  hangNext(count: number): void;
  /** Sends to `number` are refused with 21610, as after the recipient replied STOP. */
  optOut(number: string): void;
  close(): Promise<void>;
}

const e164 = /^\+[1-9]\d{6,14}$/;

export async function startFakeSmsProvider(options: Partial<Omit<SmsConfig, 'baseUrl'>> = {}): Promise<FakeSmsProvider> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const from = options.from ?? '+15005550006';
  const messages: FakeSms[] = [];
  const requests: FakeSmsProvider['requests'] = [];
  const failures: Array<500 | 503 | 429 | 'hang'> = [];
  const optedOut = new Set<string>();
  const messagesPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;

  const server = createServer(async (request, response) => {
    const fields = Object.fromEntries(new URLSearchParams(await readBody(request)));
    const answer = (status: number, body: Record<string, unknown>) => {
      requests.push({ status, fields });
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const error = (status: number, code: number, message: string) =>
      answer(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

    const credentials = basicCredentials(request);
    if (!credentials || credentials.username !== accountSid || credentials.password !== authToken) {
      return error(401, 20003, 'Authentication Error - invalid username');
    }
    if (request.method !== 'POST' || request.url !== messagesPath) return error(404, 20404, `The requested resource ${request.url} was not found`);
    const failure = failures.shift();
    if (failure === 'hang') return; // the socket is closed by close()
    if (failure === 429) return error(429, 20429, 'Too Many Requests');
    if (failure !== undefined) return error(failure, 20500, 'Internal Server Error');
    const { To: to, From: sender, Body: body } = fields;
    if (!to || !e164.test(to)) return error(400, 21211, `The 'To' number ${to ?? ''} is not a valid phone number.`);
    if (!sender) return error(400, 21603, "A 'From' phone number is required.");
    if (!body) return error(400, 21602, 'Message body is required.');
    if (optedOut.has(to)) return error(400, 21610, 'Attempt to send to unsubscribed recipient');
    const sid = `SM${randomBytes(16).toString('hex')}`;
    messages.push({ sid, to, from: sender, body, username: credentials.username, password: credentials.password });
    answer(201, { sid, account_sid: accountSid, to, from: sender, body, status: 'queued', num_segments: '1', api_version: '2010-04-01' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    config: { baseUrl: `http://127.0.0.1:${port}`, accountSid, authToken, from },
    messages,
    requests,
    failNext: (count, status) => failures.push(...Array<typeof status>(count).fill(status)),
    hangNext: (count) => failures.push(...Array<'hang'>(count).fill('hang')),
    optOut: (number) => optedOut.add(number),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface InboundMessage {
  from: string;
  to: string;
  body: string;
  /** The provider's id; a fresh one unless given. */
  messageSid?: string;
}

/** How the webhook is sent: fetch to a running server, or the app's own `request` in process. */
export type Send = (url: string, init: RequestInit) => Response | Promise<Response>;

/**
 * POSTs an inbound message to our webhook `url` with the fields a Twilio-compatible provider
 * sends, signed with `authToken` as it signs them. `signature` replaces the signature (e.g. a
 * wrong one, or '' for none).
 */
export function postInboundSms(url: string, authToken: string, message: InboundMessage, options: { signature?: string; send?: Send } = {}): Promise<Response> {
  const fields = inboundSmsFields(message);
  const signature = options.signature ?? twilioSignature(authToken, url, fields);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature) headers['x-twilio-signature'] = signature;
  const send = options.send ?? fetch;
  return Promise.resolve(send(url, { method: 'POST', headers, body: fields.toString() }));
}

/** The form fields a Twilio-compatible provider posts for an inbound message (a fresh MessageSid unless given). */
export function inboundSmsFields(message: InboundMessage): URLSearchParams {
  const messageSid = message.messageSid ?? `SM${randomBytes(16).toString('hex')}`;
  return new URLSearchParams({
    ToCountry: 'US',
    SmsMessageSid: messageSid,
    NumMedia: '0',
    SmsSid: messageSid,
    SmsStatus: 'received',
    Body: message.body,
    To: message.to,
    NumSegments: '1',
    MessageSid: messageSid,
    AccountSid: `AC${'0'.repeat(32)}`,
    From: message.from,
    ApiVersion: '2010-04-01',
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function basicCredentials(request: IncomingMessage): { username: string; password: string } | undefined {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(request.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
