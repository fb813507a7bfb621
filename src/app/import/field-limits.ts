// The longest text an import takes in each field of every format: the API's limits
// (domain/text-limits.ts), so a file cannot store what the API would refuse. Keyed by the
// formats' field names; fields used as a customer's key (a Xero contact, a QuickBooks customer)
// take the external id's limit.
import { textLimits } from '../../domain/text-limits.ts';

const address = {
  addressLine1: textLimits.addressLine,
  addressLine2: textLimits.addressLine,
  addressLine3: textLimits.addressLine,
  city: textLimits.city,
  region: textLimits.region,
  postalCode: textLimits.postalCode,
};

const xeroAddress = Object.fromEntries(
  ['po', 'sa'].flatMap((kind) => [
    ...[1, 2, 3, 4].map((n) => [`${kind}Line${n}`, textLimits.addressLine]),
    [`${kind}City`, textLimits.city],
    [`${kind}Region`, textLimits.region],
    [`${kind}PostalCode`, textLimits.postalCode],
  ]),
) as Record<string, number>;

export const importFieldLimits: Readonly<Record<string, number>> = {
  // generic
  customerId: textLimits.externalId,
  customerName: textLimits.customerName,
  phone: textLimits.phone,
  ...address,
  number: textLimits.documentNumber,
  externalId: textLimits.externalId,
  terms: textLimits.terms,
  paymentId: textLimits.externalId,
  invoiceNumber: textLimits.documentNumber,
  method: textLimits.paymentMethod,
  reference: textLimits.paymentReference,
  // xero (number as above; a credit note's Reference is kept as its reason)
  contactName: textLimits.externalId,
  documentReference: textLimits.creditNoteReason,
  ...xeroAddress,
  // quickbooks (number, terms as above)
  customer: textLimits.externalId,
};

/** A long value shown in a problem: enough to find the cell, not the whole of it. */
export function shownValue(value: string): string {
  const visible = value.replace(/\u0000/g, '\\0');
  return visible.length <= 80 ? visible : `${visible.slice(0, 80)}…`;
}

export function tooLongMessage(length: number, limit: number, what = 'is'): string {
  return `${what} ${length} characters long; at most ${limit} are taken (as by the API): shorten it`;
}
