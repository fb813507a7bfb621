// The customer contract: what the API shows of a debtor account and what a client may set.
import { z } from '@hono/zod-openapi';
import { agingBuckets } from '../../domain/aging.ts';
import type { CustomerBalance } from '../../db/queries/customers.ts';
import type { Customer as CustomerRow } from '../../db/schema.ts';
import { daysBetween } from '../../domain/calendar.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { Amount, Country, Currency, Id, IsoDate, NullableAmount, AmountInput, Text, TimeZone, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

const Kind = z.enum(['business', 'consumer']).openapi({ description: 'decides which contact rules apply' });
const Risk = z.enum(['low', 'normal', 'high']);

export const Customer = z
  .object({
    id: Id,
    externalId: z.string().openapi({ description: 'the id in your accounting system' }),
    name: z.string(),
    kind: Kind,
    country: z.string().nullable(),
    region: z.string().nullable(),
    timeZone: z.string().nullable(),
    language: z.string().nullable(),
    currency: z.string(),
    customerSince: z.string().nullable().openapi({ format: 'date' }),
    tags: z.array(z.string()),
    creditLimit: NullableAmount,
    risk: Risk,
    playbookOverride: z.string().nullable().openapi({ description: 'the playbook this customer follows whatever the segment rules say; null: the rules decide' }),
    excludedReason: z.string().nullable().openapi({ description: 'set when the customer is excluded from collection, with why' }),
    source: z.string().openapi({ description: 'where the record came from: api, or the import format' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Customer');

const Tags = z.array(Text(textLimits.tag)).max(textLimits.maxTags).openapi({ description: 'segment tags, e.g. ["key-account"]' });

const settable = {
  name: Text(textLimits.customerName),
  kind: Kind,
  country: Country.nullable(),
  region: Text(textLimits.region).nullable(),
  timeZone: TimeZone.nullable(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en or en-GB').nullable(),
  currency: Currency,
  customerSince: IsoDate.nullable(),
  tags: Tags,
  creditLimit: AmountInput.refine((n) => n >= 0n, 'must be zero or more').nullable(),
  risk: Risk,
};

export const CreateCustomer = z
  .strictObject({
    externalId: Text(textLimits.externalId).openapi({ description: 'your accounting system’s id; unique in the organisation' }),
    ...settable,
    kind: Kind.optional(),
    country: settable.country.optional(),
    region: settable.region.optional(),
    timeZone: settable.timeZone.optional(),
    language: settable.language.optional(),
    currency: Currency.optional().openapi({ description: 'defaults to the organisation’s currency' }),
    customerSince: settable.customerSince.optional(),
    tags: Tags.optional(),
    creditLimit: settable.creditLimit.optional(),
    risk: Risk.optional(),
  })
  .openapi('CreateCustomer');

/** Collection settings of one customer, changed through their own use cases (each on the timeline). */
const collection = {
  playbookOverride: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a playbook name such as gentle')
    .nullable()
    .openapi({ description: 'put the customer on this playbook whatever the segment rules say; null: the rules decide again' }),
  excludedReason: Text(textLimits.reason)
    .nullable()
    .openapi({ description: 'exclude the customer from collection, saying why; null: include it again' }),
};

export const UpdateCustomer = z
  .strictObject({ externalId: Text(textLimits.externalId), ...settable, ...collection })
  .partial()
  .openapi('UpdateCustomer');

export const CustomerListQuery = PageQuery.extend({
  q: z.string().min(1).optional().openapi({ description: 'part of the name, the external id or a contact’s email, or the start of an invoice number; any case' }),
  kind: Kind.optional(),
  tag: z.string().min(1).optional().openapi({ description: 'customers with this tag' }),
  bucket: z.enum(agingBuckets).optional().openapi({ description: 'the aging bucket of the customer’s most overdue open invoice today (current: nothing overdue)' }),
  status: z.enum(['active', 'paused', 'arrangement', 'agency', 'legal', 'no_case', 'excluded']).optional().openapi({ description: 'the status of the customer’s open collection case; no_case: none open; excluded: excluded from collection' }),
  playbook: z.string().min(1).optional().openapi({ description: 'customers whose playbook was chosen for them (their override) as this one' }),
  currency: Currency.optional().openapi({ description: 'customers who owe something in this currency' }),
  overdue: z
    .enum(['true'], 'must be true (leave it out for every customer)')
    .optional()
    .openapi({ description: 'true: customers with something overdue today (in `currency` when given): the rows behind the aging and dashboard overdue totals' }),
  invoiceBucket: z
    .enum(agingBuckets)
    .optional()
    .openapi({ description: 'customers with an amount in this bucket of the aging today (in `currency` when given), counted as GET /api/v1/aging counts it (open invoices less their open disputed part): the rows behind a bar of the aging; `bucket` is the customer’s most overdue invoice' }),
  sort: z.enum(['id', 'name']).default('id').openapi({ description: 'id (default) or name' }),
});

const Balance = z.object({ currency: z.string(), balance: Amount, overdue: Amount }).openapi('CustomerBalance');

export const CustomerListItem = Customer.extend({
  balances: z.array(Balance).openapi({ description: 'open balance and its overdue part per currency (never added across currencies)' }),
  oldestDaysLate: z.int().nullable().openapi({ description: 'days past due of the most overdue open invoice; null when nothing is overdue' }),
}).openapi('CustomerListItem');

export const CustomerPage = pageOf(CustomerListItem, 'CustomerPage');

export function toCustomer(row: CustomerRow): z.input<typeof Customer> {
  return {
    id: String(row.id),
    externalId: row.external_id,
    name: row.name,
    kind: row.kind,
    country: row.country,
    region: row.region,
    timeZone: row.time_zone,
    language: row.language,
    currency: row.currency,
    customerSince: row.customer_since,
    tags: row.tags,
    creditLimit: row.credit_limit,
    risk: row.risk,
    playbookOverride: row.playbook_override,
    excludedReason: row.excluded_reason,
    source: row.source,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toCustomerListItem(row: CustomerRow, balances: CustomerBalance[], today: string): z.input<typeof CustomerListItem> {
  const oldest = balances.map((b) => b.oldest_due).filter((d): d is string => d !== null).sort()[0];
  return {
    ...toCustomer(row),
    balances: balances.map((b) => ({ currency: b.currency, balance: b.balance, overdue: b.overdue })),
    oldestDaysLate: oldest === undefined ? null : daysBetween(oldest, today),
  };
}
