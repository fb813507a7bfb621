import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, createTestApp, type App } from './support.ts';

const externalUrl = /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i;

describeEachEngine('HTTP OpenAPI document and docs', (engine) => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
  });
  afterAll(() => database.close());

  it('publishes an OpenAPI 3.1 document with every resource, the bearer scheme and problem responses', async () => {
    const reply = await call(app, 'GET', '/api/openapi.json');
    expect(reply.status).toBe(200);
    const doc = reply.body;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info.title).toBe('Arrears API');
    for (const resource of ['customers', 'contacts', 'invoices', 'payments', 'credit-notes']) {
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([`/api/v1/${resource}`, `/api/v1/${resource}/{id}`]));
    }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/api/v1/aging', '/api/v1/kpis', '/api/v1/imports', '/api/v1/imports/{id}']));
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    // either an API key or the web app's session cookie; signing in needs neither
    expect(doc.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'arrears_session' });
    expect(doc.paths['/healthz'].get.security).toEqual([]);
    expect(doc.paths['/api/v1/session'].post.security).toEqual([]);
    // amounts are documented as 64-bit integers, not strings or floats
    expect(doc.components.schemas.Invoice.properties.balance).toMatchObject({ type: 'integer', format: 'int64' });
    expect(doc.components.schemas.CreatePayment.properties.amount).toMatchObject({ type: 'integer', format: 'int64' });
    type Operation = { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>; parameters?: Array<{ name: string }>; security?: unknown[] };
    const schemaOf = (ref: string | undefined) => (ref ? doc.components.schemas[ref.replace('#/components/schemas/', '')] : undefined);
    const lists: string[] = [];
    for (const [path, item] of Object.entries<Record<string, Operation>>(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (operation.security?.length === 0) continue; // public (/healthz, the SMS webhook): no API key, so no 401
        expect(operation.responses['401']?.content, `${method} ${path} documents 401`).toHaveProperty(['application/problem+json']);
        // every list (a response with nextCursor) takes limit and cursor
        const ok = schemaOf(operation.responses['200']?.content?.['application/json']?.schema.$ref);
        if (ok?.properties?.nextCursor) {
          lists.push(path);
          expect(operation.parameters?.map((p) => p.name), `${path} is paginated`).toEqual(expect.arrayContaining(['limit', 'cursor']));
        }
      }
    }
    // each resource's list found (so the pagination check above ran on it); new lists add themselves
    expect(lists).toEqual(
      expect.arrayContaining(['customers', 'contacts', 'invoices', 'payments', 'credit-notes', 'imports', 'aging', 'playbooks'].map((list) => `/api/v1/${list}`)),
    );
  });

  it('serves the interactive docs from bundled assets, with nothing from another origin', async () => {
    const page = await call(app, 'GET', '/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).not.toMatch(externalUrl);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    const referenced = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(referenced).toEqual(expect.arrayContaining(['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']));
    for (const asset of referenced) {
      expect(asset, 'same-origin path').toMatch(/^\/api\/docs\//);
      const reply = await call(app, 'GET', asset);
      expect(reply.status, asset).toBe(200);
      expect(reply.text.length, asset).toBeGreaterThan(0);
      if (asset.endsWith('.css')) expect(reply.text).not.toMatch(/url\(\s*['"]?(?:https?:)?\/\//);
    }
    const init = await call(app, 'GET', '/api/docs/init.js');
    expect(init.text).toContain("url: '/api/openapi.json'");
    expect(init.text).toContain('validatorUrl: null');
    expect(init.text).not.toMatch(externalUrl);
    expect((await call(app, 'GET', '/api/docs/')).headers.get('location')).toBe('/api/docs');
    expect((await call(app, 'GET', '/api/docs/package.json')).status).toBe(404);
    expect((await call(app, 'GET', '/api/docs/..%2F..%2Fpackage.json')).status).toBe(404);
  });
});
