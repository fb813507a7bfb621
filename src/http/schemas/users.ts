// Users of the organisation, invitations, and API keys, as the settings screen shows them.
import { z } from '@hono/zod-openapi';
import { passwordMaxLength } from '../../app/access/password-rules.ts';
import type { ApiKeyRow } from '../../db/queries/api-keys.ts';
import type { InviteRow, UserRow } from '../../db/queries/users.ts';
import { Id, Text, Timestamp } from './common.ts';
import { pageOf } from './pagination.ts';
import { RoleName } from './session.ts';

export const User = z
  .object({ id: Id, email: z.string(), name: z.string().nullable(), role: RoleName, active: z.boolean(), createdAt: Timestamp, deactivatedAt: Timestamp.nullable() })
  .openapi('User');
export const UserPage = pageOf(User, 'UserPage');

export const UpdateUser = z
  .strictObject({
    role: RoleName.optional(),
    active: z.boolean().optional().openapi({ description: 'false deactivates the user: they cannot sign in and their sessions end at once; true brings them back' }),
  })
  .openapi('UpdateUser');

export const Invite = z
  .object({
    id: Id,
    email: z.string(),
    role: RoleName,
    createdAt: Timestamp,
    expiresAt: Timestamp,
    expired: z.boolean(),
  })
  .openapi('Invite');
export const InvitePage = pageOf(Invite, 'InvitePage');

export const CreateInvite = z
  .strictObject({ email: z.string().trim().email('must be an email address').max(320), role: RoleName })
  .openapi('CreateInvite');

export const CreatedInvite = Invite.extend({
  link: z.string().openapi({ description: 'shown once: the link to pass on (the token is after #, so it never reaches a server log)', example: 'https://arrears.example/invite#token=…' }),
  emailed: z.boolean().openapi({ description: 'whether the link was emailed to the person (when an SMTP server is set)' }),
  notEmailedBecause: z.string().nullable(),
}).openapi('CreatedInvite');

export const AcceptInvite = z
  .strictObject({
    token: z.string().min(20).max(200).openapi({ description: 'the token from the invitation link (after #token=)' }),
    name: Text(200),
    password: z.string().max(passwordMaxLength).openapi({ description: 'at least 10 characters' }),
  })
  .openapi('AcceptInvite');

export const ApiKey = z
  .object({
    id: Id,
    name: z.string(),
    role: RoleName,
    prefix: z.string().openapi({ description: 'the 12 hex digits after arr_, which identify the key' }),
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable().openapi({ description: 'recorded to the minute' }),
    revokedAt: Timestamp.nullable(),
  })
  .openapi('ApiKey');
export const ApiKeyPage = pageOf(ApiKey, 'ApiKeyPage');

export const CreateApiKey = z.strictObject({ name: Text(200).openapi({ example: 'accounting sync' }), role: RoleName }).openapi('CreateApiKey');
export const CreatedApiKey = ApiKey.extend({ key: z.string().openapi({ description: 'shown once: keep it now; only its hash is stored' }) }).openapi('CreatedApiKey');

export function toUser(row: UserRow): z.input<typeof User> {
  return { id: row.id.toString(), email: row.email, name: row.name, role: row.role, active: row.deactivated_at === null, createdAt: row.created_at, deactivatedAt: row.deactivated_at };
}

export function toInvite(row: InviteRow, now: Date): z.input<typeof Invite> {
  return { id: row.id.toString(), email: row.email, role: row.role, createdAt: row.created_at, expiresAt: row.expires_at, expired: Date.parse(row.expires_at) <= now.getTime() };
}

export function toApiKey(row: ApiKeyRow): z.input<typeof ApiKey> {
  return { id: row.id.toString(), name: row.name, role: row.role, prefix: row.key_prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}
