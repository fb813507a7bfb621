// The server serves the built web app at / (no CDN): its files, index.html for any page path so a
// bookmarked deep link opens, hashed assets cached for a year; and, before the app is built, a
// page that says how to build it. API paths never turn into the app.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, createTestApp, expectProblem, type App } from './support.ts';

const indexHtml = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>';

describeEachEngine('Serving the web app', (engine) => {
  let database: Database;
  let app: App;
  let unbuilt: App;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const dist = mkdtempSync(join(tmpdir(), 'arrears-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), indexHtml);
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log("app")');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(tmpdir(), 'secret-outside.txt'), 'not to be served');
    app = createTestApp(database, undefined, null, { webDist: dist });
    unbuilt = createTestApp(database, undefined, null, { webDist: join(dist, 'missing') });
  });
  afterAll(() => database.close());

  it('serves index.html at / and at any page path (deep links), never cached', async () => {
    for (const path of ['/', '/login', '/customers/42', '/worklist?kind=call', '/playbooks/standard']) {
      const page = await call(app, 'GET', path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.text).toBe(indexHtml);
    }
  });

  it('serves hashed assets with a year-long immutable cache, other files uncached; a missing asset is a 404', async () => {
    const script = await call(app, 'GET', '/assets/index-Ab12Cd34.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.text).toBe('console.log("app")');
    const icon = await call(app, 'GET', '/favicon.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    expect((await call(app, 'GET', '/assets/index-Old00000.js')).status).toBe(404);
  });

  it('never serves a file outside the build, however the path is written', async () => {
    for (const path of ['/../secret-outside.txt', '/%2e%2e/secret-outside.txt', '/assets/..%2f..%2fsecret-outside.txt']) {
      const reply = await call(app, 'GET', path);
      expect(reply.text, path).not.toContain('not to be served');
    }
  });

  it('keeps the API, health and docs as they are', async () => {
    expectProblem(await call(app, 'GET', '/api/v1/customers'), 401, 'unauthenticated');
    expectProblem(await call(app, 'GET', '/api/nothing'), 404, 'not_found');
    expect((await call(app, 'GET', '/healthz')).body.status).toBe('ok');
    expect((await call(app, 'GET', '/api/openapi.json')).body.openapi).toMatch(/^3\.1/);
  });

  it('says how to build the app when web/dist is missing', async () => {
    const page = await call(unbuilt, 'GET', '/customers/42');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('The web app is not built');
    expect(page.text).toContain('npm run build');
    expectProblem(await call(unbuilt, 'GET', '/api/v1/customers'), 401, 'unauthenticated');
  });
});
