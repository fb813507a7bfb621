// /api/v1/customers/{id}/contact-check and /contact-flags: may a customer be contacted now, and
// the facts that limit contact (the contact rules read them on every cycle and every check).
import { createRoute } from '@hono/zod-openapi';
import { checkContact } from '../../app/collection/check-contact.ts';
import { setContactFlags } from '../../app/collection/set-contact-flags.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, requireOrg } from '../org.ts';
import { requireOwner } from '../roles.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { ContactCheck, ContactCheckQuery, ContactFlags, ContactFlagsChange, ContactOverrideRequest, toContactFlags } from '../schemas/contact-rules.ts';

const tags = ['Contact rules'];

const check = createRoute({
  method: 'get',
  path: '/customers/{id}/contact-check',
  tags,
  summary: 'May this customer be contacted now by this channel?',
  description:
    'Runs the contact rules that apply to the customer (one message a day, contact hours, frequency caps, cease requests, flags, limitation periods…) on a contact made now. The answer is `now`, `later` with the time it becomes allowed, or `blocked` with the rule and why.',
  request: { params: IdParams, query: ContactCheckQuery },
  responses: { 200: json(ContactCheck, 'The answer, and the rules that apply'), ...problems(400, 401, 404) },
});

const flags = createRoute({
  method: 'patch',
  path: '/customers/{id}/contact-flags',
  tags,
  summary: 'Record what limits contact with a customer',
  description: 'A cease request, representation by a lawyer, bankruptcy, a UK breathing space, stated inconvenient times. Each change goes on the customer’s timeline with the reason.',
  request: { params: IdParams, body: jsonBody(ContactFlagsChange) },
  responses: { 200: json(ContactFlags, 'The customer’s contact flags now'), ...problems(400, 401, 403, 404) },
});

const override = createRoute({
  method: 'post',
  path: '/customers/{id}/contact-override',
  tags,
  summary: 'Check a contact with one organisation-chosen rule set aside (owners only)',
  description:
    'Only rules the organisation chose (no contact at weekends or on public holidays) can be set aside, for one contact, by an owner; the override goes on the customer’s timeline with who and why. A rule of law or of Arrears policy is refused (403).',
  request: { params: IdParams, body: jsonBody(ContactOverrideRequest) },
  responses: { 200: json(ContactCheck, 'The answer without that rule'), ...problems(400, 401, 403, 404) },
});

export function contactRuleRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(check, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const answer = await checkContact(db, org, c.req.valid('param').id, c.req.valid('query').channel, instantNow(deps.now));
      return sendJson(c, ContactCheck, answer, 200);
    })
    .openapi(override, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'overriding a contact rule');
      const org = await requireOrg(db, principal.orgId);
      const { channel, rule, reason } = c.req.valid('json');
      const answer = await checkContact(db, org, c.req.valid('param').id, channel, instantNow(deps.now), { rule, reason, actor: actorOf(principal) });
      return sendJson(c, ContactCheck, answer, 200);
    })
    .openapi(flags, async (c) => {
      const principal = c.get('principal');
      const { reason, ...change } = c.req.valid('json');
      const customer = await setContactFlags(db, principal.orgId, c.req.valid('param').id, change, reason, actorOf(principal), instantNow(deps.now));
      return sendJson(c, ContactFlags, toContactFlags(customer), 200);
    });
}
