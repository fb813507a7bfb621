#!/usr/bin/env node
// Compiles src/ to dist/ (tsc, emit only: `npm run typecheck` checks types) and copies the files
// the program reads next to its code (migrations .sql, templates .hbs, playbook .json), so the
// compiled code finds them where the sources do, and the list of commands the CLI starts from
// (src/cli/command-manifest.ts). Run by npm's `prepare` (every `npm install` and
// `npm ci`), by `npm run build`, and by the tests' global setup when dist/ is out of date.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { distDir, newestSourceMtime, root, stampPath } from './build-info.js';

export async function build() {
  // Taken before compiling: a source saved during the build makes the result stale, not current.
  const sourceMtimeMs = newestSourceMtime();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`arrears build: tsc failed (exit ${result.status ?? result.signal})`);
  mkdirSync(distDir, { recursive: true });
  cpSync(join(root, 'src'), distDir, {
    recursive: true,
    filter: (source) => !source.endsWith('.ts'),
  });
  const { writeCommandManifest } = await import(pathToFileURL(join(distDir, 'cli', 'command-manifest.js')).href);
  await writeCommandManifest();
  writeFileSync(stampPath, JSON.stringify({ sourceMtimeMs, builtAt: new Date().toISOString() }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await build();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
