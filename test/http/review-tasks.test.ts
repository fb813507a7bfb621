// Review tasks over the API: what to decide on, and the decision with who may take it (the owner
// for agency, small claims, settlement and write-off; a collector may keep chasing or pause).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type App } from './support.ts';

describeEachEngine('HTTP review tasks', (engine) => {
  let database: Database;
  let org: ApiOrg;
  let app: App;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeApiOrg(database);
    app = createTestApp(database);
  });
  afterAll(() => database.close());

  let counter = 0;
  async function reviewTask(): Promise<{ id: string; customerId: string }> {
    const owner = client(app, org.keys.owner);
    counter += 1;
    const customerId = (await owner.post('/api/v1/customers', { externalId: `R-${counter}`, name: `Review ${counter} Ltd` })).body.id as string;
    const invoice = (await owner.post('/api/v1/invoices', { customerId, number: `R-${counter}-1`, issueDate: '2026-08-01', dueDate: '2026-09-01', total: 420_00 })).body;
    expect((await owner.post('/api/v1/cycle/run', { date: '2026-11-23' })).status).toBe(200);
    const caseRow = await database.db.selectFrom('cases').select('id').where('org_id', '=', org.orgId).where('customer_id', '=', BigInt(customerId)).executeTakeFirstOrThrow();
    const [stored] = await insertActions(database.db, org.orgId, [
      {
        customerId: BigInt(customerId), caseId: caseRow.id, key: `review:${counter}`, cycleDate: '2026-11-23', kind: 'task', channel: 'review', playbookName: 'standard', playbookVersion: 0,
        stepKey: 'review', stepName: 'Review', stepIndex: 6, tone: 'final', template: 'review-escalation', status: 'ready', dueAt: '2026-11-23T09:00:00Z', rule: null, reason: null,
        invoiceIds: [BigInt(invoice.id)], invoiceNumbers: [invoice.number], amounts: { GBP: 420_00n }, data: {},
      },
    ]);
    return { id: stored!.id.toString(), customerId };
  }

  it('shows a review with the balance and the decisions; a collector may pause or keep chasing, only the owner may write off or place with an agency', async () => {
    const review = await reviewTask();
    const collector = client(app, org.keys.collector);
    const shown = await collector.get(`/api/v1/actions/${review.id}/review`);
    expect(shown.status, shown.text).toBe(200);
    expect(shown.body).toMatchObject({ actionId: review.id, customer: { id: review.customerId, name: expect.stringMatching(/^Review \d+ Ltd$/) }, balances: [{ currency: 'GBP', balance: 420_00, overdue: 420_00, invoices: 1 }] });
    expect(shown.body.outcomes.map((o: { code: string }) => o.code)).toEqual(['agency', 'small_claims', 'settlement_offer', 'write_off', 'keep_chasing', 'pause_until']);

    expectProblem(await collector.post(`/api/v1/actions/${review.id}/review-outcome`, { outcome: 'write_off' }), 403, 'forbidden');
    expectProblem(await client(app, org.keys.viewer).post(`/api/v1/actions/${review.id}/review-outcome`, { outcome: 'keep_chasing' }), 403, 'forbidden');
    expectProblem(await collector.post(`/api/v1/actions/${review.id}/review-outcome`, { outcome: 'pause_until' }), 400, 'invalid_input');
    expectProblem(await collector.post(`/api/v1/actions/${review.id}/review-outcome`, { outcome: 'retire' }), 400, 'invalid_input');
    const paused = await collector.post(`/api/v1/actions/${review.id}/review-outcome`, { outcome: 'pause_until', until: '2027-01-15', note: 'refinancing' });
    expect(paused.status, paused.text).toBe(200);
    expect(paused.body).toMatchObject({ actionId: review.id, outcome: 'pause_until', notBuilt: null, holdId: expect.stringMatching(/^\d+$/) });
    expect((await collector.get(`/api/v1/holds/${paused.body.holdId}`)).body).toMatchObject({ customerId: review.customerId, endsOn: '2027-01-15', active: true });
    expectProblem(await collector.post(`/api/v1/actions/${review.id}/review-outcome`, { outcome: 'keep_chasing' }), 409, 'conflict');

    const second = await reviewTask();
    const owner = client(app, org.keys.owner);
    const written = await owner.post(`/api/v1/actions/${second.id}/review-outcome`, { outcome: 'write_off', note: 'dissolved' });
    expect(written.status, written.text).toBe(200);
    expect(written.body.notBuilt).toMatch(/^The decision does not write anything off by itself/);
    expect((await owner.get(`/api/v1/invoices?customerId=${second.customerId}`)).body.data[0]).toMatchObject({ status: 'open', balance: 420_00 });

    const third = await reviewTask();
    const placed = await owner.post(`/api/v1/actions/${third.id}/review-outcome`, { outcome: 'agency' });
    expect(placed.body).toMatchObject({ caseStatus: 'agency', notBuilt: expect.stringMatching(/POST \/api\/v1\/placements/) });

    // a call task is not a review
    const call = await client(app, org.keys.owner).get('/api/v1/actions?limit=500');
    const send = call.body.data.find((a: { channel: string }) => a.channel !== 'review');
    expectProblem(await owner.get(`/api/v1/actions/${send.id}/review`), 400, 'invalid_input');
  });
});
