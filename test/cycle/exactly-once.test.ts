// The cycle's exactly-once guarantee, across real processes: killed with SIGKILL half-way and
// run again, or run by two processes at once on PostgreSQL, every customer gets exactly one
// action for the day's step.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/engine.ts';
import { runCli, tempDataDir } from '../support/cli.ts';
import { createPostgresDatabase, engines } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';

const bin = fileURLToPath(new URL('../../bin/arrears.js', import.meta.url));
const customers = 6000;
const date = '2026-11-23';

/** Every customer owes two invoices 23–62 days overdue, reachable by email. */
async function seedPortfolio(database: Database): Promise<void> {
  const { org } = await makeOrg(database, { slug: 'bulk' });
  await sql`insert into customers (org_id, external_id, name, currency, time_zone)
            select ${org.id}, 'K-' || g, 'Customer ' || g, 'GBP', 'Europe/London' from generate_series(1, ${customers}) g`.execute(database.db);
  await sql`insert into contacts (org_id, customer_id, email, phone, address_line1)
            select org_id, id, 'c' || id || '@example.com', '+44 113 496 0000', '1 High St' from customers where org_id = ${org.id}`.execute(database.db);
  await sql`insert into invoices (org_id, customer_id, number, issue_date, due_date, currency, total)
            select org_id, id, 'I-' || id || '-' || k, date '2026-08-22' + (id % 40)::int, date '2026-09-22' + (id % 40)::int, 'GBP', 10000 + id
              from customers, generate_series(1, 2) k where org_id = ${org.id}`.execute(database.db);
  await sql`analyze`.execute(database.db); // as after a large import (see importFile)
}

async function actionStats(database: Database) {
  const { rows } = await sql<{ total: bigint; keys: bigint; customers: bigint }>`
    select count(*) as total, count(distinct idempotency_key) as keys, count(distinct customer_id) as customers from actions`.execute(database.db);
  return rows[0]!;
}

/** Starts `arrears cycle`, and SIGKILLs it as soon as it reports planning progress. */
function killMidCycle(args: string[], env: NodeJS.ProcessEnv): Promise<{ signal: NodeJS.Signals | null; sawProgress: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, 'cycle', '--date', date, '--json'], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let sawProgress = false;
    child.stderr.on('data', (chunk: Buffer) => {
      if (!sawProgress && /customers planned/.test(chunk.toString())) {
        sawProgress = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, sawProgress }));
  });
}

async function prepare(engine: 'pglite' | 'postgres') {
  if (engine === 'pglite') {
    const dataDir = tempDataDir();
    const database = await openDatabase({ engine: 'pglite', dataDir });
    await seedPortfolio(database);
    await database.close();
    return {
      args: ['--data', dataDir],
      env: { DATABASE_URL: '' },
      open: () => openDatabase({ engine: 'pglite', dataDir }),
      drop: async () => {},
    };
  }
  const created = await createPostgresDatabase();
  const database = await openDatabase({ engine: 'postgres', url: created.url });
  await seedPortfolio(database);
  await database.close();
  return { args: [], env: { DATABASE_URL: created.url }, open: () => openDatabase({ engine: 'postgres', url: created.url }), drop: created.drop };
}

describe('the cycle runs exactly once', () => {
  for (const engine of engines) {
    it(`killed with SIGKILL half-way and run again, it plans each customer's step once [${engine}]`, async () => {
      const setup = await prepare(engine);
      try {
        const killed = await killMidCycle(setup.args, setup.env);
        expect(killed).toEqual({ signal: 'SIGKILL', sawProgress: true });

        let database = await setup.open();
        expect((await actionStats(database)).total).toBe(0n); // the killed run's transaction never committed
        await database.close();

        const again = await runCli([...setup.args, 'cycle', '--date', date, '--json'], setup.env);
        expect(again.code).toBe(0);
        expect(JSON.parse(again.stdout).summary).toMatchObject({ customers, created: customers, existing: 0 });
        const third = await runCli([...setup.args, 'cycle', '--date', date, '--json'], setup.env);
        expect(JSON.parse(third.stdout).summary).toMatchObject({ created: 0, existing: customers });

        database = await setup.open();
        expect(await actionStats(database)).toEqual({ total: BigInt(customers), keys: BigInt(customers), customers: BigInt(customers) });
        await database.close();
      } finally {
        await setup.drop();
      }
    });
  }

  it.runIf(engines.includes('postgres'))('two processes running the same day at once create each action once [postgres]', async () => {
    const setup = await prepare('postgres');
    try {
      const [first, second] = await Promise.all([
        runCli(['cycle', '--date', date, '--json'], setup.env),
        runCli(['cycle', '--date', date, '--json'], setup.env),
      ]);
      expect([first.code, second.code]).toEqual([0, 0]);
      const [a, b] = [JSON.parse(first.stdout).summary, JSON.parse(second.stdout).summary];
      expect(a.created + b.created).toBe(customers);
      expect(a.existing + b.existing).toBe(customers);
      const database = await setup.open();
      expect(await actionStats(database)).toEqual({ total: BigInt(customers), keys: BigInt(customers), customers: BigInt(customers) });
      await database.close();
    } finally {
      await setup.drop();
    }
  });
});
