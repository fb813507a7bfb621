// Creates an organisation with its owner and a first API key. The password and the key are
// returned once, for the caller to show; only their hashes are stored.
import type { Executor } from '../../db/executor.ts';
import type { Org, Role } from '../../db/schema.ts';
import { isCurrencyCode } from '../../domain/currencies.ts';
import { isTimeZone } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';
import { generateApiKey, generatePassword, hashPassword } from '../access/credentials.ts';

export interface CreateOrgInput {
  name: string;
  slug?: string;
  currency: string;
  timeZone: string;
  country?: string;
  ownerEmail: string;
}

export interface CreatedOrg {
  org: Org;
  ownerEmail: string;
  ownerPassword: string;
  apiKey: string;
}

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return slug || 'org';
}

export async function createOrg(db: Executor, input: CreateOrgInput): Promise<CreatedOrg> {
  if (!isCurrencyCode(input.currency)) throw new AppError('invalid_input', `"${input.currency}" is not an ISO 4217 currency code`);
  if (!isTimeZone(input.timeZone)) throw new AppError('invalid_input', `"${input.timeZone}" is not an IANA time zone (e.g. Europe/London)`);
  const slug = input.slug ?? slugify(input.name);
  const taken = await db.selectFrom('orgs').select('id').where('slug', '=', slug).executeTakeFirst();
  if (taken) throw new AppError('conflict', `an organisation with the slug "${slug}" exists; choose another slug`);
  const org = await db
    .insertInto('orgs')
    .values({
      slug,
      name: input.name,
      default_currency: input.currency,
      time_zone: input.timeZone,
      country: input.country ?? null,
      region: null,
      sender_name: input.name,
      // the owner's address until the organisation sets its billing address: its own, never ours
      sender_email: input.ownerEmail,
      settings: '{}',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const ownerPassword = generatePassword();
  await db
    .insertInto('users')
    .values({ org_id: org.id, email: input.ownerEmail, name: 'Owner', role: 'owner', password_hash: await hashPassword(ownerPassword) })
    .execute();
  const apiKey = await createApiKey(db, org.id, 'first key', 'owner');
  return { org, ownerEmail: input.ownerEmail, ownerPassword, apiKey };
}

export async function createApiKey(db: Executor, orgId: bigint, name: string, role: Role): Promise<string> {
  const { key, prefix, hash } = generateApiKey();
  await db.insertInto('api_keys').values({ org_id: orgId, name, role, key_prefix: prefix, key_hash: hash }).execute();
  return key;
}
