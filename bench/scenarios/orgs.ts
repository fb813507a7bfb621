// `orgs`: many organisations on one PostgreSQL (a host running Arrears for many businesses). The
// same number of open invoices twice: shared by `--orgs` organisations (a thousand invoices and a
// hundred customers each by default), and in a single organisation. Each is planned by the
// scheduler's daily pass (runDueCycles, as `arrears start` runs it every minute) in processes of
// its own: the many organisations by one worker, then, on an identical copy of the database, by
// two workers sharing them; the single organisation by one worker. Every pass is the first cycle
// after the import (every overdue customer gets a case and a first action), timed from "go" to
// the last worker's end, start-up excluded.
//
// The first organisation is loaded through the real import (as `cycle` loads its ledger); the
// others are copies of its customers, contacts and invoices made in SQL (a thousand imports would
// measure the import, not the cycle).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { sql, type Kysely } from 'kysely';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import { openDatabase } from '../../src/db/engine.ts';
import type { DB } from '../../src/db/schema.ts';
import type { BenchArgs } from '../support/args.ts';
import { admin, type BenchDatabase } from '../support/database.ts';
import { round1 } from '../support/measure.ts';
import { loadOpenLedger, vacuumAnalyze } from '../support/open-ledger.ts';
import { benchToday } from '../support/portfolio.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

/** Past every organisation's cycle hour on the bench's "today" (the organisations are in UTC). */
const schedulerNow = `${benchToday}T23:00:00Z`;
/** Organisations created and copied into per statement. */
const cloneBatch = 100;

