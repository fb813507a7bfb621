// The contact contract: people and addresses at a customer, where each address came from, and
// the channels the person has opted out of.
import { z } from '@hono/zod-openapi';
import type { Contact as ContactRow } from '../../db/schema.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { Country, Id, IdInput, Text, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

const Role = z.enum(['billing', 'primary', 'other']);
const Source = Text(60).openapi({ description: 'where the address came from, e.g. api, import, debtor, invoice' });
const Channels = ['email', 'sms', 'phone', 'letter'] as const;

export const Contact = z
  .object({
    id: Id,
    customerId: Id,
    name: z.string().nullable(),
    role: Role,
    email: z.string().nullable(),
    emailSource: z.string().nullable(),
    phone: z.string().nullable(),
    phoneSource: z.string().nullable(),
    addressLine1: z.string().nullable(),
    addressLine2: z.string().nullable(),
    addressLine3: z.string().nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    postalCode: z.string().nullable(),
    country: z.string().nullable(),
    addressSource: z.string().nullable(),
    optOut: z.object({ email: z.boolean(), sms: z.boolean(), phone: z.boolean(), letter: z.boolean() }).openapi({
      description: 'channels this person asked not to be contacted on; nothing is sent on them',
    }),
    emailBouncedAt: Timestamp.nullable().openapi({ description: 'when an email to this address bounced for good: nothing more is emailed to it until the address is changed' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Contact');

const fields = {
  name: Text(textLimits.contactName).nullable(),
  role: Role,
  email: z.email('must be an email address such as ap@example.com').max(textLimits.email).nullable(),
  emailSource: Source.nullable(),
  phone: z
    .string()
    .regex(/^\+?[0-9][0-9 ().-]{4,30}$/, 'must be a phone number, preferably international such as +44 20 7946 0000')
    .nullable(),
  phoneSource: Source.nullable(),
  addressLine1: Text(textLimits.addressLine).nullable(),
  addressLine2: Text(textLimits.addressLine).nullable(),
  addressLine3: Text(textLimits.addressLine).nullable(),
  city: Text(textLimits.city).nullable(),
  region: Text(textLimits.region).nullable(),
  postalCode: Text(textLimits.postalCode).nullable(),
  country: Country.nullable(),
  addressSource: Source.nullable(),
  optOut: z
    .strictObject(Object.fromEntries(Channels.map((channel) => [channel, z.boolean().optional()])) as Record<(typeof Channels)[number], z.ZodOptional<z.ZodBoolean>>)
    .openapi({ description: 'per channel: true = opted out; channels left out keep their setting' }),
};

export const CreateContact = z
  .strictObject({ customerId: IdInput, ...fields })
  .partial()
  .required({ customerId: true })
  .openapi('CreateContact');

export const UpdateContact = z.strictObject(fields).partial().openapi('UpdateContact');

export const ContactListQuery = PageQuery.extend({
  customerId: IdInput.optional().openapi({ description: 'contacts of this customer' }),
});

export const ContactPage = pageOf(Contact, 'ContactPage');

export function toContact(row: ContactRow): z.input<typeof Contact> {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    name: row.name,
    role: row.role,
    email: row.email,
    emailSource: row.email_source,
    phone: row.phone,
    phoneSource: row.phone_source,
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    addressLine3: row.address_line3,
    city: row.city,
    region: row.region,
    postalCode: row.postal_code,
    country: row.country,
    addressSource: row.address_source,
    optOut: { email: row.opt_out_email, sms: row.opt_out_sms, phone: row.opt_out_phone, letter: row.opt_out_letter },
    emailBouncedAt: row.email_bounced_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
