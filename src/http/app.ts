// The HTTP application: health, the versioned API (bearer API keys or the web app's session), its
// OpenAPI document, interactive docs, and the staff web app. Every /api/v1 route is scoped to the
// organisation of the caller's key or session.
import { createRoute, z } from '@hono/zod-openapi';
import { authenticate } from './auth.ts';
import { bodyLimit, defaultBodyLimits } from './body-limit.ts';
import { docsRoutes } from './docs.ts';
import { nulGuard } from './nul-guard.ts';
import type { HttpDeps } from './env.ts';
import { problemResponse, errorResponse } from './problem.ts';
import { createRouter } from './router.ts';
import { defaultWebDist, webAppHandler } from './web-app.ts';
import { sessionCookie } from './web-session.ts';
import { agingRoutes } from './routes/aging.ts';
import { contactRoutes } from './routes/contacts.ts';
import { creditNoteRoutes } from './routes/credit-notes.ts';
import { contactRuleRoutes } from './routes/contact-rules.ts';
import { customerRoutes } from './routes/customers.ts';
import { cycleRoutes } from './routes/cycle.ts';
import { disputeRoutes } from './routes/disputes.ts';
import { holdRoutes } from './routes/holds.ts';
import { importRoutes } from './routes/imports.ts';
import { invoiceRoutes } from './routes/invoices.ts';
import { kpiRoutes } from './routes/kpis.ts';
import { paymentRoutes } from './routes/payments.ts';
import { planRoutes } from './routes/plans.ts';
import { settlementRoutes } from './routes/settlements.ts';
import { placementRoutes } from './routes/placements.ts';
import { claimRoutes } from './routes/claims.ts';
import { writeOffRoutes } from './routes/write-offs.ts';
import { promiseRoutes } from './routes/promises.ts';
import { smsWebhookRoutes } from './routes/sms-webhook.ts';
import { playbookRoutes } from './routes/playbooks.ts';
import { communicationRoutes } from './routes/communications.ts';
import { outboxRoutes } from './routes/outbox.ts';
import { orgSettingsRoutes } from './routes/org-settings.ts';
import { templateRoutes } from './routes/templates.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { reviewPolicyRoutes } from './routes/review-policy.ts';
import { sessionRoutes } from './routes/session.ts';
import { userRoutes } from './routes/users.ts';
import { apiKeyRoutes } from './routes/api-keys.ts';
import { worklistRoutes } from './routes/worklist.ts';
import { chargeRoutes } from './routes/charges.ts';
import { json } from './schemas/common.ts';

export type { HttpDeps } from './env.ts';

const health = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Health'],
  summary: 'Is the server up?',
  description:
    'Answers without asking the database: a long import or report holding the embedded database must not make the server look down. A database that is down shows in every other route (503 database_unavailable).',
  security: [],
  responses: {
    200: json(z.object({ status: z.literal('ok'), engine: z.enum(['pglite', 'postgres']) }), 'Up'),
  },
});

export function createHttpApp(deps: HttpDeps) {
  const app = createRouter();
  app.onError((error, c) => {
    // A body cut off at its limit surfaces wherever it was read (as bad JSON, a failed import …).
    const response = errorResponse(c, c.get('bodyTooLarge') ?? error);
    if (response.status >= 500) deps.logger.error({ err: error, path: c.req.path }, 'request failed');
    return response;
  });
  app.notFound((c) => problemResponse(c, 'not_found', `no route for ${c.req.method} ${c.req.path}; the routes are listed at /api/docs`));

  app.use('*', bodyLimit({ ...defaultBodyLimits, ...deps.bodyLimits }));

  app.openapi(health, (c) => c.json({ status: 'ok' as const, engine: deps.database.engine }, 200));

  // Outside /api/v1 and its API keys: the SMS provider proves itself with a signature instead.
  app.route('/', smsWebhookRoutes(deps));

  app.use('/api/v1/*', authenticate(deps));
  app.use('/api/v1/*', nulGuard());
  for (const routes of [
    customerRoutes,
    contactRoutes,
    invoiceRoutes,
    paymentRoutes,
    creditNoteRoutes,
    agingRoutes,
    kpiRoutes,
    importRoutes,
    holdRoutes,
    disputeRoutes,
    promiseRoutes,
    planRoutes,
    writeOffRoutes,
    settlementRoutes,
    playbookRoutes,
    cycleRoutes,
    contactRuleRoutes,
    communicationRoutes,
    outboxRoutes,
    orgSettingsRoutes,
    reviewRoutes,
    reviewPolicyRoutes,
    sessionRoutes,
    userRoutes,
    apiKeyRoutes,
    worklistRoutes,
    templateRoutes,
    placementRoutes,
    claimRoutes,
    chargeRoutes,
  ]) {
    app.route('/api/v1', routes(deps));
  }

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key of your organisation: `Authorization: Bearer arr_…`',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: sessionCookie,
    description: 'The web app’s session, set by POST /api/v1/session. Changes made with it must carry an Origin (or Referer) of this host.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Arrears API',
      version: '1',
      description:
        'Accounts-receivable collections. Amounts are integers in minor units with an ISO 4217 currency code; dates are YYYY-MM-DD; ids are strings of digits. Lists are paginated with `limit` and `cursor`. Errors are application/problem+json with a stable `code`.',
    },
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
  });
  app.route('/', docsRoutes());
  // Last: every other page path is the web app's (its router draws the page).
  const webApp = webAppHandler(deps.webDist ?? defaultWebDist());
  app.on(['GET', 'HEAD'], '*', webApp);
  return app;
}
