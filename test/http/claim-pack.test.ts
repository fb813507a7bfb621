// POST /api/v1/customers/{id}/claim-pack: the owner gets the PDF the CLI writes; a claim that may
// not be made is 422 claim_refused with every reason the CLI gives; collectors and viewers are refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { pageTexts, writePdf } from '../letters/pdf-tools.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App, type Client } from './support.ts';

// The test app's clock: 2026-11-23 in Europe/London.
describeEachEngine('HTTP small-claims pack', (engine) => {
  let database: Database;
  let app: App;
  let owner: Client;
  let collector: Client;
  let viewer: Client;
  let ownerKey: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const org = await makeApiOrg(database);
    ownerKey = org.keys.owner;
    app = createTestApp(database);
    owner = client(app, org.keys.owner);
    collector = client(app, org.keys.collector);
    viewer = client(app, org.keys.viewer);
  });
  afterAll(() => database.close());

  async function customerOwing(externalId: string, invoices: Array<{ number: string; dueDate: string; total: number }>, kind = 'business') {
    const created = await owner.post('/api/v1/customers', { externalId, name: `${externalId} Ltd`, kind, country: 'GB' });
    expect(created.status, created.text).toBe(201);
    for (const invoice of invoices) {
      const made = await owner.post('/api/v1/invoices', { customerId: created.body.id, issueDate: '2020-01-01', ...invoice });
      expect(made.status, made.text).toBe(201);
    }
    return created.body.id as string;
  }

  it('an owner downloads the pack: a PDF with the court, the claim and "not legal advice"', async () => {
    const id = await customerOwing('CP-1', [{ number: 'CP1-1', dueDate: '2026-07-31', total: 1_200_00 }]);
    expectProblem(await collector.post(`/api/v1/customers/${id}/claim-pack`, undefined), 403, 'forbidden');
    expectProblem(await viewer.post(`/api/v1/customers/${id}/claim-pack`, undefined), 403, 'forbidden');

    const response = await app.request(`/api/v1/customers/${id}/claim-pack`, { method: 'POST', headers: { authorization: `Bearer ${ownerKey}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="claim-pack-${id}-2026-11-23.pdf"`);
    expect(response.headers.get('x-claim-currency')).toBe('GBP');
    // £1,200.00 is in the £1,000.01–£1,500 band: £70 online
    expect(response.headers.get('x-claim-fee')).toBe('7000');
    expect(decodeURIComponent(response.headers.get('x-claim-court')!)).toBe('County Court (small claims track), England and Wales');
    const first = pageTexts(writePdf(new Uint8Array(await response.arrayBuffer()), 'http-claim-pack'))[0]!;
    expect(first).toMatch(/This pack is not legal advice/);
    expect(first).toMatch(/Principal still owed\s+£1,200\.00/);
  });

  it('refused with 422 claim_refused and every reason at once: limitation run and above the limit', async () => {
    const id = await customerOwing('CP-2', [
      { number: 'CP2-OLD', dueDate: '2020-01-31', total: 500_00 },
      { number: 'CP2-BIG', dueDate: '2026-07-31', total: 12_000_00 },
    ]);
    const refused = await owner.post(`/api/v1/customers/${id}/claim-pack`, undefined);
    expectProblem(refused, 422, 'claim_refused');
    const reasons: string[] = refused.body.details.reasons;
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/limitation period \(6 years.*CP2-OLD/);
    expect(reasons[1]).toMatch(/above the small-claims limit of £10,000\.00/);
    expect(refused.body.detail).toBe(`no claim pack for CP-2: ${reasons.join('; ')}`);
  });

  it('an individual: refused until a Letter of Claim has had its 30 days', async () => {
    const id = await customerOwing('CP-3', [{ number: 'CP3-1', dueDate: '2026-07-31', total: 300_00 }], 'consumer');
    const refused = await owner.post(`/api/v1/customers/${id}/claim-pack`, undefined);
    expectProblem(refused, 422, 'claim_refused');
    expect(refused.body.details.reasons).toEqual([expect.stringMatching(/no Letter of Claim has been sent/)]);
  });

  it('a customer that does not exist is 404', async () => {
    expectProblem(await owner.post('/api/v1/customers/999999999/claim-pack', undefined), 404, 'not_found');
  });
});
