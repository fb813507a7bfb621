// The whole product for browser tests: a fresh embedded database with the demo portfolio, an owner
// (the printed password), a collector and a viewer, and the HTTP server on a random port serving
// the API and the built web app (web/dist, built by the global setup when stale).
import { serve, type ServerType } from '@hono/node-server';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createOrg, type CreatedOrg } from '../../../src/app/orgs/create-org.ts';
import { createChannelSenders, orgEmailTransport } from '../../../src/app/dispatch/channel-senders.ts';
import { loadDemoPortfolio } from '../../../src/app/demo/load-demo-portfolio.ts';
import type { Database } from '../../../src/db/engine.ts';
import { createHttpApp } from '../../../src/http/app.ts';
import { instantNow, orgToday } from '../../../src/http/org.ts';
import { makeUser } from '../../http/support.ts';
import { openTestDatabase } from '../../support/engines.ts';

export interface DemoServer {
  url: string;
  database: Database;
  created: CreatedOrg;
  today: string;
  users: Record<'owner' | 'collector' | 'viewer', { email: string; password: string }>;
  /** The API with the owner's key, as a script would use it. */
  api: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
  close: () => Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const database = await openTestDatabase('pglite');
  const now = () => new Date();
  const created = await createOrg(database.db, { name: 'Demo Trading Ltd', slug: 'demo', currency: 'GBP', timeZone: 'Europe/London', country: 'GB', ownerEmail: 'owner@example.com' });
  const today = orgToday(created.org, now);
  await loadDemoPortfolio(database.db, created.org, instantNow(now));
  const users = {
    owner: { email: 'owner@example.com', password: created.ownerPassword },
    collector: { email: 'collector@example.com', password: 'collector-password-1' },
    viewer: { email: 'viewer@example.com', password: 'viewer-password-1' },
  };
  await makeUser(database, created.org.id, 'collector', users.collector.email, users.collector.password);
  await makeUser(database, created.org.id, 'viewer', users.viewer.email, users.viewer.password);
  // as `arrears start` wires it, with no SMTP_URL: the organisation's own server once one is set
  const senders = createChannelSenders({ smtpUrl: undefined, dataDir: mkdtempSync(join(tmpdir(), 'arrears-e2e-')), sms: null });
  const app = createHttpApp({ database, logger: pino({ level: 'silent' }), now, sms: null, orgMail: orgEmailTransport(senders, { smtpUrl: undefined }) });
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve({ server, port: info.port }));
  });
  const url = `http://127.0.0.1:${port}`;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${created.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  return {
    url,
    database,
    created,
    today,
    users,
    api,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      senders.close();
      await database.close();
    },
  };
}
