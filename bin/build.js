#!/usr/bin/env node
// Builds the program the `arrears` command runs, then the web app (bin/build-web.js): src/ bundled by esbuild into dist/ (ES modules,
// one chunk per command module plus shared chunks, so start-up loads only the command being run
// and reads a few files instead of hundreds). Types are `npm run typecheck`'s job.
//
// Packages that find files of their own next to their code (PGlite's WebAssembly, pdfmake's
// fonts, pino's workers…) stay outside the bundle and load from node_modules; the pure-JS
// libraries made of many small modules (kysely, zod, hono…) are bundled. Every chunk sits in
// dist/, so `new URL('./migrations/', import.meta.url)` in any module means dist/migrations/: the
// folders of non-TypeScript files under src/ (migrations .sql, templates .hbs, playbook .json) are
// copied there by name. Run by npm's `prepare` (every `npm install` and `npm ci`), by
// `npm run build`, and by the tests' global setup when dist/ is out of date.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { distDir, newestSourceMtime, root, stampPath } from './build-info.js';
import { buildWeb } from './build-web.js';

/** Bundled; every other dependency is external. */
const bundled = ['kysely', 'zod', 'hono', '@hono/node-server', '@hono/zod-openapi', 'yaml', 'temporal-polyfill', 'decimal.js', 'commander', 'csv-parse', 'postgres-array'];

/**
 * The folders under src/ that hold no TypeScript at any depth, each taken whole (the outermost
 * one): src/db/migrations, src/app/templates/texts (with its language folders), …
 */
function assetFolders(folder = join(root, 'src')) {
  const found = [];
  const visit = (path) => {
    let hasTypeScript = false;
    const inside = [];
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        const child = visit(join(path, entry.name));
        if (child.hasTypeScript) hasTypeScript = true;
        else inside.push(join(path, entry.name));
      } else if (entry.name.endsWith('.ts')) hasTypeScript = true;
    }
    if (hasTypeScript) found.push(...inside);
    return { hasTypeScript };
  };
  visit(folder);
  return found;
}

export async function build() {
  // Taken before building: a source saved during the build makes the result stale, not current.
  const sourceMtimeMs = newestSourceMtime();
  const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const external = Object.keys(dependencies)
    .filter((name) => !bundled.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
  rmSync(distDir, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: root,
    entryPoints: { arrears: 'src/cli/main.ts', 'command-manifest': 'src/cli/command-manifest.ts', 'openapi-document': 'src/http/openapi-document.ts' },
    outdir: distDir,
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    sourcemap: 'linked',
    // CommonJS inside the bundle (commander, …) requires Node's modules through `require`.
    banner: { js: "import { createRequire as __arrearsCreateRequire } from 'node:module'; const require = __arrearsCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const copied = new Map();
  for (const folder of assetFolders()) {
    const name = basename(folder);
    if (copied.has(name)) throw new Error(`arrears build: asset folders ${relative(root, copied.get(name))} and ${relative(root, folder)} would both be dist/${name}; rename one`);
    copied.set(name, folder);
    cpSync(folder, join(distDir, name), { recursive: true });
  }
  const { writeCommandManifest } = await import(`${pathToFileURL(join(distDir, 'command-manifest.js')).href}?${Date.now()}`);
  await writeCommandManifest();
  writeFileSync(stampPath, JSON.stringify({ sourceMtimeMs, builtAt: new Date().toISOString() }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await build();
    await buildWeb();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  }
}
