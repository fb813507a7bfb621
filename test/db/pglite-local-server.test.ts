// The embedded database served by `arrears start` to the other commands (src/db/pglite-local-server.ts):
// in one process here, a server database and a database opened through it on the same data directory.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/engine.ts';

async function waitFor(condition: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a data directory served by the running server', () => {
  let dataDir: string;
  let server: Database;
  let client: Database;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'arrears-served-'));
    server = await openDatabase({ engine: 'pglite', dataDir, serve: true });
    client = await openDatabase({ engine: 'pglite', dataDir });
    await server.runScript('create table served_test (n int)');
  });
  afterAll(async () => {
    await client?.close();
    await server?.close();
  });

  it('opens through the server instead of failing as locked, and sees what it writes', async () => {
    await sql`insert into served_test values (1)`.execute(client.db);
    const rows = await sql<{ n: number }>`select n from served_test`.execute(server.db);
    expect(rows.rows).toEqual([{ n: 1 }]);
  });

  it("never interleaves the server's queries with a client's transaction", async () => {
    const order: string[] = [];
    let serverQuery: Promise<unknown> | undefined;
    await client.db.transaction().execute(async (tx) => {
      await sql`insert into served_test values (2)`.execute(tx);
      serverQuery = sql<{ count: string }>`select count(*)::text as count from served_test`.execute(server.db).then((result) => {
        order.push(`server saw ${result.rows[0]!.count}`);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await sql`insert into served_test values (3)`.execute(tx);
      order.push('client committed');
    });
    await serverQuery;
    // Before the commit the server waited; a query run inside the client's transaction would have seen 2 rows.
    expect(order).toEqual(['client committed', 'server saw 3']);
  });

  it('rolls back what a client left open when it goes away, and gives the connection back', async () => {
    const socket = JSON.parse(readFileSync(join(dataDir, 'arrears.lock'), 'utf8')).socket as string;
    const raw = new pg.Client({ host: dirname(socket), port: 5432, user: 'arrears', database: 'arrears' });
    await raw.connect();
    await raw.query('begin');
    await raw.query('insert into served_test values (99)');
    raw.on('error', () => {});
    (raw as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const rows = await sql<{ n: number }>`select n from served_test where n = 99`.execute(server.db);
    expect(rows.rows).toEqual([]);
  });

  it("raises a client's NOTIFY where the server listens, and a client cannot UNLISTEN the server", async () => {
    let woken = 0;
    const stop = await server.listen('served_channel', () => woken++);
    try {
      const clientStop = await client.listen('served_channel', () => {});
      await clientStop();
      await sql`select pg_notify('served_channel', 'x')`.execute(client.db);
      await waitFor(() => woken > 0);
    } finally {
      await stop();
    }
  });
});
