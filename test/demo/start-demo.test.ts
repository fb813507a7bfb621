// `arrears start` on a fresh data directory, as a user runs it: first start creates the
// organisation, prints the API key once and loads the demo; a restart does neither again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/arrears.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'arrears-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** Starts the server and resolves once it says where it listens (or rejects with its output). */
function start(): Promise<Started> {
  const child = spawn(process.execPath, [bin, '--data', dataDir, 'start'], {
    env: { ...process.env, DATABASE_URL: '', PORT: '0', LOG_LEVEL: 'silent', ARREARS_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no "running" line within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Arrears is running on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`arrears start exited with ${code}:\n${output}`));
    });
  });
}

async function stop(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
  started.child.kill('SIGTERM');
  return exited;
}

describe('arrears start', () => {
  it('first start prints the key once and loads the demo; a restart does neither', async () => {
    const first = await start();
    try {
      expect(first.port).toBeGreaterThan(0);
      const health = await fetch(`http://127.0.0.1:${first.port}/healthz`);
      expect(health.status).toBe(200);
      expect(first.output()).toMatch(/API key: {2}\S+/);
      expect(first.output()).toMatch(/Loaded the demo portfolio \(300 customers, \d+ invoices, 3 open disputes\).*ARREARS_DEMO=0/);
    } finally {
      expect(await stop(first)).toBe(0);
    }

    const second = await start();
    try {
      const health = await fetch(`http://127.0.0.1:${second.port}/healthz`);
      expect(health.status).toBe(200);
      expect(second.output()).not.toMatch(/API key/);
      expect(second.output()).not.toMatch(/demo portfolio/);
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 150_000);
});
