import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from '../../src/db/data-dir.ts';

const runTs = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const child = fileURLToPath(new URL('../support/lock-child.ts', import.meta.url));

/** The pid of a process that has exited (so a lock naming it is stale). */
function deadPid(): number {
  const done = spawnSync(process.execPath, ['-e', '']);
  return done.pid!;
}

function writeStaleLock(dataDir: string): void {
  writeFileSync(join(dataDir, 'arrears.lock'), JSON.stringify({ pid: deadPid(), host: hostname(), command: 'arrears start', since: '2026-01-01T00:00:00.000Z' }));
}

interface Attempt {
  ready: Promise<void>;
  go(startAt: number): void;
  outcome: Promise<string>;
}

function attempt(dataDir: string): Attempt {
  const proc = spawn(process.execPath, [runTs, child, dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  proc.stdout.on('data', (chunk) => {
    out += chunk;
    if (out.startsWith('ready\n')) ready();
  });
  return {
    ready: readyPromise,
    go: (startAt) => proc.stdin.end(`${startAt}\n`),
    outcome: new Promise((resolve, reject) => {
      proc.on('error', reject);
      proc.on('close', () => resolve(out.replace(/^ready\n/, '').trim()));
    }),
  };
}

describe('the data directory lock', () => {
  it('lets exactly one of many processes starting together take over a stale lock', async () => {
    for (let round = 0; round < 2; round++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'arrears-lock-'));
      writeStaleLock(dataDir);
      const attempts = Array.from({ length: 8 }, () => attempt(dataDir));
      await Promise.all(attempts.map((a) => a.ready));
      const startAt = Date.now() + 200;
      for (const a of attempts) a.go(startAt);
      const outcomes = await Promise.all(attempts.map((a) => a.outcome));
      expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'lost data_dir_locked')).toHaveLength(7);
      // nothing left behind: the winner released its lock, nobody left a temporary file
      expect(readdirSync(dataDir)).toEqual([]);
    }
  }, 60_000);

  it('takes over a stale lock, refuses a live one naming its holder, and releases only its own', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'arrears-lock-'));
    writeStaleLock(dataDir);
    const release = lockDataDir(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, 'arrears.lock'), 'utf8')).pid).toBe(process.pid);
    expect(() => lockDataDir(dataDir)).toThrow(expect.objectContaining({ code: 'data_dir_locked', message: expect.stringContaining(`process ${process.pid}`) }));
    release();
    expect(existsSync(join(dataDir, 'arrears.lock'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
