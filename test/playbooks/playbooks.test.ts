// Playbooks on both engines: import and versioning, export round trips, segment rules, per-customer
// override and exclusion, the choice explained, and loadPlaybooks as the daily cycle reads it.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excludeCustomer } from '../../src/app/collection/exclude-customer.ts';
import { explainPlaybookChoice } from '../../src/app/playbooks/explain-playbook-choice.ts';
import { exportPlaybook } from '../../src/app/playbooks/export-playbook.ts';
import { getPlaybook } from '../../src/app/playbooks/get-playbook.ts';
import { importPlaybook } from '../../src/app/playbooks/import-playbook.ts';
import { includeCustomer } from '../../src/app/collection/include-customer.ts';
import { listPlaybooks } from '../../src/app/playbooks/list-playbooks.ts';
import { loadPlaybooks } from '../../src/app/playbooks/load-playbooks.ts';
import { parseDataFile } from '../../src/app/playbooks/playbook-files.ts';
import { setCustomerPlaybook } from '../../src/app/playbooks/set-customer-playbook.ts';
import { setPlaybookRules } from '../../src/app/playbooks/set-playbook-rules.ts';
import type { Database } from '../../src/db/engine.ts';
import { collectionSettings } from '../../src/domain/collection-settings.ts';
import { builtInPlaybookRules, builtInPlaybooks } from '../../src/domain/playbooks/default-playbooks.ts';
import type { Playbook } from '../../src/domain/playbooks/playbook.ts';
import { AppError } from '../../src/errors.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCustomer, makeInvoice, makeOrg } from '../support/fixtures.ts';

const actor = 'user:test';
/** The clock the use cases are given: their timeline entries are stamped with it. */
const now = instantOn('2026-11-23');
const standard = builtInPlaybooks.find((p) => p.name === 'standard')!;

/** A valid playbook of its own name: a note, a reminder with a call on no response, a firm letter. */
function ownPlaybook(name = 'mine'): Playbook {
  return {
    name,
    description: 'Ours',
    steps: [
      { key: 'note', name: 'Note', offsetDays: -2, tone: 'friendly', channels: ['email'], template: 'pre-due-note' },
      {
        key: 'reminder',
        name: 'Reminder',
        offsetDays: 3,
        tone: 'friendly',
        channels: ['email', 'letter'],
        template: 'reminder-missed',
        conditions: { minBalance: { GBP: '50.00', JPY: '5000' } },
        onNoResponse: { afterDays: 4, channel: 'call', template: 'call-friendly' },
      },
      { key: 'firm', name: 'Firm', offsetDays: 10, tone: 'firm', channels: ['letter'], template: 'firm-reminder', applyCharges: true },
    ],
  };
}

/** The AppError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected it to fail');
}

/** Counts the statements run through a Kysely instance. */
function countingPlugin(): KyselyPlugin & { count: number } {
  const plugin = {
    count: 0,
    transformQuery(args: PluginTransformQueryArgs) {
      plugin.count += 1;
      return args.node;
    },
    transformResult: async (args: PluginTransformResultArgs) => args.result,
  };
  return plugin;
}

