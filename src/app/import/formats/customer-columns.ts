// Header synonyms of customer details, shared by the generic customer and invoice imports.
import { textLimits } from '../../../domain/text-limits.ts';
import { tooLongMessage } from '../field-limits.ts';
import type { RowParser } from '../row-parser.ts';
import type { CustomerFields } from '../types.ts';

export const customerSynonyms = {
  customerId: ['customer id', 'customer external id', 'customer number', 'customer no', 'customer ref', 'customer code', 'account number', 'account no', 'account', 'contact id', 'client id'],
  customerName: ['customer', 'customer name', 'name', 'contact name', 'contact', 'client', 'client name', 'company', 'company name', 'debtor'],
  kind: ['kind', 'customer kind', 'type', 'customer type'],
  email: ['email', 'e-mail', 'email address', 'customer email', 'billing email'],
  phone: ['phone', 'telephone', 'phone number', 'tel', 'mobile', 'mobile number'],
  addressLine1: ['address', 'address line 1', 'address1', 'street', 'billing address'],
  addressLine2: ['address line 2', 'address2'],
  addressLine3: ['address line 3', 'address3'],
  city: ['city', 'town', 'town/city'],
  region: ['region', 'state', 'county', 'province', 'state/province'],
  postalCode: ['postal code', 'postcode', 'zip', 'zip code', 'post code'],
  country: ['country', 'country code'],
  timeZone: ['time zone', 'timezone', 'tz'],
  language: ['language', 'locale', 'lang'],
  customerSince: ['customer since', 'since', 'first invoice date'],
  tags: ['tags', 'segment', 'segments', 'labels'],
} as const;

export type CustomerColumn = keyof typeof customerSynonyms;

/** Customer details of a row; the key is the customer id column, else the name. */
export function readCustomer<F extends string>(
  row: RowParser<F | CustomerColumn>,
  dateFormat: string,
): CustomerFields | undefined {
  const externalId = row.text('customerId');
  // No name in the file keeps the stored one; a customer new to Arrears is then named by its id (at the merge).
  const name = row.text('customerName');
  const key = externalId ?? name;
  if (key === undefined) {
    row.problem(row.columns.has('customerName') ? 'customerName' : 'customerId', '', 'is empty; every row needs the customer name or id');
    return undefined;
  }
  if (externalId === undefined && key.length > textLimits.externalId) {
    // Without an id column the name is the customer's key, and takes the key's limit.
    row.problem('customerName', key, tooLongMessage(key.length, textLimits.externalId, 'is the customer\'s id (the file has none) and'));
    return undefined;
  }
  return {
    externalId: key,
    name,
    kind: row.kind('kind'),
    email: row.email('email'),
    phone: row.text('phone'),
    addressLine1: row.text('addressLine1'),
    addressLine2: row.text('addressLine2'),
    addressLine3: row.text('addressLine3'),
    city: row.text('city'),
    region: row.text('region'),
    postalCode: row.text('postalCode'),
    country: row.country('country'),
    timeZone: row.timeZone('timeZone'),
    language: row.language('language'),
    customerSince: row.date('customerSince', dateFormat),
    tags: row.tags('tags'),
  };
}
