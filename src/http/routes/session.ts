// /api/v1/session: the web app signs in (email + password → an HttpOnly session cookie), asks
// who is signed in, signs out (the session ends on the server), and changes the user's password.
import { createRoute, z } from '@hono/zod-openapi';
import { changePassword } from '../../app/access/change-password.ts';
import { defaultSessionPolicy } from '../../app/access/session-policy.ts';
import { signIn } from '../../app/access/sign-in.ts';
import { endSession } from '../../db/queries/sessions.ts';
import { AppError } from '../../errors.ts';
import type { AppEnv, HttpDeps } from '../env.ts';
import { requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { json, jsonBody, problems } from '../schemas/common.ts';
import { ChangePassword, SignIn, WhoAmI, toWhoAmI } from '../schemas/session.ts';
import { clearSessionCookie, clientAddress, requireSameOrigin, sessionCookie, setSessionCookie } from '../web-session.ts';
import type { Context } from 'hono';

const tags = ['Session'];
const cookieNote = `Sets the \`${sessionCookie}\` cookie (HttpOnly, SameSite=Lax, Secure over HTTPS). With it, every /api/v1 route works as with an API key of the user's role; a change (POST, PUT, PATCH, DELETE) must then carry an Origin (or Referer) of this same host, or it is refused with 403.`;

const signInRoute = createRoute({
  method: 'post',
  path: '/session',
  tags,
  summary: 'Sign in to the web app',
  description: `Email and password of a user of the organisation. ${cookieNote} After 5 failed attempts for one email, or 20 from one address, within 15 minutes, sign-in is refused with 429 until the window passes.`,
  security: [],
  request: { body: jsonBody(SignIn) },
  responses: { 200: json(WhoAmI, 'Signed in; the cookie is set'), ...problems(400, 401, 403, 429) },
});

const whoAmIRoute = createRoute({
  method: 'get',
  path: '/session',
  tags,
  summary: 'Who is signed in',
  description: 'The user (null for an API key), their role, and the organisation with what amounts and dates are shown in.',
  responses: { 200: json(WhoAmI, 'The caller'), ...problems(401) },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/session',
  tags,
  summary: 'Sign out',
  description: 'Ends this session on the server (the cookie no longer opens anything, even if kept) and clears the cookie.',
  responses: { 204: { description: 'Signed out' }, ...problems(400, 401, 403) },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/session/password',
  tags,
  summary: 'Change your own password',
  description: 'The current password is required. Every other session of yours ends; this one stays.',
  request: { body: jsonBody(ChangePassword) },
  responses: { 200: json(z.object({ endedSessions: z.int() }).openapi('PasswordChanged'), 'Changed'), ...problems(400, 401, 403) },
});

function requireSession(c: Context<AppEnv>, what: string) {
  const principal = c.get('principal');
  if (principal.via !== 'session') throw new AppError('invalid_input', `${what} is for a person signed in to the web app; an API key has no session or password (revoke a key instead)`);
  return principal;
}

export function sessionRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const policy = deps.sessions ?? defaultSessionPolicy;
  const whoAmI = async (principal: AppEnv['Variables']['principal']) => {
    const org = await requireOrg(db, principal.orgId);
    const user =
      principal.via === 'session'
        ? await db.selectFrom('users').select(['id', 'email', 'name', 'role']).where('org_id', '=', principal.orgId).where('id', '=', principal.userId).executeTakeFirstOrThrow()
        : null;
    return toWhoAmI(principal, org, user);
  };
  return createRouter()
    .openapi(signInRoute, async (c) => {
      // Login CSRF: a browser posting from another site's page carries its Origin; refuse it.
      if (c.req.header('origin') !== undefined) requireSameOrigin(c, deps.trustProxy ?? false);
      const body = c.req.valid('json');
      const opened = await signIn(db, {
        ...body,
        address: clientAddress(c, deps.trustProxy ?? false),
        userAgent: c.req.header('user-agent') ?? null,
        now: deps.now(),
        policy,
      });
      setSessionCookie(c, opened.token, policy);
      return sendJson(c, WhoAmI, await whoAmI(opened.principal), 200);
    })
    .openapi(whoAmIRoute, async (c) => sendJson(c, WhoAmI, await whoAmI(c.get('principal')), 200))
    .openapi(signOutRoute, async (c) => {
      const principal = requireSession(c, 'signing out');
      await endSession(db, principal.orgId, principal.sessionId, 'signed out', deps.now().toISOString());
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .openapi(passwordRoute, async (c) => {
      const principal = requireSession(c, 'changing a password');
      const body = c.req.valid('json');
      const result = await changePassword(db, { orgId: principal.orgId, userId: principal.userId, sessionId: principal.sessionId, ...body, now: deps.now() });
      return sendJson(c, z.object({ endedSessions: z.int() }), result, 200);
    });
}
