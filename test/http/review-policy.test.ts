// GET/PUT /api/v1/review-policy: anyone reads the policy in force beside its defaults; only an owner
// changes it (collectors and viewers are refused, and nothing changes); a bad value is a 400 naming
// the field; what is saved is what the daily cycle reads.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reviewPolicyOf } from '../../src/app/cycle/queue-reviews.ts';
import type { Database } from '../../src/db/engine.ts';
import { collectionSettings } from '../../src/domain/collection-settings.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type Client } from './support.ts';

describeEachEngine('HTTP review policy', (engine) => {
  let database: Database;
  let orgId: bigint;
  let owner: Client;
  let collector: Client;
  let viewer: Client;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const org = await makeApiOrg(database);
    orgId = org.orgId;
    const app = createTestApp(database);
    owner = client(app, org.keys.owner);
    collector = client(app, org.keys.collector);
    viewer = client(app, org.keys.viewer);
  });
  afterAll(() => database.close());

  async function storedForCycle() {
    const org = await database.db.selectFrom('orgs').select('settings').where('id', '=', orgId).executeTakeFirstOrThrow();
    return reviewPolicyOf(collectionSettings(org.settings));
  }

  it('reads the defaults, is changed by an owner only, and the cycle reads what was saved', async () => {
    const first = await viewer.get('/api/v1/review-policy');
    expect(first.status, first.text).toBe(200);
    expect(first.body.policy).toEqual(first.body.defaults);
    expect(first.body.defaults).toMatchObject({ noResponseAfterFinalDays: 14, brokenPromises: 2, daysOverdue: 120, noContactDays: 30, largeBalance: { GBP: '5000.00' }, recovery: { settlement: { ratePercent: 70 }, agency: { ratePercent: 50, commissionPercent: 25 }, smallClaims: { ratePercent: 60, courtFee: { GBP: '115.00' } } } });

    const change = { ...first.body.policy, daysOverdue: 90, largeBalance: { GBP: '2500.00' }, recovery: { ...first.body.policy.recovery, agency: { ratePercent: 40, commissionPercent: 12.5 } } };
    expectProblem(await collector.put('/api/v1/review-policy', change), 403, 'forbidden');
    expectProblem(await viewer.put('/api/v1/review-policy', change), 403, 'forbidden');
    expect((await storedForCycle()).daysOverdue).toBe(120);

    const saved = await owner.put('/api/v1/review-policy', change);
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.policy).toEqual(change);
    expect(saved.body.defaults).toEqual(first.body.defaults);
    expect(await storedForCycle()).toEqual(change);
    expect((await collector.get('/api/v1/review-policy')).body.policy).toEqual(change);

    // a setting not given takes its default
    const partial = await owner.put('/api/v1/review-policy', { brokenPromises: 3 });
    expect(partial.body.policy).toEqual({ ...first.body.defaults, brokenPromises: 3 });
  });

  it('refuses what is not valid, naming the field, and keeps the policy', async () => {
    const before = (await owner.get('/api/v1/review-policy')).body.policy;
    const tooMany = await owner.put('/api/v1/review-policy', { daysOverdue: 0, recovery: { agency: { ratePercent: 33.333 } } });
    expectProblem(tooMany, 400, 'invalid_input');
    expect(tooMany.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.daysOverdue', 'body.recovery.agency.ratePercent']);
    const unknown = await owner.put('/api/v1/review-policy', { daysOverdu: 10 });
    expectProblem(unknown, 400, 'invalid_input');
    expect(unknown.body.errors).toEqual([{ field: 'body.daysOverdu', message: expect.stringMatching(/not a field here/) }]);
    const pence = await owner.put('/api/v1/review-policy', { largeBalance: { JPY: '100.50' } });
    expectProblem(pence, 400, 'invalid_input');
    expect(pence.body.detail).toMatch(/largeBalance\.JPY: "100\.50"/);
    expect((await owner.get('/api/v1/review-policy')).body.policy).toEqual(before);
  });
});
