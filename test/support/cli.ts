// Runs the real `arrears` command in a child process, as a user would: bin/arrears.js, which runs
// the compiled program (the global setup builds dist/ when src/ is newer), so a spawn costs a
// fraction of a second instead of transpiling every module.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/arrears.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'arrears-cli-'));
}

export interface RunningServer {
  port: number;
  /** The server process's id (to read its memory in /proc). */
  pid: number;
  /** What the server printed up to "is running" (first-start secrets included). */
  stdout: string;
  /** Sends SIGTERM and waits for the process to exit; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Starts `arrears start` on `dataDir` (any free port, no scheduler, no dispatcher) and waits until it serves. */
export function startServer(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      LOG_LEVEL: 'silent',
      ARREARS_DATA: dataDir,
      PORT: '0',
      ARREARS_SCHEDULER: '0',
      ARREARS_DISPATCH: '0',
      ARREARS_DEMO: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const running = /is running on http:\/\/localhost:(\d+)/.exec(stdout);
      if (running) {
        resolve({
          port: Number(running[1]),
          pid: child.pid!,
          stdout,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.on('error', reject);
    void exited.then((code) => reject(new Error(`arrears start exited (${code}) before serving: ${stderr}`)));
  });
}
