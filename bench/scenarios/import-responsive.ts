// `import-responsive`: does the server stay usable while a big import runs? The invoices file is
// uploaded through the HTTP API (POST /api/v1/imports, streamed as text/csv) to the real server
// (startHttpServer, as `arrears start` serves it) on this database; meanwhile the Today screen is
// loaded again and again — its API requests (/api/v1/dashboard, /api/v1/promises) fired together as
// the browser does, a person's pause between loads — and each request is timed from send to answer.
// The import's progress is read as the /imports page reads it (GET /api/v1/imports?order=newest&limit=1).
// The figures are over every request made until the import answered; idle_p95_ms and
// after_p95_ms are the same screen before the import (for scale on a busy machine) and after it
// (on the portfolio it wrote: the dashboard reads all of it). Customers are imported before the clock
// starts, as in `import`. With --phases, every statement the server runs is timed, and the slowest
// requests are printed with the statements that ran while they waited (stderr).
import { createReadStream } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { createApiKey } from '../../src/app/orgs/create-org.ts';
import { startHttpServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';
import type { BenchDatabase } from '../support/database.ts';
import { loadNow, peakRssMb, percentile, round1 } from '../support/measure.ts';
import { benchToday, createBenchOrg, importBenchFile, writeBenchPortfolio } from '../support/portfolio.ts';
import { StatementTimer } from '../support/statement-timer.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

/** A person's pace between two loads of the screen. */
const thinkMs = 200;
/** today.tsx's requests on first load (see the `web` scenario). */
const todayRequests = ['/api/v1/dashboard', '/api/v1/promises?status=pending&limit=500'];

/**
 * A GET on a connection of its own, as a browser tab would have one (fetch keeps connections alive,
 * and a server whose event loop was busy past its keep-alive timeout resets one being reused).
 */
function get(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => (response.statusCode === 200 ? resolve(body) : reject(new Error(`${url} answered ${response.statusCode}: ${body.slice(0, 300)}`))));
    })
      .on('error', reject)
      .end();
  });
}

export async function runImportResponsive({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const loadBefore = loadNow();
  const files = await writeBenchPortfolio({ invoices: args.invoices, customers: args.customers, openShare: args.openShare });
  const { database } = bench;
  const orgId = await createBenchOrg(database.db);
  const key = await createApiKey(database.db, orgId, 'bench', 'owner');
  await importBenchFile(database.db, orgId, 'customers', files.customers, database);
  const timer = args.phases ? new StatementTimer(true) : undefined;
  const { server, port } = await startHttpServer(
    { database: timer ? { ...database, db: database.db.withPlugin(timer) } : database, logger: createLogger({ logLevel: 'silent' }), now: () => new Date(`${benchToday}T12:00:00Z`), sms: null },
    '127.0.0.1',
    0,
  );
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${key}` };
  const timeScreen = async (into: number[], keep: () => boolean = () => true, phase?: string) => {
    await Promise.all(
      todayRequests.map(async (path) => {
        const sent = performance.now();
        // sent while the import ran: counted however long it waited (it may be answered after the import)
        const counted = keep();
        await get(`${base}${path}`, headers);
        if (!counted) return;
        const answered = performance.now();
        into.push(answered - sent);
        if (phase !== undefined) {
          byPhase.set(phase, [...(byPhase.get(phase) ?? []), answered - sent]);
          requests.push({ path, phase, sent, answered });
        }
      }),
    );
  };
  /** Each request's time, by the import's phase last seen before it was sent. */
  const byPhase = new Map<string, number[]>();
  /** Each request sent while the import ran (for --phases). */
  const requests: Array<{ path: string; phase: string; sent: number; answered: number }> = [];
  try {
    // The same screen with nothing else running: on a loaded machine, what "fast" is here.
    const idle: number[] = [];
    await timeScreen([]);
    for (let load = 0; load < 5; load += 1) await timeScreen(idle);

    const timings: number[] = [];
    let phase = 'reading';
    let importDone = false;
    timer?.reset();
    const started = performance.now();
    const upload = fetch(`${base}/api/v1/imports?kind=invoices&format=generic&fileName=invoices.csv`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: Readable.toWeb(createReadStream(files.invoices)) as ReadableStream,
      duplex: 'half',
    } as RequestInit).then(async (response) => {
      const body = (await response.json()) as { status?: string; rows?: number };
      if (response.status !== 201) throw new Error(`the import answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
      return { ms: performance.now() - started, rows: body.rows ?? 0 };
    });
    upload.then(
      () => (importDone = true),
      () => (importDone = true),
    );
    // the /imports page's poll, on its own (it waits for the import like any request): the phase the import is in
    const polling = (async () => {
      while (!importDone) {
        const latest = JSON.parse(await get(`${base}/api/v1/imports?order=newest&limit=1`, headers)) as { data: Array<{ progress?: { phase?: string } | null }> };
        phase = latest.data[0]?.progress?.phase ?? phase;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    let loads = 0;
    while (!importDone) {
      await timeScreen(timings, () => !importDone, phase);
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, thinkMs));
    }
    await polling;
    const imported = await upload;
    // The same screen once the import is done: what it costs on the portfolio now in the ledger.
    const after: number[] = [];
    for (let load = 0; load < 5; load += 1) await timeScreen(after);
    const load = [loadBefore, loadNow()];
    const figures = {
      scenario: 'import-responsive',
      engine: args.engine,
      rows: imported.rows,
      import_ms: Math.round(imported.ms),
      screen_loads: loads,
      requests: timings.length,
      p50_ms: round1(percentile(timings, 50)),
      p95_ms: round1(percentile(timings, 95)),
      max_ms: round1(Math.max(...timings)),
      idle_p95_ms: round1(percentile(idle, 95)),
      after_p95_ms: round1(percentile(after, 95)),
      by_phase: Object.fromEntries([...byPhase].map(([name, ms]) => [name, { requests: ms.length, p95_ms: round1(percentile(ms, 95)), max_ms: round1(Math.max(...ms)) }])),
      load_avg: load,
      peak_rss_mb: peakRssMb(),
    };
    return {
      figures,
      summary:
        `import-responsive [${args.engine}]: ${figures.rows} invoice rows imported over HTTP in ${(figures.import_ms / 1000).toFixed(1)} s; ` +
        `meanwhile ${figures.requests} requests of the Today screen (${loads} loads): p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, max ${figures.max_ms} ms ` +
        `(with no import: p95 ${figures.idle_p95_ms} ms before, ${figures.after_p95_ms} ms after); by phase ${JSON.stringify(figures.by_phase)}; load average ${load.join(' → ')}`,
      phases: timer && {
        // what held the connection longest in one statement, the import's and the requests' alike
        longestStatements: timer.longest(12),
        slowestRequests: [...requests]
          .sort((a, b) => b.answered - b.sent - (a.answered - a.sent))
          .slice(0, 8)
          .map((r) => ({
            path: r.path,
            phase: r.phase,
            ms: round1(r.answered - r.sent),
            sentAtMs: round1(r.sent - started),
            waitedOn: timer.overlapping(r.sent, r.answered),
          })),
      },
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await files.dispose();
  }
}
