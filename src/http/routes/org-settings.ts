// /api/v1/org/settings: what the caller's organisation puts on every message — sender, letterhead
// and its payment instructions — read by anyone, changed by an owner.
import { createRoute } from '@hono/zod-openapi';
import { setOrgLetterhead } from '../../app/orgs/set-org-letterhead.ts';
import type { HttpDeps } from '../env.ts';
import { requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { requireOwner } from '../roles.ts';
import { createRouter } from '../router.ts';
import { json, jsonBody, problems } from '../schemas/common.ts';
import { OrgSettings, UpdateOrgSettings, toOrgSettings } from '../schemas/org-settings.ts';

const tags = ['Organisation'];

const get = createRoute({
  method: 'get',
  path: '/org/settings',
  tags,
  summary: "The organisation's message settings",
  responses: { 200: json(OrgSettings, 'Sender, letterhead and payment instructions'), ...problems(401) },
});

const update = createRoute({
  method: 'patch',
  path: '/org/settings',
  tags,
  summary: "Change the organisation's message settings",
  description: 'Only the fields given change. The payment instructions are printed in every email and letter that asks for payment, from the next send; empty or null removes them (messages then point to the payment details on the invoice).',
  request: { body: jsonBody(UpdateOrgSettings) },
  responses: { 200: json(OrgSettings, 'The settings now'), ...problems(400, 401, 403) },
});

export function orgSettingsRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(get, async (c) => sendJson(c, OrgSettings, toOrgSettings(await requireOrg(db, c.get('principal').orgId)), 200))
    .openapi(update, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, "changing the organisation's settings");
      const org = await setOrgLetterhead(db, await requireOrg(db, principal.orgId), c.req.valid('json'));
      return sendJson(c, OrgSettings, toOrgSettings(org), 200);
    });
}
