import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type App } from './support.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/generic/${name}`, import.meta.url), 'utf8');

function form(fields: Record<string, string>, file?: { name: string; text: string }): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  if (file) data.append('file', new File([file.text], file.name, { type: 'text/csv' }));
  return data;
}

describeEachEngine('HTTP imports', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  const upload = async (query: string, body: FormData | string, key = org.keys.collector) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (typeof body === 'string') headers['content-type'] = 'text/csv';
    const response = await app.request(`/api/v1/imports${query}`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
  };

  it('imports a multipart upload and reports what it did, then lists and shows the import', async () => {
    const reply = await upload('', form({ kind: 'customers' }, { name: 'customers.csv', text: fixture('customers.csv') }));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ kind: 'customers', format: 'generic', file: 'customers.csv', status: 'completed', problemCount: 0, problems: [] });
    expect(reply.body.counts.customersCreated).toBeGreaterThan(0);
    const customers = await call(app, 'GET', '/api/v1/customers?q=acme', { key: org.keys.viewer });
    expect(customers.body.data).toEqual([expect.objectContaining({ externalId: 'C-1001', name: 'Acme Widgets Ltd' })]);

    const shown = await call(app, 'GET', `/api/v1/imports/${reply.body.importId}`, { key: org.keys.viewer });
    expect(shown.body).toMatchObject({ id: reply.body.importId, kind: 'customers', fileName: 'customers.csv', status: 'completed', problemCount: 0 });
    const list = await call(app, 'GET', '/api/v1/imports', { key: org.keys.viewer });
    expect(list.body.data.map((i: { id: string }) => i.id)).toContain(reply.body.importId);
  });

  it('takes a raw text/csv body with the options in the query', async () => {
    const reply = await upload('?kind=invoices&fileName=open-invoices.csv&dryRun=true', fixture('invoices.csv'));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ kind: 'invoices', file: 'open-invoices.csv', status: 'dry_run', importId: null });
    // a dry run writes nothing
    expect((await client(app, org.keys.viewer).get('/api/v1/invoices')).body.data).toEqual([]);
  });

  it('rejects a file with problems as a 422 problem carrying the validation report, writing nothing', async () => {
    const bad = 'Customer ID,Name,Currency,Customer Since\nX-1,Good Customer,GBP,2020-01-01\nX-2,,EURO,2020-02-30\n';
    const reply = await upload('?kind=customers', form({}, { name: 'bad.csv', text: bad }));
    const problem = expectProblem({ ...reply, body: reply.body }, 422, 'import_rejected');
    expect(problem.detail).toMatch(/bad\.csv: \d+ problems?, so nothing was written/);
    const report = problem.details as { status: string; problems: Array<{ file: string; line: number; column: string | null }> };
    expect(report.status).toBe('rejected');
    expect(report.problems.length).toBeGreaterThan(0);
    expect(report.problems.every((p) => p.file === 'bad.csv' && p.line === 3)).toBe(true);
    expect((await client(app, org.keys.viewer).get('/api/v1/customers?q=X-1')).body.data).toEqual([]);

    // with partial=true the good row goes in and the bad one is reported
    const partial = await upload('?kind=customers&partial=true', form({}, { name: 'bad.csv', text: bad }));
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ status: 'completed' });
    expect(partial.body.problemCount).toBeGreaterThan(0);
    expect((await client(app, org.keys.viewer).get('/api/v1/customers?q=X-1')).body.data).toHaveLength(1);
  });

  it('validates the options and the upload itself', async () => {
    expect(expectProblem(await upload('', form({}, { name: 'a.csv', text: 'x' })), 400, 'invalid_input').detail).toContain('query.kind');
    expectProblem(await upload('?kind=customers&format=sage', 'a,b\n'), 400, 'invalid_input');
    expectProblem(await upload('?kind=customers&dateFormat=whenever', 'a,b\n'), 400, 'invalid_input');
    expectProblem(await upload('?kind=customers', form({ nofile: 'x' })), 400, 'invalid_input');
    // streamed: an option after the file comes too late to apply, so it is refused, writing nothing
    const late = new FormData();
    late.append('file', new File([fixture('customers.csv')], 'late.csv', { type: 'text/csv' }));
    late.append('kind', 'customers');
    expectProblem(await upload('', late), 400, 'invalid_input');
    const lateDryRun = new FormData();
    lateDryRun.append('file', new File([fixture('customers.csv')], 'late.csv', { type: 'text/csv' }));
    lateDryRun.append('dryRun', 'true');
    expect(expectProblem(await upload('?kind=customers', lateDryRun), 400, 'invalid_input').detail).toContain('"dryRun" comes after the file');
    expectProblem(
      await call(app, 'POST', '/api/v1/imports?kind=customers', { key: org.keys.collector, body: { rows: [] } }),
      400,
      'invalid_input',
    );
    expectProblem(await upload('?kind=customers', 'a,b\n', org.keys.viewer), 403, 'forbidden');
    expectProblem(await call(app, 'GET', '/api/v1/imports/999999999', { key: org.keys.viewer }), 404, 'not_found');
  });
});
