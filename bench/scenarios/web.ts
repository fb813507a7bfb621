// `web`: what the staff web app's screens wait for on a large portfolio. The ledger is loaded as
// for `aging` and `cycle` (the import, every invoice unpaid, a few disputes, vacuumed and
// analysed), the first day's cycle runs for real (so there are cases, actions and a worklist), and
// the real HTTP server (startHttpServer, as `arrears start` serves it) answers on a local port.
// Signed in as the owner with the session cookie, as the browser is, each screen is loaded 20
// times after one untimed load: a load is the requests the screen makes on first load
// (web/src/routes/*: the session first, as the router's guard awaits it, then the screen's own
// queries together, as React Query starts them), timed until the last answer's body is read.
import pino from 'pino';
import { sql } from 'kysely';
import { hashPassword } from '../../src/app/access/credentials.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { startHttpServer } from '../../src/http/server.ts';
import type { BenchDatabase } from '../support/database.ts';
import { loadNow, peakRssMb, percentile, round1 } from '../support/measure.ts';
import { loadOpenLedger } from '../support/open-ledger.ts';
import { benchToday } from '../support/portfolio.ts';
import { firstScreenJs } from '../support/web-bundle.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

/** Timed loads of each screen (after one untimed). */
const loads = 20;
const ownerPassword = 'bench-owner-password';

/** The requests of each screen's first load, after the session (the router's guard). */
function screenRequests(customerId: string, searchTerm: string): Record<string, string[]> {
  const q = encodeURIComponent(searchTerm);
  return {
    // today.tsx: the dashboard, and the pending promises for "promised in the next 30 days"
    today: ['/api/v1/dashboard', '/api/v1/promises?status=pending&limit=500'],
    // worklist.tsx: the queue (no item open until one is chosen)
    worklist: ['/api/v1/worklist?limit=50'],
    // customers.tsx: the playbooks for the filter, and the first page of a search
    customers_search: ['/api/v1/playbooks?limit=500', `/api/v1/customers?limit=50&q=${q}`],
    // customer/index.tsx and Contacts.tsx (customer/data.ts)
    customer: [
      `/api/v1/customers/${customerId}`,
      `/api/v1/invoices?customerId=${customerId}&limit=500`,
      `/api/v1/contacts?customerId=${customerId}&limit=500`,
      `/api/v1/disputes?customerId=${customerId}&limit=500`,
      `/api/v1/holds?customerId=${customerId}&active=true&limit=500`,
      `/api/v1/promises?customerId=${customerId}&limit=500`,
      `/api/v1/customers/${customerId}/playbook`,
      `/api/v1/customers/${customerId}/timeline?order=newest&limit=100`,
    ],
  };
}

export async function runWebScenario({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const { db } = bench.database;
  const loadBefore = loadNow();
  const { orgId, openInvoices, customersWithOpen, fresh } = await loadOpenLedger(db, args);
  const org = await db.selectFrom('orgs').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  const firstDay = await runCycle(db, org, benchToday, { omitActions: true });
  const owner = await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(ownerPassword) })
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .returning('email')
    .executeTakeFirstOrThrow();

  // the page of the customer with the most open invoices (the longest lists a page shows), and a
  // search for a word of a customer's name in the middle of the book
  const largest = await sql<{ id: bigint }>`
    select customer_id as id from invoices where org_id = ${orgId} and status = 'open' group by customer_id order by count(*) desc, customer_id limit 1`.execute(db);
  const middle = await sql<{ name: string }>`
    select name from customers where org_id = ${orgId} order by id offset (select count(*) / 2 from customers where org_id = ${orgId}) limit 1`.execute(db);
  const searchTerm = middle.rows[0]!.name.split(/\s+/)[0]!.toLowerCase();
  const customerId = largest.rows[0]!.id.toString();

  // the day the portfolio was generated for, at noon in the organisation's time zone (UTC)
  const now = () => new Date(`${benchToday}T12:00:00Z`);
  const { server, port } = await startHttpServer({ database: bench.database, logger: pino({ level: 'silent' }), now, sms: null }, '127.0.0.1', 0);
  const origin = `http://127.0.0.1:${port}`;
  try {
    const signIn = await fetch(`${origin}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: owner.email, password: ownerPassword }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}: ${await signIn.text()}`);
    const cookie = signIn.headers.getSetCookie().map((set) => set.split(';')[0]).join('; ');
    // each request's own times too, to tell which one a slow screen waits for
    const byPath = new Map<string, number[]>();
    const get = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${origin}${path}`, { headers: { cookie } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body.slice(0, 300)}`);
      byPath.set(path, [...(byPath.get(path) ?? []), performance.now() - started]);
    };
    const loadScreen = async (paths: readonly string[]) => {
      const started = performance.now();
      await get('/api/v1/session');
      await Promise.all(paths.map(get));
      return performance.now() - started;
    };

    const screens: Record<string, { p50_ms: number; p95_ms: number; requests: number; slowest: { path: string; p95_ms: number } }> = {};
    const runs: Record<string, number[]> = {};
    for (const [name, paths] of Object.entries(screenRequests(customerId, searchTerm))) {
      await loadScreen(paths);
      const ms: number[] = [];
      byPath.clear();
      for (let load = 0; load < loads; load += 1) ms.push(await loadScreen(paths));
      runs[name] = ms;
      const [slowPath, slowMs] = [...byPath].map(([path, times]) => [path, percentile(times, 95)] as const).sort((a, b) => b[1] - a[1])[0]!;
      screens[name] = { p50_ms: round1(percentile(ms, 50)), p95_ms: round1(percentile(ms, 95)), requests: paths.length + 1, slowest: { path: slowPath, p95_ms: round1(slowMs) } };
    }
    const js = await firstScreenJs();
    const load = [loadBefore, loadNow()];
    return {
      figures: {
        scenario: 'web',
        engine: args.engine,
        invoices: openInvoices,
        customers: customersWithOpen,
        screens,
        initial_js_kb_gzip: js.kbGzip,
        lazy_charts_js_kb_gzip: js.lazyKbGzip,
        first_day_actions: firstDay.summary.created,
        search_term: searchTerm,
        fresh,
        load_avg: load,
        peak_rss_mb: peakRssMb(),
      },
      summary:
        `web [${args.engine}]: ${openInvoices} open invoices, ${customersWithOpen} customers, ${firstDay.summary.created} actions planned; ` +
        Object.entries(screens)
          .map(([name, figures]) => `${name} p50 ${figures.p50_ms} / p95 ${figures.p95_ms} ms (${figures.requests} requests; ${runs[name]!.map(Math.round).join('/')})`)
          .join('; ') +
        `; first screen's JS ${js.kbGzip} kB gzipped (${js.files.join(', ')}), then its charts ${js.lazyKbGzip} kB (${js.lazyFiles.join(', ')}); load average ${load.join(' → ')}`,
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
