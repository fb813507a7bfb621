// /api/v1/charge-policy and /api/v1/reference-rates: what late charges the organisation applies,
// and the reference rates its statutory interest is worked out from. Anyone reads them; only an
// owner changes them (they change what every customer is charged).
import { createRoute } from '@hono/zod-openapi';
import { addReferenceRate } from '../../app/charges/add-reference-rate.ts';
import { listReferenceRates } from '../../app/charges/list-reference-rates.ts';
import { setOrgChargePolicy } from '../../app/charges/set-charge-policy.ts';
import { showChargePolicy } from '../../app/charges/show-charge-policy.ts';
import type { HttpDeps } from '../env.ts';
import { sendJson } from '../respond.ts';
import { requireOwner } from '../roles.ts';
import { createRouter } from '../router.ts';
import { AddedReferenceRate, ChargePolicy, ChargePolicySet, NewReferenceRate, OrgChargePolicy, ReferenceRateList, ReferenceRateQuery, toChargePolicySet, toOrgChargePolicy, toReferenceRate } from '../schemas/charges.ts';
import { json, jsonBody, problems } from '../schemas/common.ts';

const tags = ['Charges'];

const getPolicy = createRoute({ method: 'get', path: '/charge-policy', tags, summary: "The organisation's charge policy", responses: { 200: json(OrgChargePolicy, 'The policy in force'), ...problems(401) } });

const setPolicy = createRoute({
  method: 'put',
  path: '/charge-policy',
  tags,
  summary: "Set the organisation's charge policy (owners only)",
  description: 'Applies from the next playbook step that applies charges; charges already added stay. A customer’s own policy (set with `arrears charges policy set --customer`) still overrides it.',
  request: { body: jsonBody(ChargePolicy) },
  responses: { 200: json(ChargePolicySet, 'The policy now, and what to know about it'), ...problems(400, 401, 403) },
});

const listRates = createRoute({
  method: 'get',
  path: '/reference-rates',
  tags,
  summary: 'The reference rates in use: the shipped table with the organisation’s own rows over it',
  request: { query: ReferenceRateQuery },
  responses: { 200: json(ReferenceRateList, 'Every rate, by scheme and date'), ...problems(400, 401) },
});

const addRate = createRoute({
  method: 'post',
  path: '/reference-rates',
  tags,
  summary: 'Add a reference rate for a half-year (owners only)',
  description: 'It wins over a shipped row for the same scheme and half-year. A row the organisation already has for it is refused (409) unless `replace` is true.',
  request: { body: jsonBody(NewReferenceRate) },
  responses: { 201: json(AddedReferenceRate, 'Added'), ...problems(400, 401, 403, 409) },
});

export function chargeRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(getPolicy, async (c) => sendJson(c, OrgChargePolicy, toOrgChargePolicy((await showChargePolicy(db, c.get('principal').orgId)).organisation), 200))
    .openapi(setPolicy, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'changing the charge policy');
      return sendJson(c, ChargePolicySet, toChargePolicySet(await setOrgChargePolicy(db, principal.orgId, c.req.valid('json'))), 200);
    })
    .openapi(listRates, async (c) => {
      const rates = await listReferenceRates(db, c.get('principal').orgId, c.req.valid('query').scheme);
      return sendJson(c, ReferenceRateList, { data: rates.map(toReferenceRate) }, 200);
    })
    .openapi(addRate, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'adding reference rates');
      const added = await addReferenceRate(db, principal.orgId, c.req.valid('json'));
      return sendJson(c, AddedReferenceRate, { rate: toReferenceRate(added.rate), overrides: added.overrides ? toReferenceRate(added.overrides) : null }, 201);
    });
}
