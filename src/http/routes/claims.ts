// POST /api/v1/customers/{id}/claim-pack: the small-claims pack as a PDF, or every reason it may not
// be made (422 claim_refused), by the same use case as `arrears claim-pack` (docs/hand-over.md).
// The owner's, like the small-claims decision and an agency placement: it prepares a court claim.
// A POST although nothing is stored: the claim is worked out to the day each time it is asked for.
import { createRoute, z } from '@hono/zod-openapi';
import { prepareClaimPack } from '../../app/claims/prepare-claim-pack.ts';
import type { HttpDeps } from '../env.ts';
import { orgToday, requireOrg } from '../org.ts';
import { requireOwner } from '../roles.ts';
import { createRouter } from '../router.ts';
import { IdParams, problems } from '../schemas/common.ts';

const claimPack = createRoute({
  method: 'post',
  path: '/customers/{id}/claim-pack',
  tags: ['Customers'],
  summary: 'Prepare the small-claims pack (PDF) for a customer’s overdue invoices (owners only; not legal advice)',
  description:
    'The court (England and Wales, or a US state in the table) follows the customer’s country and region. The pack holds the claim line by line (principal, charges applied and those the charge policy adds to the day), the court’s limit and fee for it from a dated table with its source, the letter before action and its service, the statement of account and a timeline summary. Nothing is stored. 422 claim_refused when it may not be made, with every reason in `details.reasons`: the limitation period has run, the claim is above the small-claims limit, an individual’s Letter of Claim has not had its 30 days, the jurisdiction has no court in the table, nothing is overdue, or the overdue invoices are in more than one currency.',
  request: { params: IdParams },
  responses: {
    200: {
      description: 'The pack; the headers X-Claim-Court (URL-encoded), X-Claim-Currency, X-Claim-Total and X-Claim-Fee (minor units) say what it claims',
      content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problems(400, 401, 403, 404, 422),
  },
});

export function claimRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter().openapi(claimPack, async (c) => {
    const principal = c.get('principal');
    requireOwner(principal, 'preparing a small-claims pack');
    const org = await requireOrg(db, principal.orgId);
    const today = orgToday(org, deps.now);
    const { id } = c.req.valid('param');
    const pack = await prepareClaimPack(db, org, { id }, today);
    return c.body(new Uint8Array(pack.pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="claim-pack-${id}-${today}.pdf"`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      'x-claim-court': encodeURIComponent(pack.court),
      'x-claim-currency': pack.currency,
      'x-claim-total': String(pack.total),
      'x-claim-fee': String(pack.fee),
    });
  });
}