export async function runOrgsScenario({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  if (args.engine !== 'postgres' || !bench.url) throw new Error('the orgs scenario runs on PostgreSQL only (--engine postgres): several scheduler processes share one database');
  const perOrg = Math.max(1, Math.floor(args.invoices / args.orgs));
  const baseUrl = new URL(bench.url);
  const databaseUrl = (name: string) => Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString();
  const prefix = `${baseUrl.pathname.slice(1)}_${randomBytes(3).toString('hex')}`;
  const built = `${prefix}_orgs`;
  const copies = [`${prefix}_one`, `${prefix}_two`];
  const created: string[] = [];
  try {
    // the many organisations, built once, then copied so both passes start from the same rows
    await admin(bench.url, `create database ${built}`);
    created.push(built);
    const orgsDatabase = await openDatabase({ engine: 'postgres', url: databaseUrl(built) });
    try {
      await buildOrgs(orgsDatabase.db, args.orgs, { ...args, invoices: perOrg, customers: Math.max(1, Math.floor(perOrg / 10)) });
    } finally {
      await orgsDatabase.close();
    }
    for (const copy of copies) {
      await admin(bench.url, `create database ${copy} template ${built}`);
      created.push(copy);
    }

    const oneWorker = await schedulerPass([databaseUrl(copies[0]!)]);
    const twoWorkers = await schedulerPass([databaseUrl(copies[1]!), databaseUrl(copies[1]!)]);
    const counted = await countRuns(databaseUrl(copies[1]!));
    const ranTwice = twoWorkers.ran[0]!.filter((slug) => twoWorkers.ran[1]!.includes(slug)).length;

    // the same invoices in one organisation, on the benchmark's own database
    await loadOpenLedger(bench.database.db, args);
    const singleOrg = await schedulerPass([bench.url]);

    const figures = {
      scenario: 'orgs',
      engine: args.engine,
      orgs: args.orgs,
      invoices: args.invoices,
      one_worker_ms: round1(oneWorker.ms),
      two_workers_ms: round1(twoWorkers.ms),
      single_org_ms: round1(singleOrg.ms),
      orgs_planned: counted.orgsPlanned,
      orgs_planned_twice: Math.max(ranTwice, counted.orgsPlannedTwice),
      actions: counted.actions,
    };
    return {
      figures,
      summary:
        `orgs [postgres]: ${args.orgs} organisations × ${perOrg} invoices; one worker ${round1(oneWorker.ms)} ms (${oneWorker.ran[0]!.length} organisations) = ` +
        `${(oneWorker.ms / singleOrg.ms).toFixed(2)} × the single organisation's ${round1(singleOrg.ms)} ms; two workers ${round1(twoWorkers.ms)} ms ` +
        `(${twoWorkers.ran.map((ran) => ran.length).join(' + ')} organisations, ${figures.orgs_planned_twice} twice); ${counted.actions} actions`,
    };
  } finally {
    if (process.env.BENCH_KEEP_DATABASE === '1') console.error(`kept the databases ${created.join(', ')}`);
    else for (const name of created.reverse()) await admin(bench.url, `drop database if exists ${name} with (force)`);
  }
}

async function buildOrgs(db: Kysely<DB>, orgs: number, size: BenchArgs): Promise<void> {
  const { orgId: template } = await loadOpenLedger(db, size);
  for (let first = 2; first <= orgs; first += cloneBatch) {
    const ids: bigint[] = [];
    for (let n = first; n < Math.min(orgs + 1, first + cloneBatch); n += 1) {
      const { org } = await createOrg(db, { name: `Bench Org ${n}`, slug: `bench-${n}`, currency: 'USD', timeZone: 'UTC', ownerEmail: `bench-${n}@example.com` });
      ids.push(org.id);
    }
    await cloneLedger(db, template, ids);
  }
  await sql`
    insert into disputes (org_id, invoice_id, reason_code, reason, amount, opened_on)
    select org_id, id, 'quality', 'bench dispute', case when id % 2 = 0 then null else greatest(balance / 2, 1) end, ${benchToday}::date
      from invoices where org_id <> ${template} and status = 'open' and balance > 0 and id % 200 = 0`.execute(db);
  await vacuumAnalyze(db, ['invoices', 'customers', 'contacts', 'disputes', 'orgs']);
}

/** Copies one organisation's customers, contacts and invoices into each of `orgIds`, set-based. */
async function cloneLedger(db: Kysely<DB>, template: bigint, orgIds: readonly bigint[]): Promise<void> {
  const columns = async (table: string, leave: readonly string[]) => {
    const { rows } = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
       where table_schema = current_schema() and table_name = ${table} and is_generated = 'NEVER' and not (column_name = any(${leave}::text[]))
       order by ordinal_position`.execute(db);
    const names = rows.map((row) => row.name);
    return { list: sql.join(names.map((name) => sql.ref(name))), fromT: sql.join(names.map((name) => sql.ref(`t.${name}`))) };
  };
  const customer = await columns('customers', ['org_id', 'id']);
  await sql`
    insert into customers (org_id, ${customer.list})
    select o.id, ${customer.fromT} from customers t cross join unnest(${orgIds}::bigint[]) as o(id) where t.org_id = ${template}`.execute(db);
  for (const table of ['contacts', 'invoices'] as const) {
    const copied = await columns(table, ['org_id', 'id', 'customer_id', 'import_id']);
    await sql`
      insert into ${sql.table(table)} (org_id, customer_id, ${copied.list})
      select o.id, nc.id, ${copied.fromT}
        from ${sql.table(table)} t
        join customers tc on tc.org_id = t.org_id and tc.id = t.customer_id
        cross join unnest(${orgIds}::bigint[]) as o(id)
        join customers nc on nc.org_id = o.id and nc.external_id = tc.external_id
       where t.org_id = ${template}`.execute(db);
  }
}

/** One scheduler pass by as many worker processes as URLs, started together; timed from "go" to the last one's end. */
async function schedulerPass(urls: readonly string[]): Promise<{ ms: number; ran: string[][] }> {
  const workers = urls.map((url) => {
    const child = spawn(process.execPath, ['bin/run-ts.js', 'bench/support/scheduler-worker.ts', url, schedulerNow], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const exited = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a scheduler worker exited with ${code}`)))));
    return { child, lines, exited };
  });
  for (const worker of workers) if ((await worker.lines.next()).value !== 'ready') throw new Error('a scheduler worker did not start');
  for (const worker of workers) worker.child.stdin!.write('go\n');
  const results = await Promise.all(workers.map(async (worker) => JSON.parse((await worker.lines.next()).value as string) as { startedAt: number; endedAt: number; ran: string[] }));
  await Promise.all(workers.map((worker) => worker.exited));
  return { ms: Math.max(...results.map((r) => r.endedAt)) - Math.min(...results.map((r) => r.startedAt)), ran: results.map((r) => r.ran) };
}

async function countRuns(url: string): Promise<{ orgsPlanned: number; orgsPlannedTwice: number; actions: number }> {
  const database = await openDatabase({ engine: 'postgres', url, migrate: false });
  try {
    const { rows } = await sql<{ planned: number; twice: number; actions: number }>`
      select (select count(distinct org_id)::int from cycle_runs where cycle_date = ${benchToday}::date and status = 'completed') as planned,
             (select count(*)::int from (select org_id from cycle_runs where cycle_date = ${benchToday}::date group by org_id having count(*) > 1) t) as twice,
             (select count(*)::int from actions) as actions`.execute(database.db);
    return { orgsPlanned: rows[0]!.planned, orgsPlannedTwice: rows[0]!.twice, actions: rows[0]!.actions };
  } finally {
    await database.close();
  }
}
