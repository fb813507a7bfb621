// /api/v1/playbooks, /api/v1/playbook-rules and /api/v1/customers/{id}/playbook: the collection
// playbooks (versioned; built-ins are version 0), the segment rules that assign them, and which
// one a customer follows and why. Importing and rules are the owner's; reading is anyone's.
import { channelsOff } from '../../app/dispatch/channel-senders.ts';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { simulateCycle } from '../../app/cycle/simulate-cycle.ts';
import { explainPlaybookChoice } from '../../app/playbooks/explain-playbook-choice.ts';
import { exportPlaybook } from '../../app/playbooks/export-playbook.ts';
import { getPlaybook } from '../../app/playbooks/get-playbook.ts';
import { importPlaybook } from '../../app/playbooks/import-playbook.ts';
import { listPlaybooks } from '../../app/playbooks/list-playbooks.ts';
import { loadPlaybooks } from '../../app/playbooks/load-playbooks.ts';
import { parseDataFile, type FileFormat } from '../../app/playbooks/playbook-files.ts';
import { setPlaybookRules } from '../../app/playbooks/set-playbook-rules.ts';
import { actorNames, nameOf } from '../../db/queries/actor-names.ts';
import { pageOfArray } from '../../db/queries/page.ts';
import { addDays } from '../../domain/calendar.ts';
import { instalmentReminderOf } from '../../domain/playbooks/playbook.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type AppEnv, type HttpDeps } from '../env.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { requireOwner } from '../roles.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';
import {
  ExportQuery,
  ImportResult,
  NameParams,
  Playbook,
  PlaybookChoice,
  PlaybookDetail,
  PlaybookListQuery,
  PlaybookQuery,
  PlaybookSummaryPage,
  Rules,
  RulesBody,
  SimulateBody,
  Simulation,
  toPlaybookChoice,
  toRules,
} from '../schemas/playbooks.ts';

const tags = ['Playbooks'];

/**
 * A document body (a playbook, the rules), read here rather than by the route so that every
 * problem comes back by its path in the document, as `arrears playbook import` prints them.
 */
function documentBody(schemaName: string, description: string) {
  const schema = { $ref: `#/components/schemas/${schemaName}` };
  return { required: true, description, content: { 'application/json': { schema }, 'application/yaml': { schema } } };
}

const yamlTypes = new Set(['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']);

async function readDocument(c: Context<AppEnv>): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const format: FileFormat | undefined = type === 'application/json' ? 'json' : yamlTypes.has(type) ? 'yaml' : undefined;
  if (!format) throw new AppError('invalid_input', 'send the document as JSON ("Content-Type: application/json") or YAML ("Content-Type: application/yaml")');
  return parseDataFile(await c.req.text(), 'the request body', format);
}

const invalidDocument = 'Invalid input (code invalid_input): `details.problems` lists each problem with its `path` in the document';

