// The embedded database's data directory: one process at a time (a lock file naming the holder)
// and a stamp of the PGlite version that wrote it, because PGlite cannot read another version's files.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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
  /** The Unix socket a holder running the server serves the database on (other processes connect to it). */
  socket?: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder written in a lock file and the file's identity (inode), or undefined when there is none. */
function readLock(path: string): { holder: LockHolder | undefined; text: string; ino: number } | undefined {
  try {
    const fd = openSync(path, 'r');
    try {
      const { ino } = fstatSync(fd);
      const text = readFileSync(fd, 'utf8');
      let holder: LockHolder | undefined;
      try {
        holder = JSON.parse(text) as LockHolder;
      } catch {
        holder = undefined;
      }
      return { holder, text, ino };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException).code === code;
}

/**
 * Takes the data directory's lock or fails naming the process that holds it. Returns the release
 * function.
 *
 * Every step is atomic, so two processes starting together can never both get it: the holder is
 * written whole to a fresh file of our own, then hard-linked to `arrears.lock` (link fails if
 * the name exists, and the lock is never seen half-written). A lock left by a process that no
 * longer runs on this host is taken over only by the one process that exclusively creates
 * `arrears.lock.takeover` and then finds the same stale file (same inode and content) still in
 * place: only it may remove that file, and it then competes for the name like anyone else.
 */
export function lockDataDir(dataDir: string, options: { socket?: string } = {}): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'arrears.lock');
  const takeoverPath = `${lockPath}.takeover`;
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command: process.argv.slice(1).join(' '),
    since: new Date().toISOString(),
    ...(options.socket ? { socket: options.socket } : {}),
  };
  const mine = `${lockPath}.${process.pid}-${randomBytes(6).toString('hex')}`;
  writeFileSync(mine, JSON.stringify(me), { flag: 'wx' });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(mine, lockPath);
        const ino = statSync(lockPath).ino;
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          process.off('exit', release);
          // only our own file: never a lock another process took over after us
          if (readLock(lockPath)?.ino === ino) unlinkQuietly(lockPath);
        };
        process.on('exit', release);
        return release;
      } catch (error) {
        if (!isCode(error, 'EEXIST')) throw error;
      }
      const current = readLock(lockPath);
      if (current === undefined) continue; // released meanwhile: try again
      const holder = current.holder;
      if (!(holder && holder.host === me.host && !isRunning(holder.pid))) throw lockedError(dataDir, lockPath, holder);
      takeOverStaleLock(lockPath, takeoverPath, current, me);
    }
    throw new AppError('data_dir_locked', `could not take the lock ${lockPath}; delete it if no Arrears process runs`);
  } finally {
    unlinkQuietly(mine);
  }
}

/** Removes the stale lock file `stale` if this process is the one allowed to; returns either way. */
function takeOverStaleLock(lockPath: string, takeoverPath: string, stale: { text: string; ino: number }, me: LockHolder): void {
  try {
    writeFileSync(takeoverPath, JSON.stringify(me), { flag: 'wx' });
  } catch (error) {
    if (!isCode(error, 'EEXIST')) throw error;
    const other = readLock(takeoverPath)?.holder;
    // Another process is taking over right now; it (or someone who started earlier) wins.
    if (!other || other.host !== me.host || isRunning(other.pid)) throw lockedError(dirname(lockPath), lockPath, other);
    throw new AppError(
      'data_dir_locked',
      `a process (${other.pid}) died while taking over the stale lock ${lockPath}; if no Arrears process runs, delete ${lockPath} and ${takeoverPath}`,
    );
  }
  try {
    const now = readLock(lockPath);
    // Still the same stale file: nobody else may remove it while we hold the takeover file.
    if (now && now.ino === stale.ino && now.text === stale.text) unlinkSync(lockPath);
  } finally {
    unlinkQuietly(takeoverPath);
  }
}

/**
 * The socket of the server holding the data directory's lock, when the holder is a live process on
 * this host that serves the database (`arrears start`); undefined otherwise.
 */
export function serverSocket(dataDir: string): string | undefined {
  const holder = readLock(join(dataDir, 'arrears.lock'))?.holder;
  if (!holder?.socket || holder.host !== hostname() || !isRunning(holder.pid)) return undefined;
  return holder.socket;
}

function lockedError(dataDir: string, lockPath: string, holder: LockHolder | undefined): AppError {
  const who = holder ? `process ${holder.pid} on ${holder.host} (${holder.command}), since ${holder.since}` : 'another process';
  return new AppError(
    'data_dir_locked',
    `the data directory ${dataDir} is in use by ${who}. Stop that process, or use another --data directory (or DATABASE_URL). If no such process runs, delete ${lockPath}.`,
  );
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
