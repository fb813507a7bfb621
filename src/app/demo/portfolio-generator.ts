// A deterministic, realistic demo portfolio: customers (business and consumer, several countries,
// currencies and time zones), their invoices over the last year, and the payments their payment
// behaviour implies. Everything is derived from the seed and an index, so customers and invoices
// are produced lazily: a million invoices stream out without ever being held in memory.
import type { IsoDate } from '../../domain/calendar.ts';
import { invoiceTotal } from './amounts.ts';
import { plannedPayments, type PaymentBehaviour } from './behaviours.ts';
import { DayTable } from './day-table.ts';
import { customerProfile, generateCustomer, type GeneratedCustomer } from './demo-customer.ts';
import { Prng } from './prng.ts';

export interface PortfolioOptions {
  seed: string | number;
  customers: number;
  invoices: number;
  /** The date the portfolio is "as of": invoices are issued before it, payments made on or before it. */
  today: IsoDate;
  /**
   * Share (0–1) of invoices left wholly unpaid whatever the customer's behaviour: benchmarks of
   * open-invoice reports want most of the ledger open. Undefined: behaviour alone decides.
   */
  openShare?: number;
}

export interface DemoCustomer extends Omit<GeneratedCustomer, 'sinceDay' | 'paymentMethods'> {
  customerSince: IsoDate;
}

export interface DemoPayment {
  externalId: string;
  customerExternalId: string;
  /** The invoice the payer named; null = paid on account (the importer allocates oldest first). */
  invoiceNumber: string | null;
  receivedOn: IsoDate;
  amount: bigint;
  currency: string;
  method: string;
  reference: string;
  /**
   * 'accounting': already in the accounting system's export (the invoice's Amount Paid);
   * 'arrears': received recently through Arrears and not yet in the accounting system.
   */
  via: 'accounting' | 'arrears';
}

export type DemoInvoiceStatus = 'draft' | 'void' | 'open' | 'paid';

export interface DemoInvoice {
  index: number;
  number: string;
  customerExternalId: string;
  customerName: string;
  customerKind: 'business' | 'consumer';
  behaviour: PaymentBehaviour;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: string;
  total: bigint;
  terms: string;
  /** After every payment up to today. */
  status: DemoInvoiceStatus;
  payments: DemoPayment[];
  paid: bigint;
  /** As the accounting export shows it: payments via Arrears are not in these yet. */
  accountingPaid: bigint;
  accountingPaidOn: IsoDate | null;
  accountingStatus: DemoInvoiceStatus;
}

export interface Portfolio {
  readonly options: Readonly<PortfolioOptions>;
  /** How many invoices each customer has, by customer index. */
  readonly invoiceCounts: Int32Array;
  customers(): IterableIterator<DemoCustomer>;
  invoices(): IterableIterator<DemoInvoice>;
  /** The payments received through Arrears (payments.csv), in invoice order. */
  payments(): IterableIterator<DemoPayment>;
}

/** How far back customers go, and forward due dates reach (days): the span of the date table. */
const earliestDay = -13 * 365;
const latestDay = 120;
/** Payments this recent may have come in through Arrears rather than the accounting system. */
const recentDays = 14;

