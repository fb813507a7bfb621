// Serves the staff web app built into web/dist: its files as they are, and index.html for any
// other page path, so a bookmarked deep link (/customers/42) opens the app, whose router takes
// over. Vite names assets by content hash, so they are cached for a year; index.html is not
// cached, so a new build is picked up on the next load. Nothing comes from a CDN.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from 'hono';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Paths that are never pages of the app: their unknown routes stay problem+json 404s. */
const notPages = /^\/(api|healthz|webhooks)(\/|$)/;

/** The folder holding package.json above this module (src/http/ when run from source, dist/ when bundled). */
export function defaultWebDist(from = import.meta.url): string {
  let folder = dirname(fileURLToPath(from));
  while (!existsSync(join(folder, 'package.json'))) {
    const up = dirname(folder);
    if (up === folder) break;
    folder = up;
  }
  return join(folder, 'web', 'dist');
}

const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Arrears: the web app is not built</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>The web app is not built</h1>
<p>This server found no <code>web/dist/index.html</code>. Build the web app from the Arrears folder, then reload this page:</p>
<pre style="background: #f3f3f3; padding: 0.75rem">npm run build</pre>
<p>The API works meanwhile: its documentation is at <a href="/api/docs">/api/docs</a>.</p>
</body></html>
`;

async function fileIn(root: string, path: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const file = resolve(root, `.${decoded}`);
  // Never outside web/dist, whatever the path says (../, encoded or not).
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? file : undefined;
}

export function webAppHandler(webDist: string) {
  const root = resolve(webDist);
  return async (c: Context, next: () => Promise<void>) => {
    if (notPages.test(c.req.path)) return next();
    const index = join(root, 'index.html');
    if (!existsSync(index)) return c.html(notBuilt, 200, { 'cache-control': 'no-cache' });
    const file = c.req.path === '/' ? undefined : await fileIn(root, c.req.path);
    if (file && !file.endsWith(`${sep}index.html`)) {
      const hashed = file.startsWith(join(root, 'assets') + sep);
      return c.body(await readFile(file), 200, {
        'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    // A missing asset is a 404, not the app: a stale page asking for an old chunk must see it fail.
    if (c.req.path.startsWith('/assets/')) return c.text('not found', 404);
    return c.body(await readFile(index), 200, { 'content-type': contentTypes['.html']!, 'cache-control': 'no-cache' });
  };
}
