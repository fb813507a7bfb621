// The README's quick start: with the embedded database, `arrears` commands work while the server
// holds ./data, through the server (its socket, named in the lock file), and see what it sees.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli, startServer, tempDataDir } from '../support/cli.ts';

const invoices = fileURLToPath(new URL('../fixtures/generic/invoices.csv', import.meta.url));
const asOf = '2026-11-23';

describe('arrears commands while the server runs (embedded database)', () => {
  it('import and aging go through the server, with the same figures as its API and as the database alone', async () => {
    const data = tempDataDir();
    const server = await startServer(data);
    let apiTotals: unknown;
    let throughServer: string;
    try {
      const lock = JSON.parse(readFileSync(join(data, 'arrears.lock'), 'utf8'));
      expect(lock).toMatchObject({ command: expect.stringContaining('start'), socket: expect.any(String) });
      const apiKey = /API key:\s+(arr_\S+)/.exec(server.stdout)![1]!;

      const imported = await runCli(['--data', data, 'import', 'invoices', invoices, '--json']);
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'completed', counts: { invoicesCreated: 8 } });

      const aging = await runCli(['--data', data, 'aging', '--as-of', asOf, '--json']);
      expect(aging.stderr).toBe('');
      expect(aging.code).toBe(0);
      throughServer = aging.stdout;
      const response = await fetch(`http://127.0.0.1:${server.port}/api/v1/aging?asOf=${asOf}`, { headers: { authorization: `Bearer ${apiKey}` } });
      expect(response.status).toBe(200);
      apiTotals = ((await response.json()) as { totals: unknown }).totals;
      expect(JSON.parse(throughServer).totals).toEqual(apiTotals);
      expect(Object.keys(apiTotals as object).length).toBeGreaterThan(0);

      // The lock still keeps a second server (a second writer) out.
      const second = await runCli(['--data', data, 'start'], { PORT: '0', ARREARS_SCHEDULER: '0', ARREARS_DISPATCH: '0' });
      expect(second.code).toBe(75);
      expect(second.stderr).toContain('is in use by process');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // The server is gone: the command opens the data directory itself and reads the same.
    const alone = await runCli(['--data', data, 'aging', '--as-of', asOf, '--json']);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toBe(throughServer);
  });
});
