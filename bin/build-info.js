// Whether dist/ (the compiled program) is current: nothing under src/, nor package.json or the build script,
// changed since the last build started. Walking ~400 entries with stat takes a few milliseconds,
// which buys a CLI that never runs yesterday's code after a `git pull` without `npm install`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(root, 'dist');
export const stampPath = join(distDir, '.build-stamp.json');

/** The newest modification time among src/ (files and folders: a folder changes when a file is added or removed), package.json and the build script. */
export function newestSourceMtime() {
  let newest = 0;
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.mtimeMs > newest) newest = stat.mtimeMs;
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  visit(join(root, 'src'));
  for (const name of ['package.json', 'bin/build.js']) {
    const { mtimeMs } = statSync(join(root, name));
    if (mtimeMs > newest) newest = mtimeMs;
  }
  return newest;
}

export function isBuildCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return false;
  }
  return typeof stamp.sourceMtimeMs === 'number' && newestSourceMtime() <= stamp.sourceMtimeMs;
}
