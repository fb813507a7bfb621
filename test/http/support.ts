// Helpers for HTTP tests: the app on a test database, an organisation with a key per role, and a
// request helper that returns status, headers and the parsed body.
import pino from 'pino';
import { createApiKey } from '../../src/app/orgs/create-org.ts';
import type { SmsConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Role } from '../../src/db/schema.ts';
import { createHttpApp } from '../../src/http/app.ts';
import { makeOrg } from '../support/fixtures.ts';

export type App = ReturnType<typeof createHttpApp>;

/** A fixed clock: 2026-11-23 10:00 UTC. */
export const fixedNow = new Date('2026-11-23T10:00:00Z');

export function createTestApp(database: Database, now: () => Date = () => fixedNow, sms: SmsConfig | null = null): App {
  return createHttpApp({ database, logger: pino({ level: 'silent' }), now, sms });
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
  options: { key?: string | undefined; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await app.request(path, { method, headers, body });
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
