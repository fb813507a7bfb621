// A command whose PostgreSQL cannot be reached says which server and why, without a stack trace,
// and exits 69 (service unavailable) so scripts can tell it from a bug or bad input.
import { expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

it('says the database cannot be reached, naming it (password hidden), and exits 69', async () => {
  const refused = await runCli(['aging'], { DATABASE_URL: 'postgres://arrears:s3cret@127.0.0.1:1/arrears' });
  expect(refused.code).toBe(69);
  expect(refused.stderr).toBe('arrears: cannot reach the database at postgres://arrears:***@127.0.0.1:1/arrears: connection refused (is PostgreSQL running, and on this port?); check DATABASE_URL\n');
  expect(refused.stderr).not.toContain('s3cret');
  const started = await runCli(['start'], { DATABASE_URL: 'postgres://127.0.0.1:1/x' });
  expect(started.code).toBe(69);
  expect(started.stderr).toMatch(/^arrears: cannot reach the database at postgres:\/\/127\.0\.0\.1:1\/x: connection refused/);
  expect(started.stderr).not.toMatch(/\n\s+at /);
}, 60_000);
