import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { builtInPlaybookRules } from '../../src/domain/playbooks/default-playbooks.ts';
import { toRulesFile } from '../../src/domain/playbooks/validate-rules.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice } from '../support/fixtures.ts';
import { call, client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type App } from './support.ts';

const mine = {
  name: 'mine',
  description: 'Ours',
  steps: [
    { key: 'reminder', name: 'Reminder', offsetDays: 3, tone: 'friendly', channels: ['email', 'letter'], template: 'reminder-missed' },
    { key: 'firm', name: 'Firm', offsetDays: 10, tone: 'firm', channels: ['letter'], template: 'firm-reminder', conditions: { minBalance: { GBP: '50.00' } } },
  ],
};

describeEachEngine('HTTP playbooks', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  const as = (role: 'owner' | 'collector' | 'viewer') => client(app, org.keys[role]);
  const send = (role: 'owner' | 'collector' | 'viewer', method: string, path: string, body: string, type: string) =>
    call(app, method, path, { key: org.keys[role], body, headers: { 'content-type': type } });
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  describe('/api/v1/playbooks', () => {
    it('lists the built-in playbooks for anyone, a page at a time, and shows one with its definition', async () => {
      const first = await as('viewer').get('/api/v1/playbooks?limit=2');
      expect(first.status, first.text).toBe(200);
      expect(first.body.data.map((p: { name: string }) => p.name)).toEqual(['gentle', 'standard']);
      expect(first.body.data[1]).toMatchObject({ name: 'standard', version: 0, source: 'built-in', steps: 8, versions: 1, isDefault: true, createdBy: null, createdByName: null });
      const second = await as('viewer').get(`/api/v1/playbooks?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.data.map((p: { name: string }) => p.name)).toContain('tight');

      const shown = await as('viewer').get('/api/v1/playbooks/gentle');
      expect(shown.status).toBe(200);
      expect(shown.body).toMatchObject({ name: 'gentle', version: 0, source: 'built-in', versions: [0] });
      expect(shown.body.definition.steps[3]).toEqual({ key: 'personal-call', name: 'Personal call', offsetDays: 24, tone: 'friendly', channels: ['call'], template: 'call-personal' });
      // what the engine acts on besides the steps: what the debtor says, and the reminder of a plan's instalments (the default: gentle sets none)
      expect(shown.body.definition.listening).toMatchObject({ wont_pay: { path: 'firm', finalStep: 'final-notice' }, already_paid: { path: 'verify', pauseDays: 10 } });
      expect(shown.body.definition.instalmentReminder).toBeUndefined();
      expect(shown.body.instalmentReminderInUse).toEqual({ kind: 'instalment_reminder', name: 'Instalment reminder', daysBefore: 3, channels: ['email', 'sms', 'letter'], template: 'instalment-reminder', isDefault: true });
      expect(expectProblem(await as('viewer').get('/api/v1/playbooks/gentle?version=2'), 404, 'not_found').detail).toBe('playbook "gentle" has no version 2; its versions are 0 (built-in)');
      expectProblem(await as('viewer').get('/api/v1/playbooks/Not_A_Name'), 400, 'invalid_input');
    });

    it('imports for owners only: a new version (201), an identical one stores nothing (200), problems by path (400)', async () => {
      expectProblem(await as('viewer').post('/api/v1/playbooks', mine), 403, 'forbidden');
      const collector = expectProblem(await as('collector').post('/api/v1/playbooks', mine), 403, 'forbidden');
      expect(collector.detail).toBe("this API key has the collector role; importing a playbook needs the owner role, so use an owner's key");

      const stored = await as('owner').post('/api/v1/playbooks', mine);
      expect(stored.status, stored.text).toBe(201);
      expect(stored.body).toEqual({ status: 'stored', name: 'mine', version: 1, warnings: [] });
      const again = await as('owner').post('/api/v1/playbooks', mine);
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ status: 'unchanged', name: 'mine', version: 1, warnings: [] });

      const invalid = { ...mine, steps: [mine.steps[1], { ...mine.steps[0], template: 'call-friendly' }] };
      const problem = expectProblem(await as('owner').post('/api/v1/playbooks', invalid), 400, 'invalid_input');
      expect((problem.details as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toEqual(['steps[0].tone', 'steps[1].template', 'steps[1].offsetDays', 'steps[1].tone']);
      expect(problem.detail).toMatch(/^the playbook is not valid; change this and import it again: steps\[0\]\.tone: .* is the first message of every case, which is always friendly.*steps\[1\]\.template: "call-friendly" is a template for call, not for email or letter/);

      expect(expectProblem(await send('owner', 'POST', '/api/v1/playbooks', '{"name": ', 'application/json'), 400, 'invalid_input').detail).toMatch(/^cannot read the request body as JSON: /);
      expectProblem(await send('owner', 'POST', '/api/v1/playbooks', 'name: x', 'text/plain'), 400, 'invalid_input');
      const list = await as('viewer').get('/api/v1/playbooks');
      expect(list.body.data.find((p: { name: string }) => p.name === 'mine')).toMatchObject({ version: 1, source: 'organisation', createdBy: expect.stringMatching(/^api-key:\d+$/), createdByName: expect.stringMatching(/^API key “.+”$/) });
      expect((await as('viewer').get('/api/v1/playbooks/mine')).body).toMatchObject({ createdBy: expect.stringMatching(/^api-key:\d+$/), createdByName: expect.stringMatching(/^API key “.+”$/) });
    });

    it('shows the instalment reminder a playbook sets as its own in use, in place of the default', async () => {
      const own = await makeApiOrg(database);
      const owner = client(app, own.keys.owner);
      const standard = (await owner.get('/api/v1/playbooks/standard')).body.definition;
      const reminder = { kind: 'instalment_reminder', name: 'Plan reminder', daysBefore: 5, channels: ['email', 'letter'], template: 'instalment-reminder' };
      expect((await owner.post('/api/v1/playbooks', { ...standard, instalmentReminder: reminder })).status).toBe(201);
      const shown = (await client(app, own.keys.viewer).get('/api/v1/playbooks/standard')).body;
      expect(shown.definition.instalmentReminder).toEqual(reminder);
      expect(shown.instalmentReminderInUse).toEqual({ ...reminder, isDefault: false });
    });

    it('exports JSON or YAML that imports back unchanged', async () => {
      const yaml = await as('viewer').get('/api/v1/playbooks/standard/export?format=yaml');
      expect(yaml.status).toBe(200);
      expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
      expect(yaml.headers.get('content-disposition')).toBe('attachment; filename="standard.v0.yaml"');
      expect(yaml.text).toMatch(/^name: standard\n/);
      const reimported = await send('owner', 'POST', '/api/v1/playbooks', yaml.text, 'application/yaml');
      expect(reimported.body).toMatchObject({ status: 'unchanged', name: 'standard', version: 0 });

      await as('owner').post('/api/v1/playbooks', mine);
      const json = await as('viewer').get('/api/v1/playbooks/mine/export');
      expect(json.headers.get('content-disposition')).toBe('attachment; filename="mine.v1.json"');
      expect(JSON.parse(json.text)).toEqual(mine);
      expect((await send('owner', 'POST', '/api/v1/playbooks', json.text, 'application/json')).body.status).toBe('unchanged');
      expectProblem(await as('viewer').get('/api/v1/playbooks/mine/export?format=xml'), 400, 'invalid_input');
    });
  });

  describe('/api/v1/playbook-rules', () => {
    it('shows the built-in rules until the owner sets their own; an empty list brings them back', async () => {
      const builtIn = await as('viewer').get('/api/v1/playbook-rules');
      expect(builtIn.body).toEqual({ source: 'built-in', rules: toRulesFile(builtInPlaybookRules).rules, defaultPlaybook: 'standard' });

      const rules = { rules: [{ playbook: 'mine', conditions: { kinds: ['consumer'] } }, { playbook: 'tight', conditions: { tagsAny: ['new'] } }] };
      expectProblem(await send('collector', 'PUT', '/api/v1/playbook-rules', JSON.stringify(rules), 'application/json'), 403, 'forbidden');
      const set = await send('owner', 'PUT', '/api/v1/playbook-rules', JSON.stringify(rules), 'application/json');
      expect(set.status, set.text).toBe(200);
      expect(set.body).toEqual({ source: 'organisation', rules: rules.rules, defaultPlaybook: 'standard' });
      expect((await as('viewer').get('/api/v1/playbook-rules')).body.rules).toEqual(rules.rules);

      const invalid = await send('owner', 'PUT', '/api/v1/playbook-rules', 'rules:\n  - playbook: nope\n', 'application/yaml');
      const problem = expectProblem(invalid, 400, 'invalid_input');
      expect(problem.details).toEqual({ problems: [{ path: 'rules[0].playbook', message: 'there is no playbook "nope": use one of gentle, mine, standard, tight, or import it first' }] });

      const reset = await send('owner', 'PUT', '/api/v1/playbook-rules', '{"rules": []}', 'application/json');
      expect(reset.body.source).toBe('built-in');
    });
  });

  describe('customers', () => {
    it('sets a playbook override and an exclusion by PATCH (collector or owner), and explains the choice', async () => {
      const { body: customer } = await as('collector').post('/api/v1/customers', { externalId: 'PB-1', name: 'Key Co', tags: ['key'] });
      expect(customer).toMatchObject({ playbookOverride: null, excludedReason: null });
      const why = await as('viewer').get(`/api/v1/customers/${customer.id}/playbook`);
      expect(why.status, why.text).toBe(200);
      expect(why.body).toEqual({
        customerId: customer.id,
        playbook: 'gentle',
        version: 0,
        reason: 'built-in segment rule 1: tagged key',
        rule: { position: 1, source: 'built-in', conditions: { tagsAny: ['key'] } },
        excludedReason: null,
      });

      expectProblem(await as('viewer').patch(`/api/v1/customers/${customer.id}`, { playbookOverride: 'tight' }), 403, 'forbidden');
      const set = await as('collector').patch(`/api/v1/customers/${customer.id}`, { playbookOverride: 'tight', excludedReason: '  Handled by the owner ' });
      expect(set.status, set.text).toBe(200);
      expect(set.body).toMatchObject({ playbookOverride: 'tight', excludedReason: 'Handled by the owner', name: 'Key Co' });
      expect((await as('viewer').get(`/api/v1/customers/${customer.id}/playbook`)).body).toMatchObject({
        playbook: 'tight',
        reason: 'set for this customer; the customer is excluded from collection (Handled by the owner), so it is not followed',
        excludedReason: 'Handled by the owner',
      });

      // an unknown playbook changes nothing, not even the other fields sent with it
      const unknown = expectProblem(await as('collector').patch(`/api/v1/customers/${customer.id}`, { name: 'Renamed', playbookOverride: 'nope' }), 400, 'invalid_input');
      expect(unknown.detail).toMatch(/^there is no playbook "nope"/);
      expect((await as('viewer').get(`/api/v1/customers/${customer.id}`)).body.name).toBe('Key Co');
      expectProblem(await as('collector').patch(`/api/v1/customers/${customer.id}`, { excludedReason: '' }), 400, 'invalid_input');

      const cleared = await as('owner').patch(`/api/v1/customers/${customer.id}`, { playbookOverride: null, excludedReason: null });
      expect(cleared.body).toMatchObject({ playbookOverride: null, excludedReason: null });
      const timeline = await database.db.selectFrom('activities').select(['kind', 'actor']).where('customer_id', '=', BigInt(customer.id)).orderBy('id').execute();
      expect(timeline.map((a) => a.kind)).toEqual(['playbook_override', 'collection_excluded', 'playbook_override', 'collection_included']);
      expect(timeline.every((a) => /^api-key:\d+$/.test(a.actor))).toBe(true);
      expectProblem(await as('viewer').get('/api/v1/customers/999999999/playbook'), 404, 'not_found');
    });
  });

  describe('/api/v1/playbooks/simulate', () => {
    it('shows the coming days with an unsaved change to a playbook, stores nothing, and lists an invalid one’s problems by path', async () => {
      const own = await makeApiOrg(database);
      const customer = await makeCustomer(database, own.orgId, { externalId: 'SIM-1' });
      await database.db.insertInto('contacts').values({ org_id: own.orgId, customer_id: customer.id, email: 'ap@sim1.example', address_line1: '1 Road' } as never).execute();
      await makeInvoice(database, own.orgId, customer.id, { number: `SIM-${own.orgId}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total: 250_00n });
      const owner = client(app, own.keys.owner);
      const firmReminder = (body: { days: Array<{ date: string; actions: Array<{ step: string; channel: string; customerExternalId: string }> }> }) =>
        body.days.flatMap((day) => day.actions.filter((action) => action.step === 'firm-reminder').map((action) => `${day.date} ${action.channel} ${action.customerExternalId}`));

      const asIs = await owner.post('/api/v1/playbooks/simulate', { days: 30 });
      expect(asIs.status, asIs.text).toBe(200);
      expect(asIs.body).toMatchObject({ from: '2026-11-23', to: '2026-12-22', playbook: null });
      expect(asIs.body.days).toHaveLength(30);
      expect(asIs.body.days[0].actions.map((action: { step: string }) => action.step)).toEqual(['reminder-missed']);
      const [firmDay] = firmReminder(asIs.body);
      expect(firmDay).toMatch(/ email SIM-1$/);

      // The firm reminder by letter only: the simulation shows the letter, and nothing is saved.
      const standard = (await owner.get('/api/v1/playbooks/standard')).body.definition;
      const edited = { ...standard, steps: standard.steps.map((step: { key: string }) => (step.key === 'firm-reminder' ? { ...step, channels: ['letter'] } : step)) };
      const changed = await owner.post('/api/v1/playbooks/simulate', { days: 30, playbook: edited });
      expect(changed.status, changed.text).toBe(200);
      expect(changed.body.playbook).toEqual({ name: 'standard', version: 1 });
      expect(firmReminder(changed.body)).toEqual([firmDay!.replace(' email ', ' letter ')]);
      expect((await owner.get('/api/v1/playbooks/standard')).body).toMatchObject({ version: 0, versions: [0] });
      expect((await owner.get('/api/v1/actions')).body.data).toEqual([]);

      const invalid = { ...edited, steps: edited.steps.map((step: { key: string }, index: number) => (index === 1 ? { ...step, template: 'call-friendly' } : step)) };
      const problem = expectProblem(await owner.post('/api/v1/playbooks/simulate', { playbook: invalid }), 400, 'invalid_input');
      expect((problem.details as { problems: Array<{ path: string }> }).problems.map((p) => p.path)).toContain('steps[1].template');
      expectProblem(await owner.post('/api/v1/playbooks/simulate', { days: 400 }), 400, 'invalid_input');
      expectProblem(await client(app, own.keys.viewer).post('/api/v1/playbooks/simulate', {}), 403, 'forbidden');
    });
  });
});
