// The charges part of the settings screen through HTTP: anyone reads the charge policy and the
// reference rates; only an owner sets the policy or adds a rate; bad input is refused with the
// field named; an organisation's rate takes the place of the shipped one for its half-year.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type ApiOrg } from './support.ts';

describeEachEngine('HTTP charge policy and reference rates', (engine) => {
  let database: Database;
  let org: ApiOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  it('sets the charge policy (owners only) and reads it back in words', async () => {
    const app = createTestApp(database);
    const owner = client(app, org.keys.owner);
    expect((await client(app, org.keys.viewer).get('/api/v1/charge-policy')).body).toEqual({ policy: { type: 'none' }, label: expect.any(String), invalid: null });

    const set = await owner.put('/api/v1/charge-policy', { type: 'fixed_fee', amounts: { GBP: '25.00' } });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ policy: { type: 'fixed_fee', amounts: { GBP: '25.00' } }, warnings: [] });
    expect(set.body.label).toMatch(/25/);
    expect((await owner.put('/api/v1/charge-policy', { type: 'uk_late_payment' })).body.warnings).toEqual([expect.stringMatching(/consumer/)]);
    expect((await client(app, org.keys.collector).get('/api/v1/charge-policy')).body.policy).toEqual({ type: 'uk_late_payment' });

    for (const key of [org.keys.collector, org.keys.viewer]) expectProblem(await client(app, key).put('/api/v1/charge-policy', { type: 'none' }), 403, 'forbidden');
    const bad = expectProblem(await owner.put('/api/v1/charge-policy', { type: 'percentage', percent: '800' }), 400, 'invalid_input');
    expect(bad.errors?.[0]?.field).toMatch(/percent/);
    expect((await owner.get('/api/v1/charge-policy')).body.policy).toEqual({ type: 'uk_late_payment' });
  });

  it('lists the reference rates and adds one for a half-year, over the shipped one (owners only)', async () => {
    const app = createTestApp(database);
    const owner = client(app, org.keys.owner);
    const shipped = (await owner.get('/api/v1/reference-rates?scheme=uk_late_payment')).body.data;
    expect(shipped.length).toBeGreaterThan(10);
    expect(shipped.every((rate: { scheme: string; origin: string }) => rate.scheme === 'uk_late_payment' && rate.origin === 'shipped')).toBe(true);
    const first = shipped[0];

    const added = await owner.post('/api/v1/reference-rates', { scheme: 'uk_late_payment', from: first.effectiveFrom, rate: '4.5', source: 'Our bank, 31 December' });
    expect(added.status, added.text).toBe(201);
    expect(added.body).toEqual({ rate: { scheme: 'uk_late_payment', effectiveFrom: first.effectiveFrom, ratePercent: '4.50', source: 'Our bank, 31 December', origin: 'organisation' }, overrides: first });
    const listed = (await client(app, org.keys.viewer).get('/api/v1/reference-rates?scheme=uk_late_payment')).body.data;
    expect(listed).toHaveLength(shipped.length);
    expect(listed[0]).toMatchObject({ effectiveFrom: first.effectiveFrom, ratePercent: '4.50', origin: 'organisation' });

    expectProblem(await owner.post('/api/v1/reference-rates', { scheme: 'uk_late_payment', from: first.effectiveFrom, rate: '4.75', source: 'again' }), 409, 'conflict');
    expect((await owner.post('/api/v1/reference-rates', { scheme: 'uk_late_payment', from: first.effectiveFrom, rate: '4.75', source: 'again', replace: true })).status).toBe(201);
    expectProblem(await owner.post('/api/v1/reference-rates', { scheme: 'uk_late_payment', from: '2027-03-01', rate: '4', source: 'x' }), 400, 'invalid_input');
    for (const key of [org.keys.collector, org.keys.viewer]) {
      expectProblem(await client(app, key).post('/api/v1/reference-rates', { scheme: 'eu_late_payment', from: '2031-01-01', rate: '2', source: 'x' }), 403, 'forbidden');
    }
  });
});
