// One demo customer, generated from (seed, index) alone: who they are, where, in which currency,
// how they pay. The profile (kind, key account, behaviour, invoice weight) is a separate, cheap
// stream so the portfolio can share out invoices among all customers without building them all.
import { creditLimit } from './amounts.ts';
import { paymentBehaviours, type PaymentBehaviour } from './behaviours.ts';
import { businessName, emailSlug, personName } from './names.ts';
import { jurisdictionWeights, streetsFor } from './places.ts';
import { Prng } from './prng.ts';

export interface CustomerProfile {
  kind: 'business' | 'consumer';
  /** A long-standing, high-value account (tag "key"). */
  key: boolean;
  behaviour: PaymentBehaviour;
  /** Relative share of the portfolio's invoices (integer, so the split is exact). */
  weight: number;
}

export interface GeneratedCustomer extends CustomerProfile {
  index: number;
  externalId: string;
  name: string;
  email: string | null;
  phone: string | null;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
  timeZone: string;
  language: string;
  currency: string;
  /** Days from today (negative). */
  sinceDay: number;
  tags: string[];
  creditLimit: bigint | null;
  /** Usual payment terms in days (0 = due on receipt). */
  termsDays: number;
  /** How payments are usually made, in the local way (cheque in Britain, ACH in the US …). */
  paymentMethods: readonly string[];
}

const behaviourWeights = {
  business: [35, 35, 13, 10, 7],
  consumer: [40, 25, 10, 15, 10],
  key: [60, 35, 0, 5, 0],
} as const;

export function customerProfile(seed: string | number, index: number): CustomerProfile {
  const rng = new Prng(seed, 'profile', index);
  const kind = rng.chance(62) ? 'business' : 'consumer';
  const key = kind === 'business' && rng.chance(10);
  const weights = behaviourWeights[key ? 'key' : kind];
  const behaviour = rng.weighted(paymentBehaviours.map((b, i) => [b, weights[i]!] as const));
  const weight = key ? rng.int(20, 40) : kind === 'business' ? rng.int(3, 20) : rng.int(1, 4);
  return { kind, key, behaviour, weight };
}

const methodsByCountry: Record<string, readonly string[]> = {
  US: ['ACH', 'ACH', 'check', 'card', 'wire'],
  GB: ['bank transfer', 'bank transfer', 'BACS', 'card', 'cheque', 'direct debit'],
  DE: ['SEPA transfer', 'SEPA transfer', 'SEPA direct debit', 'card'],
  FR: ['virement SEPA', 'virement SEPA', 'prélèvement SEPA', 'carte', 'chèque'],
  IE: ['SEPA transfer', 'SEPA transfer', 'card', 'direct debit'],
  AU: ['bank transfer', 'BPAY', 'card'],
  JP: ['銀行振込', '銀行振込', 'クレジットカード'],
  CA: ['EFT', 'Interac e-Transfer', 'cheque', 'card'],
};

const businessMailboxes: Record<string, readonly string[]> = {
  DE: ['buchhaltung', 'rechnungen', 'info'],
  FR: ['comptabilite', 'factures', 'contact'],
  JP: ['keiri', 'info'],
};

export function generateCustomer(seed: string | number, index: number, profile: CustomerProfile, idWidth: number): GeneratedCustomer {
  const rng = new Prng(seed, 'customer', index);
  const jurisdiction = rng.weighted(jurisdictionWeights);
  const city = rng.pick(jurisdiction.cities);
  const names = city.names ?? jurisdiction.names;
  const business = profile.kind === 'business';
  const person = personName(rng, names);
  const name = business ? businessName(rng, names) : person.full;
  // Reserved example domains (RFC 2606): a demo must never email a real address.
  const mailbox = rng.pick(businessMailboxes[jurisdiction.country] ?? ['accounts', 'accounts', 'billing', 'finance', 'ap', 'invoices']);
  const email = business
    ? `${mailbox}@${emailSlug(name, `customer-${index + 1}`)}.example.com`
    : rng.chance(94)
      ? `${emailSlug(person.given, 'customer')}.${emailSlug(person.family, String(index + 1))}${rng.chance(40) ? rng.int(1, 99) : ''}@${rng.pick(['example.com', 'example.net', 'example.org'])}`
      : null;
  const phone = rng.chance(90) ? (business || rng.chance(30) ? city.phone(rng) : jurisdiction.mobile(rng)) : null;
  let addressLine1 = jurisdiction.street(rng, streetsFor(jurisdiction, city));
  let addressLine2: string | null = null;
  if (business && rng.chance(35)) addressLine2 = unitLine(rng, jurisdiction.country);
  // "Flat 2, 17 Church Lane": a comma inside a field, as British addresses have
  if (!business && jurisdiction.country === 'GB' && rng.chance(25)) addressLine1 = `Flat ${rng.int(1, 12)}, ${addressLine1}`;

  const newCustomer = !profile.key && rng.chance(10);
  const sinceDay = profile.key ? -rng.int(3 * 365, 12 * 365) : newCustomer ? -rng.int(7, 180) : -rng.int(181, 10 * 365);
  // Some businesses abroad are billed in dollars (export contracts); everyone else locally.
  const exported = business && jurisdiction.currency !== 'USD' && rng.chance(6);
  const currency = exported ? 'USD' : jurisdiction.currency;

  const tags: string[] = [];
  if (profile.key) tags.push('key');
  if (business && rng.chance(18)) tags.push('wholesale');
  if (business && !tags.includes('wholesale') && rng.chance(10)) tags.push('retail');
  if (!business && rng.chance(25)) tags.push('subscription');
  if (newCustomer) tags.push('new');
  if (exported) tags.push('export');
  const risky = profile.behaviour === 'chronic_late' || profile.behaviour === 'non_payer' ? rng.chance(55) : rng.chance(4);
  if (risky) tags.push('risky');

  const termsDays = business
    ? rng.weighted([[30, 50], [14, 10], [45, 10], [60, 15], [0, 5], [7, 10]] as const)
    : rng.weighted([[0, 40], [14, 45], [30, 15]] as const);

  return {
    ...profile,
    index,
    externalId: `C-${String(index + 1).padStart(idWidth, '0')}`,
    name,
    email,
    phone,
    addressLine1,
    addressLine2,
    city: city.city,
    region: city.region,
    postalCode: city.postalCode(rng),
    country: jurisdiction.country,
    timeZone: city.timeZone,
    language: city.language ?? jurisdiction.language,
    currency,
    sinceDay,
    tags,
    creditLimit: business && rng.chance(70) ? creditLimit(rng, currency) : null,
    termsDays,
    paymentMethods: methodsByCountry[jurisdiction.country] ?? ['bank transfer'],
  };
}

function unitLine(rng: Prng, country: string): string {
  switch (country) {
    case 'US':
    case 'CA':
      return `Suite ${rng.int(100, 950)}`;
    case 'FR':
      return `Bâtiment ${rng.chars('ABCD', 1)}`;
    case 'DE':
      return `${rng.int(1, 5)}. OG`;
    case 'JP':
      return `${rng.pick(['第一', '第二', '中央', '駅前'])}ビル${rng.int(2, 12)}F`;
    default:
      return `Unit ${rng.int(1, 40)}, ${rng.pick(['Riverside', 'Station', 'Enterprise', 'Harbour'])} Business Park`;
  }
}
