// The embedded database's data directory: one process at a time (a lock file naming the holder)
// and a stamp of the PGlite version that wrote it, because PGlite cannot read another version's files.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { AppError } from '../errors.ts';

const require = createRequire(import.meta.url);
// The package does not export its package.json; find it from the entry point.
const pglitePackageJson = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
export const pgliteVersion: string = JSON.parse(readFileSync(pglitePackageJson, 'utf8')).version;

interface LockHolder {
  pid: number;
  host: string;
  command: string;
  since: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data directory's lock or fails naming the process that holds it. A lock left by a
 * process that no longer runs on this host is taken over. Returns the release function.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'arrears.lock');
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        if (readHolder(lockPath)?.pid === process.pid) unlinkSync(lockPath);
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder && holder.host === me.host && !isRunning(holder.pid)) {
        unlinkSync(lockPath); // stale: its process is gone
        continue;
      }
      const who = holder
        ? `process ${holder.pid} on ${holder.host} (${holder.command}), since ${holder.since}`
        : 'another process';
      throw new AppError(
        'data_dir_locked',
        `the data directory ${dataDir} is in use by ${who}. Stop that process, or use another --data directory (or DATABASE_URL). If no such process runs, delete ${lockPath}.`,
      );
    }
  }
  throw new AppError('data_dir_locked', `could not take the lock ${lockPath}; delete it if no Arrears process runs`);
}

/** Refuses a data directory written by another PGlite version; stamps a new one. */
export function checkDataDirVersion(dataDir: string): void {
  const stampPath = join(dataDir, 'arrears-data.json');
  const hasData = existsSync(join(dataDir, 'pgdata', 'PG_VERSION'));
  if (!existsSync(stampPath)) {
    if (hasData) {
      throw new AppError('data_dir_incompatible', `${dataDir}/pgdata has no version stamp (${stampPath}); it was not created by Arrears`);
    }
    writeFileSync(stampPath, JSON.stringify({ pglite: pgliteVersion, createdAt: new Date().toISOString() }, null, 2));
    return;
  }
  const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as { pglite?: string };
  if (hasData && stamp.pglite !== pgliteVersion) {
    throw new AppError(
      'data_dir_incompatible',
      `${dataDir} was written by PGlite ${stamp.pglite}, but this Arrears uses PGlite ${pgliteVersion}, which cannot read it. ` +
        `Run the Arrears version that created it, or start with an empty --data directory and re-import.`,
    );
  }
}
