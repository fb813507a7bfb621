// /api/v1/org/settings: what the caller's organisation puts on every message — sender, letterhead,
// its payment instructions and the SMTP server it sends by — read by anyone, changed by an owner,
// who can send themselves a test email through it.
import { createRoute } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { sendTestEmail } from '../../app/orgs/send-test-email.ts';
import { setOrgLetterhead } from '../../app/orgs/set-org-letterhead.ts';
import { findUser } from '../../db/queries/users.ts';
import { AppError } from '../../errors.ts';
import type { HttpDeps } from '../env.ts';
import { requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { requireOwner } from '../roles.ts';
import { createRouter } from '../router.ts';
import { json, jsonBody, problems } from '../schemas/common.ts';
import { OrgSettings, TestEmailResult, UpdateOrgSettings, toOrgSettings, toTestEmailResult } from '../schemas/org-settings.ts';

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

const testEmail = createRoute({
  method: 'post',
  path: '/org/settings/test-email',
  tags,
  summary: 'Send a test email to yourself through the organisation’s SMTP settings (owners, signed in)',
  description: 'Sends one short email from the sender address, through the organisation’s own SMTP server or the installation’s SMTP_URL, to the signed-in user’s address, and answers what happened: accepted (with the server’s reply) or not (the server’s error, or what is missing). An API key has no address to send to: sign in.',
  responses: { 200: json(TestEmailResult, 'Sent, or why not'), ...problems(400, 401, 403) },
});

export function orgSettingsRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(get, async (c) => sendJson(c, OrgSettings, toOrgSettings(await requireOrg(db, c.get('principal').orgId)), 200))
    .openapi(update, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, "changing the organisation's settings");
      const org = await setOrgLetterhead(db, await requireOrg(db, principal.orgId), c.req.valid('json'), { secretKey: deps.secretKey ?? null, now: deps.now().toISOString() });
      return sendJson(c, OrgSettings, toOrgSettings(org), 200);
    })
    .openapi(testEmail, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'sending a test email');
      if (principal.via !== 'session') throw new AppError('invalid_input', 'an API key has no email address to send a test email to: sign in to the web app and send it from the settings page');
      const org = await requireOrg(db, principal.orgId);
      const user = (await findUser(db, org.id, principal.userId))!;
      const domain = org.sender_email?.split('@')[1] ?? 'arrears.invalid';
      const result = await sendTestEmail(() => deps.orgMail?.(org) ?? null, org, user.email, `<test.${randomBytes(9).toString('hex')}@${domain}>`);
      return sendJson(c, TestEmailResult, toTestEmailResult(result), 200);
    });
}
