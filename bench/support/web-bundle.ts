// What JavaScript the web app's first screen (Today, `/`) loads, read from the built app in
// web/dist (`node bin/build.js` builds it): index.html's entry script, the Today route's chunk
// (a dynamic import in the entry, as every screen is: web/src/router.tsx), and the modules each
// imports statically (`from"./x.js"`, quoted or in backticks), which the browser fetches before running them. Today's
// charts are dynamic imports of its own (React.lazy), fetched once Today has drawn: counted apart.
// Each file is gzipped on its own, as a server compressing responses sends it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { webDistDir } from '../../bin/build-web.js';

export interface FirstScreenJs {
  /** Entry, Today's chunk and their static imports: what arrives before Today draws. */
  kbGzip: number;
  /** Today's lazily loaded charts (and what they import that is not already loaded). */
  lazyKbGzip: number;
  files: string[];
  lazyFiles: string[];
}

// Vite writes module paths between double quotes or backticks
const staticImport = /(?:from|import)\s*["`]\.\/([\w.-]+\.js)["`]/g;
const dynamicImport = /import\(["`]\.\/([\w.-]+\.js)["`]\)/g;

async function read(file: string): Promise<string> {
  return readFile(join(webDistDir, 'assets', file), 'utf8');
}

/** `files` and every module they import statically, at any depth, less `loaded`. */
async function closure(files: readonly string[], loaded: ReadonlySet<string> = new Set()): Promise<Set<string>> {
  const found = new Set<string>();
  const pending = files.filter((file) => !loaded.has(file));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (found.has(file)) continue;
    found.add(file);
    for (const [, imported] of (await read(file)).matchAll(staticImport)) if (!found.has(imported!) && !loaded.has(imported!)) pending.push(imported!);
  }
  return found;
}

async function kbGzip(files: Iterable<string>): Promise<number> {
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await read(file), { level: 9 }).length;
  return Math.round(bytes / 102.4) / 10;
}

export async function firstScreenJs(): Promise<FirstScreenJs> {
  const html = await readFile(join(webDistDir, 'index.html'), 'utf8');
  const entry = html.match(/<script type="module"[^>]* src="\/assets\/([\w.-]+\.js)"/)?.[1];
  if (!entry) throw new Error(`no entry script in ${join(webDistDir, 'index.html')}: build the web app first (node bin/build.js)`);
  const today = [...(await read(entry)).matchAll(dynamicImport)].map((match) => match[1]!).find((file) => /^today-/.test(file));
  if (!today) throw new Error(`the entry ${entry} imports no today-*.js chunk: has the Today route moved?`);
  const first = await closure([entry, today]);
  const charts = [...(await read(today)).matchAll(dynamicImport)].map((match) => match[1]!);
  const lazy = await closure(charts, first);
  return { kbGzip: await kbGzip(first), lazyKbGzip: await kbGzip(lazy), files: [...first].sort(), lazyFiles: [...lazy].sort() };
}