describeEachEngine('playbooks', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  describe('loadPlaybooks', () => {
    it('gives the built-in playbooks (version 0), the built-in rules and the default settings when nothing is stored, in one query', async () => {
      const { org } = await makeOrg(database);
      const plugin = countingPlugin();
      const setup = await loadPlaybooks(database.db.withPlugin(plugin), org.id);
      expect(plugin.count).toBe(1);
      expect([...setup.playbooks.keys()].sort()).toEqual(['gentle', 'standard', 'tight']);
      expect(setup.playbooks.get('standard')).toEqual({ playbook: standard, version: 0 });
      expect(setup.rules).toEqual(builtInPlaybookRules);
      expect(setup.rulesSource).toBe('built-in');
      expect(setup.settings).toEqual(collectionSettings({}));
    });

    it('uses the organisation’s stored version over the built-in one, its latest version, and its rules in order', async () => {
      const { org } = await makeOrg(database);
      const softer = { ...standard, description: 'Our standard', steps: standard.steps.map((s) => (s.key === 'firm-reminder' ? { ...s, offsetDays: 16 } : s)) };
      expect(await importPlaybook(database.db, org.id, softer, actor, now)).toMatchObject({ status: 'stored', version: 1 });
      await importPlaybook(database.db, org.id, ownPlaybook(), actor, now);
      await importPlaybook(database.db, org.id, { ...ownPlaybook(), description: 'Ours, v2' }, actor, now);
      await setPlaybookRules(database.db, org.id, { rules: [{ playbook: 'mine', conditions: { kinds: ['consumer'] } }, { playbook: 'tight', conditions: { tagsAny: ['new'] } }, { playbook: 'gentle' }] }, actor, now);
      await database.db.updateTable('orgs').set({ settings: JSON.stringify({ collections: { defaultPlaybook: 'mine', agencyEnabled: true } }) }).where('id', '=', org.id).execute();

      const plugin = countingPlugin();
      const setup = await loadPlaybooks(database.db.withPlugin(plugin), org.id);
      expect(plugin.count).toBe(1);
      expect(setup.playbooks.get('standard')).toEqual({ playbook: softer, version: 1 });
      expect(setup.playbooks.get('gentle')!.version).toBe(0);
      expect(setup.playbooks.get('mine')).toEqual({ playbook: { ...ownPlaybook(), description: 'Ours, v2' }, version: 2 });
      expect(setup.rules).toEqual([
        { playbookName: 'mine', conditions: { kinds: ['consumer'] } },
        { playbookName: 'tight', conditions: { tagsAny: ['new'] } },
        { playbookName: 'gentle', conditions: {} },
      ]);
      expect(setup.rulesSource).toBe('organisation');
      expect(setup.settings).toMatchObject({ defaultPlaybook: 'mine', agencyEnabled: true, legalEnabled: false });

      // another organisation sees none of it
      const other = await loadPlaybooks(database.db, (await makeOrg(database)).org.id);
      expect(other.playbooks.has('mine')).toBe(false);
      expect(other.playbooks.get('standard')!.version).toBe(0);
      expect(other.rulesSource).toBe('built-in');
    });
  });

  describe('importPlaybook', () => {
    it('stores versions 1, 2, …; an identical definition (in any key order) stores nothing and says so', async () => {
      const { org } = await makeOrg(database);
      expect(await importPlaybook(database.db, org.id, ownPlaybook(), actor, now)).toEqual({ status: 'stored', name: 'mine', version: 1, warnings: [] });
      const reordered = JSON.parse(JSON.stringify({ steps: ownPlaybook().steps.map((s) => Object.fromEntries(Object.entries(s).reverse())), description: 'Ours', name: 'mine' }));
      expect(await importPlaybook(database.db, org.id, reordered, actor, now)).toEqual({ status: 'unchanged', name: 'mine', version: 1, warnings: [] });
      const changed = ownPlaybook();
      changed.steps[2]!.offsetDays = 12;
      expect(await importPlaybook(database.db, org.id, changed, actor, now)).toMatchObject({ status: 'stored', version: 2 });
      // the built-in standard, unchanged, is already in use as version 0
      expect(await importPlaybook(database.db, org.id, standard, actor, now)).toMatchObject({ status: 'unchanged', name: 'standard', version: 0 });

      const rows = await database.db.selectFrom('playbooks').select(['name', 'version', 'created_by']).where('org_id', '=', org.id).orderBy('id').execute();
      expect(rows).toEqual([
        { name: 'mine', version: 1, created_by: actor },
        { name: 'mine', version: 2, created_by: actor },
      ]);
      const activities = await database.db.selectFrom('activities').select(['kind', 'actor', 'summary']).where('org_id', '=', org.id).orderBy('id').execute();
      expect(activities).toEqual([
        { kind: 'playbook_imported', actor, summary: 'Playbook "mine" version 1 stored' },
        { kind: 'playbook_imported', actor, summary: 'Playbook "mine" version 2 stored' },
      ]);
      // versions are immutable: the first is still there as it was
      expect((await getPlaybook(database.db, org.id, 'mine', 1)).playbook).toEqual(ownPlaybook());
      expect(await getPlaybook(database.db, org.id, 'mine')).toMatchObject({ version: 2, versions: [1, 2], source: 'organisation', createdBy: actor });
    });

    it('refuses an invalid playbook with every problem by path, storing nothing', async () => {
      const { org } = await makeOrg(database);
      const bad = ownPlaybook();
      bad.steps[1]!.template = 'nope';
      bad.steps[2]!.offsetDays = 3;
      const error = await failure(importPlaybook(database.db, org.id, bad, actor, now));
      expect(error.code).toBe('invalid_input');
      const details = error.details as { problems: Array<{ path: string }> };
      expect(details.problems.map((p) => p.path)).toEqual(['steps[1].template', 'steps[1].onNoResponse.afterDays', 'steps[2].offsetDays']);
      expect(error.message).toMatch(/^the playbook is not valid; change this and import it again: steps\[1\]\.template: there is no template "nope"/);
      expect(await database.db.selectFrom('playbooks').select('id').where('org_id', '=', org.id).execute()).toEqual([]);
    });

    it('validates against the organisation’s settings: legal steps only when legal is enabled', async () => {
      const { org } = await makeOrg(database);
      const legal: Playbook = {
        name: 'with-claim',
        description: '',
        steps: [
          { key: 'reminder', name: 'Reminder', offsetDays: 3, tone: 'friendly', channels: ['email', 'letter'], template: 'reminder-missed' },
          { key: 'final', name: 'Final', offsetDays: 30, tone: 'final', channels: ['letter'], template: 'final-notice', nextStep: 'small_claims' },
          { key: 'claim', name: 'Letter before claim', offsetDays: 45, tone: 'legal', channels: ['letter'], template: 'letter-before-claim' },
        ],
      };
      const refused = await failure(importPlaybook(database.db, org.id, legal, actor, now));
      expect(refused.message).toContain('steps[2].tone: legal steps are disabled for this organisation: enable legal in the settings (legalEnabled) or remove step "claim"');
      await database.db.updateTable('orgs').set({ settings: JSON.stringify({ collections: { legalEnabled: true } }) }).where('id', '=', org.id).execute();
      const stored = await importPlaybook(database.db, org.id, legal, actor, now);
      expect(stored).toMatchObject({ status: 'stored', version: 1 });
      expect(stored.warnings.map((w) => w.path)).toEqual(['steps[1].nextStep']);
    });
  });

  describe('exportPlaybook', () => {
    it.each(['json', 'yaml'] as const)('writes %s that re-imports to the same definition', async (format) => {
      const { org } = await makeOrg(database);
      await importPlaybook(database.db, org.id, ownPlaybook(), actor, now);
      const exported = await exportPlaybook(database.db, org.id, 'mine', { format });
      expect(exported).toMatchObject({ name: 'mine', version: 1, format, fileName: `mine.v1.${format}` });
      if (format === 'yaml') {
        expect(exported.text).toMatch(/^name: mine\n/);
        expect(exported.text).toContain('GBP: "50.00"'); // an amount stays text, never a float
      } else {
        expect(JSON.parse(exported.text)).toEqual(ownPlaybook());
      }
      const parsed = parseDataFile(exported.text, exported.fileName);
      expect(parsed).toEqual(ownPlaybook());
      expect(await importPlaybook(database.db, org.id, parsed, actor, now)).toMatchObject({ status: 'unchanged', version: 1 });
      // without a file name, the content tells JSON from YAML
      expect(parseDataFile(exported.text)).toEqual(ownPlaybook());
      // a built-in exports as version 0 and re-imports unchanged
      const builtIn = await exportPlaybook(database.db, org.id, 'gentle', { format });
      expect(await importPlaybook(database.db, org.id, parseDataFile(builtIn.text, builtIn.fileName), actor, now)).toMatchObject({ status: 'unchanged', version: 0 });
    });

    it('says which playbooks and versions exist when asked for one that does not', async () => {
      const { org } = await makeOrg(database);
      await importPlaybook(database.db, org.id, ownPlaybook(), actor, now);
      const missing = await failure(exportPlaybook(database.db, org.id, 'nope'));
      expect(missing.code).toBe('not_found');
      expect(missing.message).toBe('there is no playbook "nope"; the playbooks are gentle, mine, standard, tight');
      expect((await failure(getPlaybook(database.db, org.id, 'standard', 3))).message).toBe('playbook "standard" has no version 3; its versions are 0 (built-in)');
      expect((await failure(getPlaybook(database.db, org.id, 'mine', 0))).message).toBe('playbook "mine" has no version 0; its versions are 1');
    });
  });

  describe('listPlaybooks', () => {
    it('lists the built-in and stored playbooks by name, with the version in use and the default', async () => {
      const { org } = await makeOrg(database);
      await importPlaybook(database.db, org.id, ownPlaybook(), actor, now);
      await importPlaybook(database.db, org.id, { ...standard, description: 'changed' }, actor, now);
      const list = await listPlaybooks(database.db, org.id);
      expect(list.map(({ name, version, source, steps, versions, isDefault }) => ({ name, version, source, steps, versions, isDefault }))).toEqual([
        { name: 'gentle', version: 0, source: 'built-in', steps: 9, versions: 1, isDefault: false },
        { name: 'mine', version: 1, source: 'organisation', steps: 3, versions: 1, isDefault: false },
        { name: 'standard', version: 1, source: 'organisation', steps: 8, versions: 2, isDefault: true },
        { name: 'tight', version: 0, source: 'built-in', steps: 8, versions: 1, isDefault: false },
      ]);
    });
  });

  describe('segment rules', () => {
    it('replaces the rules, refuses a rule naming an unknown playbook, and goes back to the built-in rules when emptied', async () => {
      const { org } = await makeOrg(database);
      const error = await failure(setPlaybookRules(database.db, org.id, [{ playbook: 'mine' }], actor, now));
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain('rules[0].playbook: there is no playbook "mine": use one of gentle, standard, tight, or import it first');
      await importPlaybook(database.db, org.id, ownPlaybook(), actor, now);
      expect(await setPlaybookRules(database.db, org.id, [{ playbook: 'mine', conditions: { risks: ['high'] } }], actor, now)).toEqual({
        source: 'organisation',
        rules: [{ playbookName: 'mine', conditions: { risks: ['high'] } }],
      });
      await setPlaybookRules(database.db, org.id, [{ playbook: 'tight', conditions: { risks: ['high'] } }, { playbook: 'mine', conditions: { tagsAny: ['x'] } }], actor, now);
      expect((await loadPlaybooks(database.db, org.id)).rules.map((r) => r.playbookName)).toEqual(['tight', 'mine']);
      expect(await setPlaybookRules(database.db, org.id, { rules: [] }, actor, now)).toEqual({ source: 'built-in', rules: builtInPlaybookRules });
      expect((await loadPlaybooks(database.db, org.id)).rulesSource).toBe('built-in');
    });
  });

  describe('per customer', () => {
    it('explains the choice: a built-in segment rule, the default, an override, a rule of the organisation with a minimum balance', async () => {
      const { org } = await makeOrg(database);
      const today = '2026-11-23';
      const customer = await makeCustomer(database, org.id);
      expect(await explainPlaybookChoice(database.db, org.id, customer.id, today)).toEqual({
        customerId: customer.id,
        playbook: 'standard',
        version: 0,
        reason: 'the default playbook',
        rule: null,
        excludedReason: null,
        followed: { playbook: expect.objectContaining({ name: 'standard' }), version: 0 },
      });
      await database.db.updateTable('customers').set({ tags: ['key'] }).where('id', '=', customer.id).execute();
      expect(await explainPlaybookChoice(database.db, org.id, customer.id, today)).toMatchObject({
        playbook: 'gentle',
        reason: 'built-in segment rule 1: tagged key',
        rule: { position: 1, source: 'built-in', conditions: { tagsAny: ['key'] } },
      });
      await database.db.updateTable('customers').set({ tags: [], customer_since: '2026-09-01' }).where('id', '=', customer.id).execute();
      expect((await explainPlaybookChoice(database.db, org.id, customer.id, today)).reason).toBe('built-in segment rule 5: a customer for less than 6 months');

      await importPlaybook(database.db, org.id, ownPlaybook(), actor, now);
      await setPlaybookRules(database.db, org.id, [{ playbook: 'mine', conditions: { minBalance: { GBP: '100.00' } } }], actor, now);
      expect((await explainPlaybookChoice(database.db, org.id, customer.id, today)).playbook).toBe('standard');
      await makeInvoice(database, org.id, customer.id, { dueDate: '2026-11-01', total: 10000n });
      expect(await explainPlaybookChoice(database.db, org.id, customer.id, today)).toMatchObject({
        playbook: 'mine',
        version: 1,
        reason: 'segment rule 1: owing at least GBP 100.00 overdue',
      });

      await setCustomerPlaybook(database.db, org.id, customer.id, 'tight', actor, now);
      expect(await explainPlaybookChoice(database.db, org.id, customer.id, today)).toMatchObject({ playbook: 'tight', version: 0, reason: 'set for this customer', rule: null });
    });

    it('sets and clears a playbook override and excludes and includes a customer, each on the timeline with who did it', async () => {
      const { org } = await makeOrg(database);
      const customer = await makeCustomer(database, org.id);
      expect((await failure(setCustomerPlaybook(database.db, org.id, customer.id, 'nope', actor, now))).message).toBe(
        'there is no playbook "nope": use one of gentle, standard, tight, or import it first',
      );
      expect((await setCustomerPlaybook(database.db, org.id, customer.id, 'gentle', actor, now)).playbook_override).toBe('gentle');
      await setCustomerPlaybook(database.db, org.id, customer.id, 'gentle', actor, now); // already so: no second entry
      expect((await setCustomerPlaybook(database.db, org.id, customer.id, null, 'user:other', now)).playbook_override).toBeNull();

      expect((await failure(excludeCustomer(database.db, org.id, customer.id, '  ', actor, now))).code).toBe('invalid_input');
      expect((await excludeCustomer(database.db, org.id, customer.id, ' Handled by the owner ', actor, now)).excluded_reason).toBe('Handled by the owner');
      const excluded = await explainPlaybookChoice(database.db, org.id, customer.id, '2026-11-23');
      expect(excluded).toMatchObject({ playbook: 'standard', excludedReason: 'Handled by the owner' });
      expect(excluded.reason).toBe('the default playbook; the customer is excluded from collection (Handled by the owner), so it is not followed');
      expect((await includeCustomer(database.db, org.id, customer.id, actor, now)).excluded_reason).toBeNull();
      await includeCustomer(database.db, org.id, customer.id, actor, now); // not excluded: nothing to record

      const timeline = await database.db.selectFrom('activities').select(['customer_id', 'kind', 'actor', 'summary']).where('org_id', '=', org.id).orderBy('id').execute();
      expect(timeline).toEqual([
        { customer_id: customer.id, kind: 'playbook_override', actor, summary: 'Playbook "gentle" set for this customer' },
        { customer_id: customer.id, kind: 'playbook_override', actor: 'user:other', summary: 'Playbook "gentle" no longer set for this customer: the segment rules decide again' },
        { customer_id: customer.id, kind: 'collection_excluded', actor, summary: 'Excluded from collection: Handled by the owner' },
        { customer_id: customer.id, kind: 'collection_included', actor, summary: 'Included in collection again (was excluded: Handled by the owner)' },
      ]);
    });

    it('does not reach another organisation’s customer', async () => {
      const a = await makeOrg(database);
      const b = await makeOrg(database);
      const customer = await makeCustomer(database, a.org.id);
      for (const attempt of [
        () => setCustomerPlaybook(database.db, b.org.id, customer.id, 'gentle', actor, now),
        () => excludeCustomer(database.db, b.org.id, customer.id, 'spite', actor, now),
        () => includeCustomer(database.db, b.org.id, customer.id, actor, now),
        () => explainPlaybookChoice(database.db, b.org.id, customer.id, '2026-11-23'),
      ]) {
        expect((await failure(attempt())).message).toBe(`there is no customer ${customer.id}`);
      }
    });
  });
});
