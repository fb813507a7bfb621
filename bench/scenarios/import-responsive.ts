// `import-responsive`: does the server stay usable while a big import runs? The invoices file is
// uploaded through the HTTP API (POST /api/v1/imports, streamed as text/csv) to a real server on
// this database; meanwhile the Today screen is loaded again and again — its API requests
// (/api/v1/dashboard, /api/v1/promises) fired together as the browser does, plus /healthz — and
// each request is timed from send to answer. The figures are over every request made until the
// import answered; idle_p95_ms is the same screen before the import, for scale on a busy machine. Customers are imported before the clock starts, as in `import`.
import { createApiKey } from '../../src/app/orgs/create-org.ts';
import { startHttpServer } from '../../src/http/server.ts';
import { createLogger } from '../../src/logger.ts';
import { createReadStream } from 'node:fs';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import type { BenchDatabase } from '../support/database.ts';
import { peakRssMb } from '../support/measure.ts';
import { benchToday, createBenchOrg, importBenchFile, writeBenchPortfolio } from '../support/portfolio.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

/** A person's pace between two loads of the screen. */
const thinkMs = 200;
const todayRequests = ['/healthz', '/api/v1/dashboard', '/api/v1/promises?status=pending&limit=500'];

/**
 * A GET on a connection of its own, as a browser tab would have one. (fetch keeps connections alive,
 * and a server whose event loop was busy past its keep-alive timeout resets one being reused.)
 */
function get(url: string, headers: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, { headers, agent: false }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${url} answered ${response.statusCode}`))));
    })
      .on('error', reject)
      .end();
  });
}

export async function runImportResponsive({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const files = await writeBenchPortfolio({ invoices: args.invoices, customers: args.customers, openShare: args.openShare });
  const { database } = bench;
  const orgId = await createBenchOrg(database.db);
  const key = await createApiKey(database.db, orgId, 'bench', 'owner');
  await importBenchFile(database.db, orgId, 'customers', files.customers);
  const { server, port } = await startHttpServer(
    { database, logger: createLogger({ logLevel: 'silent' }), now: () => new Date(`${benchToday}T12:00:00Z`), sms: null },
    '127.0.0.1',
    0,
  );
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${key}` };
  try {
    // The same screen with nothing else running: on a loaded machine, what "fast" is here.
    const idle: number[] = [];
    for (let load = 0; load < 5; load += 1) {
      await Promise.all(
        todayRequests.map(async (path) => {
          const sent = performance.now();
          await get(`${base}${path}`, headers);
          idle.push(performance.now() - sent);
        }),
      );
    }
    const timings: number[] = [];
    let importDone = false;
    const started = performance.now();
    const upload = fetch(`${base}/api/v1/imports?kind=invoices&format=generic&fileName=invoices.csv`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: Readable.toWeb(createReadStream(files.invoices)) as ReadableStream,
      duplex: 'half',
    } as RequestInit).then(async (response) => {
      const body = (await response.json()) as { status?: string; rows?: number; detail?: string };
      importDone = true;
      if (response.status !== 201) throw new Error(`the import answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
      return { ms: performance.now() - started, rows: body.rows ?? 0 };
    });
    upload.catch(() => (importDone = true));
    while (!importDone) {
      await Promise.all(
        todayRequests.map(async (path) => {
          const sent = performance.now();
          await get(`${base}${path}`, headers);
          if (!importDone) timings.push(performance.now() - sent);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, thinkMs));
    }
    const imported = await upload;
    const sorted = [...timings].sort((a, b) => a - b);
    const at = (q: number, values = sorted) => Math.round(values[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)] ?? 0);
    const figures = {
      scenario: 'import-responsive',
      engine: args.engine,
      rows: imported.rows,
      import_ms: Math.round(imported.ms),
      requests: timings.length,
      p50_ms: at(0.5),
      p95_ms: at(0.95),
      max_ms: Math.round(sorted.at(-1) ?? 0),
      idle_p95_ms: at(0.95, idle.sort((a, b) => a - b)),
    };
    return {
      figures,
      summary:
        `import-responsive [${args.engine}]: ${figures.rows} invoice rows imported over HTTP in ${(figures.import_ms / 1000).toFixed(1)} s; ` +
        `meanwhile ${figures.requests} requests of the Today screen: p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, max ${figures.max_ms} ms (with no import: p95 ${figures.idle_p95_ms} ms); peak RSS ${peakRssMb()} MiB`,
    };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await files.dispose();
  }
}
