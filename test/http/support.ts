// Helpers for HTTP tests: the app on a test database, an organisation with a key per role, and a
// request helper that returns status, headers and the parsed body.
import pino from 'pino';
import { createApiKey } from '../../src/app/orgs/create-org.ts';
import type { SmsConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Role } from '../../src/db/schema.ts';
import { createHttpApp, type HttpDeps } from '../../src/http/app.ts';
import { hashPassword } from '../../src/app/access/credentials.ts';
import { makeOrg } from '../support/fixtures.ts';

export type App = ReturnType<typeof createHttpApp>;

/** A fixed clock: 2026-11-23 10:00 UTC. */
export const fixedNow = new Date('2026-11-23T10:00:00Z');

export function createTestApp(database: Database, now: () => Date = () => fixedNow, sms: SmsConfig | null = null, more: Partial<HttpDeps> = {}): App {
  return createHttpApp({ database, logger: pino({ level: process.env.TEST_LOG ?? 'silent' }), now, sms, ...more });
}

export interface ApiOrg {
  orgId: bigint;
  keys: Record<Role, string>;
}

/** An organisation (GBP, Europe/London) with an API key for each role. */
export async function makeApiOrg(database: Database, options: { currency?: string } = {}): Promise<ApiOrg> {
  const created = await makeOrg(database, options);
  return {
    orgId: created.org.id,
    keys: {
      owner: created.apiKey,
      collector: await createApiKey(database.db, created.org.id, 'collector key', 'collector'),
      viewer: await createApiKey(database.db, created.org.id, 'viewer key', 'viewer'),
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export async function call(
  app: App,
  method: string,
  path: string,
  options: { key?: string | undefined; body?: unknown; headers?: Record<string, string>; address?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  // The client's address as @hono/node-server passes it (the socket of the incoming request).
  const env = options.address ? { incoming: { socket: { remoteAddress: options.address } } } : undefined;
  const response = await app.request(path, { method, headers, body }, env);
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, body: type.includes('json') && text ? JSON.parse(text) : undefined, text };
}

/** A client bound to one key, for readable tests: `api.post('/api/v1/customers', {...})`. */
export function client(app: App, key: string) {
  return {
    get: (path: string) => call(app, 'GET', path, { key }),
    post: (path: string, body: unknown) => call(app, 'POST', path, { key, body }),
    patch: (path: string, body: unknown) => call(app, 'PATCH', path, { key, body }),
    put: (path: string, body: unknown) => call(app, 'PUT', path, { key, body }),
    delete: (path: string) => call(app, 'DELETE', path, { key }),
  };
}

export type Client = ReturnType<typeof client>;

/** Checks a response is a problem+json with the code, and returns its body. */
export function expectProblem(reply: Reply, status: number, code: string) {
  if (reply.status !== status || reply.headers.get('content-type') !== 'application/problem+json' || reply.body?.code !== code) {
    throw new Error(`expected a ${status} ${code} problem, got ${reply.status} ${reply.headers.get('content-type')}: ${reply.text}`);
  }
  return reply.body as { type: string; title: string; status: number; code: string; detail: string; errors?: Array<{ field: string; message: string }>; details?: unknown };
}

/** A user of the organisation who can sign in with `password`. */
export async function makeUser(database: Database, orgId: bigint, role: Role, email: string, password: string): Promise<bigint> {
  const row = await database.db
    .insertInto('users')
    .values({ org_id: orgId, email, name: `${role} ${email}`, role, password_hash: await hashPassword(password) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The session cookie a Set-Cookie header sets, as a Cookie header value. */
export function cookieOf(reply: Reply): string {
  const set = reply.headers.get('set-cookie') ?? '';
  const match = /arrears_session=([^;]*)/.exec(set);
  if (!match?.[1]) throw new Error(`no session cookie set: ${reply.status} ${set} ${reply.text}`);
  return `arrears_session=${match[1]}`;
}

/** Signs in through POST /api/v1/session and returns the Cookie header to send. */
export async function signIn(app: App, email: string, password: string, org?: string): Promise<string> {
  return cookieOf(await call(app, 'POST', '/api/v1/session', { body: { email, password, ...(org ? { org } : {}) } }));
}

/** A browser's requests with the session cookie, from a page of the app's own origin (http://localhost). */
export function sessionClient(app: App, cookie: string, origin = 'http://localhost') {
  const headers = { cookie, origin };
  return {
    get: (path: string) => call(app, 'GET', path, { headers: { cookie } }),
    post: (path: string, body: unknown) => call(app, 'POST', path, { headers, body }),
    patch: (path: string, body: unknown) => call(app, 'PATCH', path, { headers, body }),
    put: (path: string, body: unknown) => call(app, 'PUT', path, { headers, body }),
    delete: (path: string) => call(app, 'DELETE', path, { headers }),
  };
}