const list = createRoute({
  method: 'get',
  path: '/playbooks',
  tags,
  summary: 'List the playbooks: yours (the version in use) and the built-in ones',
  request: { query: PlaybookListQuery },
  responses: { 200: json(PlaybookSummaryPage, 'A page of playbooks, by name'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/playbooks/{name}',
  tags,
  summary: 'Get a playbook: the version in use, or ?version=',
  request: { params: NameParams, query: PlaybookQuery },
  responses: { 200: json(PlaybookDetail, 'The playbook'), ...problems(400, 401, 404) },
});

const create = createRoute({
  method: 'post',
  path: '/playbooks',
  tags,
  summary: 'Import a playbook as a new version of its name (owner only)',
  description:
    'The body is a playbook file, JSON or YAML. It is validated against your settings (templates, step order, tone ladder, legal steps…); 400 lists every problem by its path. A definition identical to the version in use stores nothing (200, status unchanged).',
  request: { body: documentBody('Playbook', 'the playbook, as in a playbook file') },
  responses: {
    201: json(ImportResult, 'Stored as a new version, now in use'),
    200: json(ImportResult, 'Identical to the version in use: nothing stored'),
    ...problems(401, 403, 409),
    400: { ...problems(400)[400]!, description: invalidDocument },
  },
});

const simulate = createRoute({
  method: 'post',
  path: '/playbooks/simulate',
  tags,
  summary: 'Simulate the cycle over the coming days, with an unsaved playbook if given',
  description:
    'Runs the daily cycle day by day on a copy of the data that is then discarded, assuming nobody responds and every message goes out on its day (as `arrears simulate`). With `playbook`, that definition is used as the new version of its name, so a change can be seen before it is saved; nothing is stored. The simulation holds the database while it runs: keep ranges short (≤ 90 days) on the embedded engine.',
  request: { body: jsonBody(SimulateBody) },
  responses: {
    200: json(Simulation, 'What each day would bring'),
    ...problems(401, 403),
    400: { ...problems(400)[400]!, description: invalidDocument },
  },
});

const exportFile = createRoute({
  method: 'get',
  path: '/playbooks/{name}/export',
  tags,
  summary: 'A playbook as a file, JSON or YAML, that POST /playbooks imports back',
  request: { params: NameParams, query: ExportQuery },
  responses: {
    200: {
      description: 'The playbook file (Content-Disposition names it, e.g. standard.v0.yaml)',
      content: { 'application/json': { schema: Playbook }, 'application/yaml': { schema: { type: 'string' as const } } },
    },
    ...problems(400, 401, 404),
  },
});

const getRules = createRoute({
  method: 'get',
  path: '/playbook-rules',
  tags,
  summary: 'The segment rules: which playbook each kind of customer follows (first match wins)',
  responses: { 200: json(Rules, 'The rules in use'), ...problems(401) },
});

const putRules = createRoute({
  method: 'put',
  path: '/playbook-rules',
  tags,
  summary: 'Replace the segment rules (owner only)',
  description: 'The whole list, in order. Each rule names a playbook you have. An empty list brings back the built-in rules.',
  request: { body: documentBody('PlaybookRulesInput', 'the rules, as in a rules file') },
  responses: { 200: json(Rules, 'The rules now in use'), ...problems(401, 403), 400: { ...problems(400)[400]!, description: invalidDocument } },
});

const choice = createRoute({
  method: 'get',
  path: '/customers/{id}/playbook',
  tags: ['Customers'],
  summary: 'Which playbook a customer follows, and why',
  request: { params: IdParams },
  responses: { 200: json(PlaybookChoice, 'The playbook and the reason'), ...problems(400, 401, 404) },
});

export function playbookRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const router = createRouter();
  // Documented for the PUT body, which is read by the handler rather than validated by the route.
  router.openAPIRegistry.register('PlaybookRulesInput', RulesBody);
  return router
    .openapi(list, async (c) => {
      const { limit, cursor } = c.req.valid('query');
      // A handful of playbooks, listed by name: the cursor is the position in that order.
      const numbered = (await listPlaybooks(db, c.get('principal').orgId)).map((summary, index) => ({ summary, position: BigInt(index + 1) }));
      const page = pageOfArray(numbered, (item) => item.position, pageRequest({ limit, cursor }));
      const names = await actorNames(db, c.get('principal').orgId, page.rows.map((item) => item.summary.createdBy));
      return sendJson(c, PlaybookSummaryPage, toPage(page, (item) => ({ ...item.summary, createdByName: nameOf(names, item.summary.createdBy) })), 200);
    })
    .openapi(get, async (c) => {
      const detail = await getPlaybook(db, c.get('principal').orgId, c.req.valid('param').name, c.req.valid('query').version);
      const { playbook, ...rest } = detail;
      const names = await actorNames(db, c.get('principal').orgId, [rest.createdBy]);
      const instalmentReminderInUse = { ...instalmentReminderOf(playbook), isDefault: playbook.instalmentReminder === undefined };
      return sendJson(c, PlaybookDetail, { ...rest, createdByName: nameOf(names, rest.createdBy), definition: playbook, instalmentReminderInUse }, 200);
    })
    .openapi(create, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'importing a playbook');
      const result = await importPlaybook(db, principal.orgId, await readDocument(c), actorOf(principal), instantNow(deps.now));
      return result.status === 'stored' ? sendJson(c, ImportResult, result, 201) : sendJson(c, ImportResult, result, 200);
    })
    .openapi(simulate, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const org = await requireOrg(db, principal.orgId);
      const from = body.from ?? orgToday(org, deps.now);
      let draft: { name: string; version: number } | null = null;
      const report = await simulateCycle(db, org, from, addDays(from, body.days - 1), {
        channelsOff: channelsOff(deps),
        // Stored inside the simulation's transaction, by the import's own validation, and discarded with it.
        before: async (tx) => {
          if (body.playbook === undefined) return;
          const stored = await importPlaybook(tx, org.id, body.playbook, actorOf(principal), instantNow(deps.now));
          draft = { name: stored.name, version: stored.version };
        },
      });
      return sendJson(c, Simulation, { from: report.from, to: report.to, playbook: draft, days: report.days }, 200);
    })
    .openapi(exportFile, async (c) => {
      const { format, version } = c.req.valid('query');
      const exported = await exportPlaybook(db, c.get('principal').orgId, c.req.valid('param').name, { format, version });
      const headers = { 'content-type': `${exported.contentType}; charset=utf-8`, 'content-disposition': `attachment; filename="${exported.fileName}"` };
      // The typed-response brand only says this matches the declared 200 (see respond.ts).
      return c.body(exported.text, 200, headers) as unknown as ReturnType<typeof sendJson<typeof Playbook, 200>>;
    })
    .openapi(getRules, async (c) => {
      const setup = await loadPlaybooks(db, c.get('principal').orgId);
      return sendJson(c, Rules, toRules({ source: setup.rulesSource, rules: setup.rules }, setup.settings.defaultPlaybook), 200);
    })
    .openapi(putRules, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'changing the segment rules');
      const set = await setPlaybookRules(db, principal.orgId, await readDocument(c), actorOf(principal), instantNow(deps.now));
      const { settings } = await loadPlaybooks(db, principal.orgId);
      return sendJson(c, Rules, toRules(set, settings.defaultPlaybook), 200);
    })
    .openapi(choice, async (c) => {
      const { orgId } = c.get('principal');
      const today = orgToday(await requireOrg(db, orgId), deps.now);
      return sendJson(c, PlaybookChoice, toPlaybookChoice(await explainPlaybookChoice(db, orgId, c.req.valid('param').id, today)), 200);
    });
}