export function generatePortfolio(options: PortfolioOptions): Portfolio {
  const { seed, customers: customerCount, invoices: invoiceCount } = options;
  if (!Number.isInteger(customerCount) || customerCount < 0) throw new RangeError('customers must be a whole number ≥ 0');
  if (!Number.isInteger(invoiceCount) || invoiceCount < 0) throw new RangeError('invoices must be a whole number ≥ 0');
  if (invoiceCount > 0 && customerCount === 0) throw new RangeError('invoices need at least one customer');
  const openPercent = options.openShare === undefined ? 0 : Math.round(Math.min(1, Math.max(0, options.openShare)) * 100);
  const days = new DayTable(options.today, earliestDay, latestDay);
  const customerIdWidth = Math.max(5, String(customerCount).length);
  const invoiceIdWidth = Math.max(6, String(invoiceCount).length);
  const invoiceCounts = shareInvoices(seed, customerCount, invoiceCount);

  const customer = (index: number) => generateCustomer(seed, index, customerProfile(seed, index), customerIdWidth);

  function toDemoCustomer(c: GeneratedCustomer): DemoCustomer {
    const { sinceDay, paymentMethods: _methods, ...rest } = c;
    return { ...rest, customerSince: days.at(sinceDay) };
  }

  function* invoices(): IterableIterator<DemoInvoice> {
    let index = 0;
    for (let c = 0; c < customerCount; c++) {
      const count = invoiceCounts[c]!;
      if (count === 0) continue;
      const owner = customer(c);
      for (let k = 0; k < count; k++, index++) yield invoice(owner, index);
    }
  }

  function invoice(owner: GeneratedCustomer, index: number): DemoInvoice {
    const rng = new Prng(seed, 'invoice', index);
    const number = `INV-${String(index + 1).padStart(invoiceIdWidth, '0')}`;
    const draft = rng.chance(1);
    const firstDay = Math.max(owner.sinceDay, -365);
    const issueDay = draft ? rng.int(-6, 0) : rng.int(firstDay, 0);
    const termsDays = rng.chance(10) ? rng.pick([0, 14, 30, 45, 60]) : owner.termsDays;
    const dueDay = issueDay + termsDays;
    const total = invoiceTotal(rng, owner.kind, owner.currency, owner.key);
    const status: DemoInvoiceStatus = draft ? 'draft' : rng.chance(1.5) ? 'void' : 'open';
    const result: DemoInvoice = {
      index,
      number,
      customerExternalId: owner.externalId,
      customerName: owner.name,
      customerKind: owner.kind,
      behaviour: owner.behaviour,
      issueDate: days.at(issueDay),
      dueDate: days.at(dueDay),
      currency: owner.currency,
      total,
      terms: termsDays === 0 ? 'Due on receipt' : `Net ${termsDays}`,
      status,
      payments: [],
      paid: 0n,
      accountingPaid: 0n,
      accountingPaidOn: null,
      accountingStatus: status,
    };
    if (status !== 'open' || (openPercent > 0 && rng.chance(openPercent))) return result;

    let viaArrears = false;
    for (const planned of plannedPayments(rng, owner.behaviour, issueDay, dueDay, total)) {
      if (planned.day > 0) break;
      // Once a payment came in through Arrears, later ones on the invoice did too.
      viaArrears = viaArrears || (planned.day > -recentDays && rng.chance(55));
      const receivedOn = days.at(planned.day);
      const onAccount = viaArrears && rng.chance(20);
      result.payments.push({
        externalId: `PMT-${number.slice(4)}-${result.payments.length + 1}`,
        customerExternalId: owner.externalId,
        invoiceNumber: onAccount ? null : number,
        receivedOn,
        amount: planned.amount,
        currency: owner.currency,
        method: rng.pick(owner.paymentMethods),
        reference: onAccount ? `${owner.name.slice(0, 18).trim()} payment` : rng.chance(50) ? number : `Remittance ${number}`,
        via: viaArrears ? 'arrears' : 'accounting',
      });
      result.paid += planned.amount;
      if (!viaArrears) {
        result.accountingPaid += planned.amount;
        result.accountingPaidOn = receivedOn;
      }
    }
    if (result.paid >= total) result.status = 'paid';
    if (result.accountingPaid >= total) result.accountingStatus = 'paid';
    return result;
  }

  return {
    options: { ...options },
    invoiceCounts,
    *customers() {
      for (let c = 0; c < customerCount; c++) yield toDemoCustomer(customer(c));
    },
    invoices,
    *payments() {
      for (const inv of invoices()) for (const payment of inv.payments) if (payment.via === 'arrears') yield payment;
    },
  };
}

/**
 * Shares `invoiceCount` among the customers in proportion to their integer weights (key accounts
 * and businesses get more than consumers); remainders go one each from the first customer on.
 */
function shareInvoices(seed: string | number, customerCount: number, invoiceCount: number): Int32Array {
  const weights = new Int32Array(customerCount);
  let totalWeight = 0;
  for (let c = 0; c < customerCount; c++) {
    weights[c] = customerProfile(seed, c).weight;
    totalWeight += weights[c]!;
  }
  const counts = new Int32Array(customerCount);
  let assigned = 0;
  for (let c = 0; c < customerCount; c++) {
    counts[c] = Math.floor((invoiceCount * weights[c]!) / totalWeight);
    assigned += counts[c]!;
  }
  for (let c = 0; assigned < invoiceCount; c = (c + 1) % customerCount, assigned++) counts[c]! += 1;
  return counts;
}
