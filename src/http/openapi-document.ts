// The OpenAPI document without a server or a database, for the web app's typed client (generated
// at build time, so a change of contract breaks the web app's typecheck rather than its users).
// Routes only touch their dependencies when a request comes, so the app is built on a database
// that refuses any use and asked for the document it serves at /api/openapi.json.
import pino from 'pino';
import type { Database } from '../db/engine.ts';
import { createHttpApp } from './app.ts';

const noDatabase = new Proxy(
  {},
  {
    get(_target, property) {
      throw new Error(`openapi-document: the database (${String(property)}) is not available while writing the OpenAPI document`);
    },
  },
);

export async function openApiDocument(): Promise<unknown> {
  const database = { engine: 'pglite', db: noDatabase } as unknown as Database;
  const app = createHttpApp({ database, logger: pino({ level: 'silent' }), now: () => new Date(), sms: null });
  const response = await app.request('/api/openapi.json');
  if (!response.ok) throw new Error(`openapi-document: /api/openapi.json answered ${response.status}`);
  return response.json();
}
