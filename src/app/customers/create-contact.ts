// Adds a contact (a person or address) to a customer of the organisation.
import type { Executor } from '../../db/executor.ts';
import type { Contact } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

/** What a user sets on a contact. Each address carries where it came from (`…Source`). */
export interface ContactFields {
  name: string | null;
  role: 'billing' | 'primary' | 'other';
  email: string | null;
  emailSource: string | null;
  phone: string | null;
  phoneSource: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  addressLine3: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  addressSource: string | null;
  optOut: Partial<Record<'email' | 'sms' | 'phone' | 'letter', boolean>>;
}

export type CreateContactInput = { customerId: bigint } & Partial<ContactFields>;

export async function createContact(db: Executor, orgId: bigint, input: CreateContactInput): Promise<Contact> {
  const customer = await db.selectFrom('customers').select('id').where('org_id', '=', orgId).where('id', '=', input.customerId).executeTakeFirst();
  if (!customer) throw new AppError('not_found', `there is no customer ${input.customerId}`);
  return db
    .insertInto('contacts')
    .values({
      org_id: orgId,
      customer_id: input.customerId,
      ...contactColumns(input),
      import_key: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Column values for the fields present in `input` (undefined = leave as is). An address given
 * without its source is recorded as coming from the API, so every address says where it came from;
 * an address removed loses its source with it.
 */
export function contactColumns(input: Partial<ContactFields>) {
  const sourced = (value: string | null | undefined, source: string | null | undefined) => {
    if (source !== undefined) return source;
    if (value === undefined) return undefined;
    return value === null ? null : 'api';
  };
  const addressGiven = [input.addressLine1, input.addressLine2, input.addressLine3, input.city, input.region, input.postalCode, input.country].find(
    (v) => v !== undefined && v !== null,
  );
  return {
    name: input.name,
    role: input.role,
    email: input.email,
    email_source: sourced(input.email, input.emailSource),
    phone: input.phone,
    phone_source: sourced(input.phone, input.phoneSource),
    address_line1: input.addressLine1,
    address_line2: input.addressLine2,
    address_line3: input.addressLine3,
    city: input.city,
    region: input.region,
    postal_code: input.postalCode,
    country: input.country,
    address_source: sourced(addressGiven, input.addressSource),
    opt_out_email: input.optOut?.email,
    opt_out_sms: input.optOut?.sms,
    opt_out_phone: input.optOut?.phone,
    opt_out_letter: input.optOut?.letter,
  };
}
