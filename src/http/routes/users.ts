// /api/v1/users and /api/v1/invites: who can sign in to the organisation. Anyone reads the list;
// only an owner invites, changes roles and deactivates. Accepting an invitation is public: the
// link's token is the proof, and the new user is signed in.
import { createRoute } from '@hono/zod-openapi';
import { randomBytes } from 'node:crypto';
import { acceptInvite } from '../../app/access/accept-invite.ts';
import { changeUserAccess } from '../../app/access/change-user-access.ts';
import { inviteUser, revokeInvite } from '../../app/access/invite-user.ts';
import { sendInviteEmail } from '../../app/access/send-invite-email.ts';
import { defaultSessionPolicy } from '../../app/access/session-policy.ts';
import { findInvite, findUser, listPendingInvites, listUsers } from '../../db/queries/users.ts';
import type { HttpDeps } from '../env.ts';
import { requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { requireOwner } from '../roles.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { PageQuery, pageRequest, toPage } from '../schemas/pagination.ts';
import { WhoAmI, toWhoAmI } from '../schemas/session.ts';
import { AcceptInvite, CreateInvite, CreatedInvite, Invite, InvitePage, UpdateUser, User, UserPage, toInvite, toUser } from '../schemas/users.ts';
import { publicOrigin, setSessionCookie } from '../web-session.ts';

const tags = ['Users'];

const list = createRoute({ method: 'get', path: '/users', tags, summary: 'List the users of the organisation', request: { query: PageQuery }, responses: { 200: json(UserPage, 'A page of users, by id'), ...problems(400, 401) } });

const update = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags,
  summary: "Change a user's role, deactivate or reactivate them (owners only)",
  description: 'Deactivating ends every session of the user at once. The organisation always keeps one active owner.',
  request: { params: IdParams, body: jsonBody(UpdateUser) },
  responses: { 200: json(User, 'The user now'), ...problems(400, 401, 403, 404, 409) },
});

const invites = createRoute({ method: 'get', path: '/invites', tags, summary: 'List pending invitations', request: { query: PageQuery }, responses: { 200: json(InvitePage, 'Invitations neither accepted nor withdrawn, by id'), ...problems(400, 401) } });

const invite = createRoute({
  method: 'post',
  path: '/invites',
  tags,
  summary: 'Invite a person by email with a role (owners only)',
  description: 'Answers the invitation link once (valid 7 days; only its hash is kept) and emails it when an SMTP server is set. A new invitation to the same address replaces the previous one.',
  request: { body: jsonBody(CreateInvite) },
  responses: { 201: json(CreatedInvite, 'Invited'), ...problems(400, 401, 403, 409) },
});

const revoke = createRoute({ method: 'post', path: '/invites/{id}/revoke', tags, summary: 'Withdraw a pending invitation (owners only)', request: { params: IdParams }, responses: { 200: json(Invite, 'Withdrawn'), ...problems(400, 401, 403, 404) } });

const accept = createRoute({
  method: 'post',
  path: '/invites/accept',
  tags,
  summary: 'Accept an invitation: choose a name and password, and be signed in',
  description: 'Public: the token from the link is the proof. Sets the session cookie as POST /api/v1/session does.',
  security: [],
  request: { body: jsonBody(AcceptInvite) },
  responses: { 200: json(WhoAmI, 'Signed in as the new user'), ...problems(400, 404, 409) },
});

export function userRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const policy = deps.sessions ?? defaultSessionPolicy;
  return createRouter()
    .openapi(list, async (c) => {
      const page = await listUsers(db, c.get('principal').orgId, pageRequest(c.req.valid('query')));
      return sendJson(c, UserPage, toPage(page, toUser), 200);
    })
    .openapi(update, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'changing users');
      const user = await changeUserAccess(db, { orgId: principal.orgId, userId: c.req.valid('param').id, ...c.req.valid('json'), now: deps.now() });
      return sendJson(c, User, toUser(user), 200);
    })
    .openapi(invites, async (c) => {
      const page = await listPendingInvites(db, c.get('principal').orgId, pageRequest(c.req.valid('query')));
      return sendJson(c, InvitePage, toPage(page, (row) => toInvite(row, deps.now())), 200);
    })
    .openapi(invite, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'inviting users');
      const org = await requireOrg(db, principal.orgId);
      const body = c.req.valid('json');
      const now = deps.now();
      const created = await inviteUser(db, { orgId: org.id, email: body.email, role: body.role, invitedBy: principal.via === 'session' ? principal.userId : null, now });
      const link = `${publicOrigin(c, deps.trustProxy ?? false)}/invite#token=${created.token}`;
      const domain = org.sender_email?.split('@')[1] ?? 'arrears.invalid';
      const mail = await sendInviteEmail(() => deps.orgMail?.(org) ?? null, org, { email: created.invite.email, role: created.invite.role, expiresAt: created.invite.expires_at, link }, `<invite.${created.invite.id}.${randomBytes(6).toString('hex')}@${domain}>`);
      return sendJson(c, CreatedInvite, { ...toInvite(created.invite, now), link, emailed: mail.emailed, notEmailedBecause: mail.emailed ? null : mail.why }, 201);
    })
    .openapi(revoke, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'withdrawing invitations');
      const id = c.req.valid('param').id;
      await revokeInvite(db, principal.orgId, id, deps.now());
      return sendJson(c, Invite, toInvite((await findInvite(db, principal.orgId, id))!, deps.now()), 200);
    })
    .openapi(accept, async (c) => {
      const body = c.req.valid('json');
      const opened = await acceptInvite(db, { ...body, now: deps.now(), policy, userAgent: c.req.header('user-agent') ?? null });
      setSessionCookie(c, opened.token, policy);
      const org = await requireOrg(db, opened.principal.orgId);
      const user = (await findUser(db, org.id, opened.principal.userId))!;
      return sendJson(c, WhoAmI, toWhoAmI(opened.principal, org, user), 200);
    });
}
