// A key's last use is recorded, at most once a minute (a conditional update, not a write per
// request), and shown by `arrears key list`.
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../src/app/access/authenticate-api-key.ts';
import { openDatabase, type Database } from '../../src/db/engine.ts';
import { runCli, tempDataDir } from '../support/cli.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, makeApiOrg, type ApiOrg, type App } from './support.ts';

describeEachEngine('API key last use', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  const lastUsed = async (role: string) =>
    (await database.db.selectFrom('api_keys').select('last_used_at').where('org_id', '=', org.orgId).where('role', '=', role as 'viewer').executeTakeFirstOrThrow()).last_used_at;

  it('is set on first use, not rewritten within the minute, and moved on after it', async () => {
    expect(await lastUsed('viewer')).toBeNull();
    const api = client(app, org.keys.viewer);
    expect((await api.get('/api/v1/customers')).status).toBe(200);
    const first = await lastUsed('viewer');
    expect(first).not.toBeNull();
    expect(Date.now() - Date.parse(first!)).toBeLessThan(60_000);
    await api.get('/api/v1/customers');
    expect(await lastUsed('viewer')).toBe(first);
    // only the key used
    expect(await lastUsed('collector')).toBeNull();
    await database.db.updateTable('api_keys').set({ last_used_at: sql<string>`now() - interval '5 minutes'` }).where('org_id', '=', org.orgId).where('role', '=', 'viewer').execute();
    await api.get('/api/v1/customers');
    expect(Date.now() - Date.parse((await lastUsed('viewer'))!)).toBeLessThan(60_000);
  });
});

// One engine is enough here: the listing is the same query on both.
describe('arrears key list [pglite]', () => {
  const data = tempDataDir();
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('shows when each key was last used', async () => {
    const created = await runCli(['--data', data, 'org', 'create', '--name', 'Keys Ltd', '--owner-email', 'owner@keys.test']);
    expect(created.code, created.stderr).toBe(0);
    const key = /API key:\s+(arr_\S+)/.exec(created.stdout)![1]!;
    const before = await runCli(['--data', data, 'key', 'list']);
    expect(before.stdout).toMatch(/last used/);
    expect(before.stdout).toMatch(/never/);
    const opened = await openDatabase({ engine: 'pglite', dataDir: data });
    try {
      await authenticateApiKey(opened.db, key);
    } finally {
      await opened.close();
    }
    const after = await runCli(['--data', data, 'key', 'list']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toMatch(new RegExp(`${new Date().toISOString().slice(0, 10)} \\d\\d:\\d\\d UTC`));
    expect(after.stdout).not.toMatch(/never/);
  }, 180_000);
});
