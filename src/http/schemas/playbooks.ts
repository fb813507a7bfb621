// The playbook contract: a playbook definition (the domain's own schema: the API and the files
// are one format), its versions, the result of an import, the segment rules and the choice of
// playbook for a customer.
import { z } from '@hono/zod-openapi';
import type { PlaybookExplanation } from '../../app/playbooks/explain-playbook-choice.ts';
import type { PlaybookRules } from '../../app/playbooks/set-playbook-rules.ts';
import { conditionsSchema, instalmentReminderSchema, playbookSchema } from '../../domain/playbooks/playbook.ts';
import { toRulesFile } from '../../domain/playbooks/validate-rules.ts';
import { maxSimulationDays } from '../../app/cycle/simulate-cycle.ts';
import { CycleAction, PlanEvent } from './cycle.ts';
import { ActorName, Id, IsoDate, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

// Rebuilt from the domain's shape: schemas made before @hono/zod-openapi extends Zod lack .openapi().
export const Playbook = z.strictObject(playbookSchema.shape).openapi('Playbook', { description: 'A playbook definition, as in a playbook file (docs/playbooks.md)' });

const Name = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a playbook name: lowercase letters, digits and dashes')
  .openapi({ param: { name: 'name', in: 'path' }, example: 'standard' });

export const NameParams = z.object({ name: Name });

const Version = z.coerce
  .number('must be a version number such as 2')
  .int('must be a whole number')
  .min(0, 'must be 0 (built-in) or more')
  .openapi({ description: 'this version (default: the one in use; 0 is the built-in one)', example: 2 });

export const PlaybookQuery = z.strictObject({ version: Version.optional() });

export const ExportQuery = z.strictObject({
  version: Version.optional(),
  format: z.enum(['json', 'yaml']).default('json').openapi({ description: 'file format' }),
});

const Source = z.enum(['built-in', 'organisation']).openapi({ description: 'shipped with Arrears (version 0), or stored by your organisation' });

export const PlaybookSummary = z
  .object({
    name: z.string(),
    version: z.int().openapi({ description: 'the version in use' }),
    source: Source,
    description: z.string(),
    steps: z.int(),
    versions: z.int().openapi({ description: 'how many versions there are, the built-in one included' }),
    isDefault: z.boolean().openapi({ description: 'the playbook of customers no rule or override assigns' }),
    createdBy: z.string().nullable(),
    createdByName: ActorName,
    createdAt: Timestamp.nullable(),
  })
  .openapi('PlaybookSummary');

export const PlaybookListQuery = PageQuery;
export const PlaybookSummaryPage = pageOf(PlaybookSummary, 'PlaybookSummaryPage');

export const PlaybookDetail = z
  .object({
    name: z.string(),
    version: z.int(),
    source: Source,
    versions: z.array(z.int()).openapi({ description: 'every version of this name, oldest first' }),
    createdBy: z.string().nullable(),
    createdByName: ActorName,
    createdAt: Timestamp.nullable(),
    definition: Playbook,
    instalmentReminderInUse: z
      .strictObject({ ...instalmentReminderSchema.shape, isDefault: z.boolean().openapi({ description: 'the definition sets no instalmentReminder, so this default is used' }) })
      .openapi({ description: "the instalment reminder the cycle sends for this playbook's customers on a payment plan: the definition's own, or the default" }),
  })
  .openapi('PlaybookDetail');

const Problem = z.object({ path: z.string().openapi({ example: 'steps[3].template' }), message: z.string() });

export const ImportResult = z
  .object({
    status: z.enum(['stored', 'unchanged']).openapi({ description: 'unchanged: identical to the version in use, so nothing was stored' }),
    name: z.string(),
    version: z.int(),
    warnings: z.array(Problem).openapi({ description: 'things to know that did not stop the import' }),
  })
  .openapi('PlaybookImportResult');

const Rule = z.object({ playbook: z.string(), conditions: conditionsSchema }).openapi('PlaybookRule');

export const RulesBody = z
  .object({ rules: z.array(z.object({ playbook: z.string(), conditions: conditionsSchema.optional() })) })
  .openapi('PlaybookRulesInput', { description: 'The whole list, first match wins; an empty list brings back the built-in rules' });

export const Rules = z
  .object({
    source: Source.openapi({ description: 'your own rules, or the built-in ones (while you have none)' }),
    rules: z.array(Rule),
    defaultPlaybook: z.string().openapi({ description: 'for customers no rule matches' }),
  })
  .openapi('PlaybookRules');

export function toRules(rules: PlaybookRules, defaultPlaybook: string): z.input<typeof Rules> {
  return { source: rules.source, rules: toRulesFile(rules.rules).rules, defaultPlaybook };
}

export const PlaybookChoice = z
  .object({
    customerId: Id,
    playbook: z.string(),
    version: z.int().nullable().openapi({ description: 'the version in use; null when no playbook has that name' }),
    reason: z.string().openapi({ example: 'built-in segment rule 1: tagged key' }),
    rule: z.object({ position: z.int(), source: Source, conditions: conditionsSchema }).nullable(),
    excludedReason: z.string().nullable().openapi({ description: 'set when the customer is excluded from collection' }),
  })
  .openapi('PlaybookChoice');

export function toPlaybookChoice(explanation: PlaybookExplanation): z.input<typeof PlaybookChoice> {
  return { ...explanation, customerId: String(explanation.customerId) };
}

export const SimulateBody = z
  .strictObject({
    days: z.int().min(1).max(maxSimulationDays).default(30).openapi({ description: 'how many days to simulate, from `from` (30, 60 or 90 on the web app’s calendar)' }),
    from: IsoDate.optional().openapi({ description: "the first day; default: today in the organisation's time zone" }),
    playbook: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'an unsaved playbook definition (as POST /playbooks takes it), used in the simulation as the new version of its name and then discarded; validated as an import is (400 lists problems by path)' }),
  })
  .openapi('SimulatePlaybooks');

export const Simulation = z
  .object({
    from: IsoDate,
    to: IsoDate,
    playbook: z.object({ name: z.string(), version: z.int() }).nullable().openapi({ description: 'the unsaved playbook as simulated (the version it would get when saved); null when none was sent' }),
    days: z
      .array(z.object({ date: IsoDate, actions: z.array(CycleAction), planEvents: z.array(PlanEvent) }))
      .openapi({ description: 'every day of the range, with the actions the cycle would plan that day and what it would do to the payment plans (an instalment missed, a plan defaulted), assuming nobody responds or pays' }),
  })
  .openapi('PlaybookSimulation');
