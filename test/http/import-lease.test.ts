// An import whose process was killed half-way says so: once its heartbeat is older than the lease,
// the import log shows it failed, "interrupted", instead of running forever.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { holdImportLease, markInterruptedImports } from '../../src/app/import/import-lease.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, makeApiOrg, type ApiOrg, type App } from './support.ts';

describeEachEngine('interrupted imports', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  /** A 'running' import row whose heartbeat is `ageSeconds` old, as a killed process leaves it. */
  const runningImport = async (ageSeconds: number) =>
    (
      await database.db
        .insertInto('imports')
        .values({ org_id: org.orgId, kind: 'invoices', format: 'generic', file_name: `killed-${ageSeconds}.csv`, status: 'running', started_at: sql<string>`now() - make_interval(secs => ${ageSeconds + 5})`, heartbeat_at: sql<string>`now() - make_interval(secs => ${ageSeconds})` })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  it('shows a running import with a stale heartbeat as failed (interrupted), and a live one as running', async () => {
    const killed = await runningImport(600);
    const live = await runningImport(5);
    const api = client(app, org.keys.viewer);
    const list = (await api.get('/api/v1/imports')).body.data as Array<{ id: string; status: string; summary: Record<string, unknown>; finishedAt: string | null }>;
    expect(list.find((row) => row.id === String(killed))).toMatchObject({ status: 'failed', summary: { error: 'interrupted' }, finishedAt: expect.any(String) });
    expect(list.find((row) => row.id === String(live))).toMatchObject({ status: 'running', finishedAt: null });
    const one = await api.get(`/api/v1/imports/${killed}`);
    expect(one.body).toMatchObject({ status: 'failed', summary: { error: 'interrupted', detail: expect.stringMatching(/import the file again/) } });
    // marked in the database too, once
    const stored = await database.db.selectFrom('imports').select(['status']).where('org_id', '=', org.orgId).where('id', '=', killed).executeTakeFirstOrThrow();
    expect(stored.status).toBe('failed');
  });

  it('keeps the heartbeat of an import this process runs fresh, and never marks it', async () => {
    const mine = await runningImport(600);
    const release = holdImportLease(database.db, org.orgId, mine, 20);
    try {
      await markInterruptedImports(database.db, org.orgId);
      expect((await database.db.selectFrom('imports').select('status').where('org_id', '=', org.orgId).where('id', '=', mine).executeTakeFirstOrThrow()).status).toBe('running');
      await new Promise((resolve) => setTimeout(resolve, 150));
      const row = await database.db
        .selectFrom('imports')
        .select(sql<boolean>`heartbeat_at > now() - interval '10 seconds'`.as('fresh'))
        .where('org_id', '=', org.orgId)
        .where('id', '=', mine)
        .executeTakeFirstOrThrow();
      expect(row.fresh).toBe(true);
    } finally {
      release();
    }
  });

  it('marks only the organisation asking: another organisation’s stale import is left to it', async () => {
    const other = await makeApiOrg(database);
    const theirs = (
      await database.db
        .insertInto('imports')
        .values({ org_id: other.orgId, kind: 'customers', format: 'generic', file_name: 'theirs.csv', status: 'running', heartbeat_at: sql<string>`now() - interval '1 hour'` })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await client(app, org.keys.viewer).get('/api/v1/imports');
    expect((await database.db.selectFrom('imports').select('status').where('org_id', '=', other.orgId).where('id', '=', theirs).executeTakeFirstOrThrow()).status).toBe('running');
    expect((await client(app, other.keys.viewer).get(`/api/v1/imports/${theirs}`)).body.status).toBe('failed');
  });
});
