// The web app's session: signing in, who is signed in, changing one's password.
import { z } from '@hono/zod-openapi';
import { passwordMaxLength } from '../../app/access/password-rules.ts';
import type { Principal } from '../../app/access/principal.ts';
import type { Org, Role } from '../../db/schema.ts';
import { Id } from './common.ts';

export const RoleName = z.enum(['owner', 'collector', 'viewer']).openapi({ description: 'viewer: reads; collector: also works the customers and the worklist; owner: also playbooks, charges, users and settings' });

export const SignIn = z
  .strictObject({
    email: z.string().trim().min(1).max(320).openapi({ example: 'owner@example.com' }),
    password: z.string().min(1).max(passwordMaxLength),
    org: z.string().min(1).max(63).optional().openapi({ description: 'the organisation’s slug; needed only when this email and password open several organisations (answered 400 org_required, listing them in details.orgs)' }),
  })
  .openapi('SignIn');

export const ChangePassword = z
  .strictObject({
    currentPassword: z.string().min(1).max(passwordMaxLength),
    newPassword: z.string().max(passwordMaxLength).openapi({ description: 'at least 10 characters' }),
  })
  .openapi('ChangePassword');

export const WhoAmI = z
  .object({
    via: z.enum(['session', 'api_key']).openapi({ description: 'session: signed in to the web app (cookie); api_key: a bearer key' }),
    user: z.object({ id: Id, email: z.string(), name: z.string().nullable(), role: RoleName }).nullable().openapi({ description: 'null for an API key' }),
    role: RoleName.openapi({ description: 'the caller’s role (the user’s, or the API key’s)' }),
    org: z.object({
      name: z.string(),
      slug: z.string(),
      currency: z.string().openapi({ description: 'the organisation’s default currency' }),
      timeZone: z.string(),
      country: z.string().nullable(),
      locale: z.string().openapi({ description: 'BCP 47 locale to format amounts and dates in, e.g. en-GB', example: 'en-GB' }),
    }),
  })
  .openapi('WhoAmI');

/** The locale amounts and dates are shown in: the organisation's setting, else English as written in its country. */
export function orgLocale(org: Pick<Org, 'country' | 'settings'>): string {
  const set = org.settings?.locale;
  if (typeof set === 'string' && set) return set;
  return org.country ? `en-${org.country}` : 'en';
}

export function toWhoAmI(principal: Principal, org: Org, user: { id: bigint; email: string; name: string | null; role: Role } | null): z.input<typeof WhoAmI> {
  return {
    via: principal.via,
    user: user && { id: user.id.toString(), email: user.email, name: user.name, role: user.role },
    role: user?.role ?? principal.role,
    org: { name: org.name, slug: org.slug, currency: org.default_currency, timeZone: org.time_zone, country: org.country, locale: orgLocale(org) },
  };
}
