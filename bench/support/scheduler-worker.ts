// One scheduler process of the `orgs` scenario: connects to the database named on the command
// line, says "ready", waits for "go" on stdin (so the parent starts every worker's pass at once,
// after their start-up), runs one scheduler pass (runDueCycles, as `arrears start` does each
// minute, with the concurrency it gives it on PostgreSQL) at the instant given, and prints when
// it started and ended and what it ran, as JSON.
import { createInterface } from 'node:readline';
import pino from 'pino';
import { Temporal } from 'temporal-polyfill';
import { openDatabase } from '../../src/db/engine.ts';
import { postgresSchedulerConcurrency, runDueCycles } from '../../src/jobs/scheduler.ts';

const [url, nowIso] = process.argv.slice(2);
if (!url || !nowIso) throw new Error('usage: scheduler-worker.ts <postgres url> <instant>');
const database = await openDatabase({ engine: 'postgres', url, migrate: false });
try {
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line === 'go') break;
  lines.close();
  const startedAt = Date.now();
  const ran = await runDueCycles({ db: database.db, logger: pino({ level: 'silent' }), now: () => Temporal.Instant.from(nowIso), concurrency: postgresSchedulerConcurrency });
  process.stdout.write(`${JSON.stringify({ startedAt, endedAt: Date.now(), ran })}\n`);
} finally {
  await database.close();
}
