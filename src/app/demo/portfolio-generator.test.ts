import { describe, expect, it } from 'vitest';
import { daysBetween, isTimeZone } from '../../domain/calendar.ts';
import { currencyExponent, isCurrencyCode } from '../../domain/currencies.ts';
import { parseAmount, toDecimalString } from '../../domain/money.ts';
import { generatePortfolio, type DemoCustomer, type DemoInvoice } from './portfolio-generator.ts';

const today = '2026-11-23';
const demo = { seed: 'arrears-demo', customers: 300, invoices: 2000, today };
const json = (value: unknown) => JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v));

const portfolio = generatePortfolio(demo);
const customers: DemoCustomer[] = [...portfolio.customers()];
const invoices: DemoInvoice[] = [...portfolio.invoices()];

/** The aging buckets of the product (days past due): current, 1–30, 31–60, 61–90, 91+. */
function bucket(daysPastDue: number): string {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return '1-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return '91+';
}

describe('generatePortfolio', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generatePortfolio(demo);
    expect(json([...again.customers()])).toBe(json(customers));
    expect(json([...again.invoices()])).toBe(json(invoices));
    const other = generatePortfolio({ ...demo, seed: 'another' });
    expect(json([...other.customers()].slice(0, 20))).not.toBe(json(customers.slice(0, 20)));
  });

  it('yields exactly the requested numbers, with unique ids', () => {
    expect(customers).toHaveLength(300);
    expect(invoices).toHaveLength(2000);
    expect(portfolio.invoiceCounts.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(new Set(customers.map((c) => c.externalId)).size).toBe(300);
    expect(new Set(invoices.map((i) => i.number)).size).toBe(2000);
    const payments = invoices.flatMap((i) => i.payments);
    expect(new Set(payments.map((p) => p.externalId)).size).toBe(payments.length);
  });

  it('keeps dates and amounts consistent on every invoice', () => {
    const byId = new Map(customers.map((c) => [c.externalId, c]));
    for (const invoice of invoices) {
      const customer = byId.get(invoice.customerExternalId)!;
      expect(invoice.dueDate >= invoice.issueDate, invoice.number).toBe(true);
      expect(invoice.issueDate <= today && daysBetween(invoice.issueDate, today) <= 366, invoice.number).toBe(true);
      expect(invoice.issueDate >= customer.customerSince, invoice.number).toBe(true);
      expect(invoice.total > 0n).toBe(true);
      expect(invoice.paid <= invoice.total && invoice.paid >= 0n, invoice.number).toBe(true);
      expect(invoice.accountingPaid <= invoice.paid).toBe(true);
      expect(invoice.currency).toBe(customer.currency);
      expect(invoice.paid).toBe(invoice.payments.reduce((sum, p) => sum + p.amount, 0n));
      for (const payment of invoice.payments) {
        expect(payment.receivedOn >= invoice.issueDate && payment.receivedOn <= today, payment.externalId).toBe(true);
        expect(payment.currency).toBe(invoice.currency);
        expect(payment.amount > 0n).toBe(true);
      }
      if (invoice.status === 'draft' || invoice.status === 'void') expect(invoice.payments).toEqual([]);
      if (invoice.status === 'paid') expect(invoice.paid).toBe(invoice.total);
    }
  });

  it('bills each customer in one valid currency, in minor units that currency has', () => {
    const currencies = new Set(customers.map((c) => c.currency));
    for (const code of ['GBP', 'USD', 'EUR', 'AUD', 'JPY']) expect(currencies).toContain(code);
    for (const code of currencies) expect(isCurrencyCode(code)).toBe(true);
    expect(currencyExponent('JPY')).toBe(0);
    for (const invoice of invoices) {
      // the decimal text the CSV carries parses back to exactly the same minor units
      const parsed = parseAmount(toDecimalString(invoice.total, invoice.currency), invoice.currency);
      expect(parsed).toEqual({ ok: true, value: invoice.total });
      if (invoice.currency === 'JPY') expect(invoice.total % 10n).toBe(0n);
    }
    // two-decimal currencies use their cents (not every total is a round sum)
    expect(invoices.some((i) => i.currency !== 'JPY' && i.total % 100n !== 0n)).toBe(true);
  });

  it('has open balances in every aging bucket', () => {
    const buckets = new Map<string, number>();
    for (const invoice of invoices) {
      if (invoice.status !== 'open') continue;
      const key = bucket(daysBetween(invoice.dueDate, today));
      buckets.set(key, (buckets.get(key) ?? 0) + 1);
    }
    for (const key of ['current', '1-30', '31-60', '61-90', '91+']) expect(buckets.get(key) ?? 0, key).toBeGreaterThan(5);
  });

  it('mixes kinds, jurisdictions, behaviours and outcomes', () => {
    expect(new Set(customers.map((c) => c.kind))).toEqual(new Set(['business', 'consumer']));
    expect(new Set(customers.map((c) => c.country)).size).toBeGreaterThanOrEqual(7);
    const regions = new Set(customers.map((c) => `${c.country}-${c.region}`));
    for (const region of ['GB-Scotland', 'GB-England', 'US-CA', 'US-NY', 'US-TX', 'US-MA']) expect(regions).toContain(region);
    expect(new Set(customers.map((c) => c.behaviour)).size).toBe(5);
    const statuses = new Set(invoices.map((i) => i.status));
    for (const status of ['draft', 'void', 'open', 'paid']) expect(statuses).toContain(status);
    expect(invoices.some((i) => i.paid > 0n && i.paid < i.total)).toBe(true);
    expect(invoices.some((i) => i.payments.some((p) => p.via === 'arrears'))).toBe(true);
    const tags = new Set(customers.flatMap((c) => c.tags));
    for (const tag of ['key', 'wholesale', 'new', 'risky']) expect(tags).toContain(tag);
    const years = new Set(customers.map((c) => c.customerSince.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(8);
  });

  it('gives every customer a real time zone of its country and a language', () => {
    const zonesOf: Record<string, RegExp> = { GB: /^Europe\/London$/, US: /^America\//, DE: /^Europe\/Berlin$/, FR: /^Europe\/Paris$/, IE: /^Europe\/Dublin$/, AU: /^Australia\//, JP: /^Asia\/Tokyo$/, CA: /^America\// };
    for (const customer of customers) {
      expect(isTimeZone(customer.timeZone)).toBe(true);
      expect(customer.timeZone).toMatch(zonesOf[customer.country]!);
      expect(Intl.getCanonicalLocales(customer.language)[0]).toBe(customer.language);
    }
  });

  it('leaves the requested share of invoices open for benchmarks', () => {
    const open = [...generatePortfolio({ ...demo, openShare: 0.9 }).invoices()].filter((i) => i.status !== 'draft' && i.status !== 'void');
    const unpaid = open.filter((i) => i.payments.length === 0).length;
    expect(unpaid / open.length).toBeGreaterThan(0.88);
  });

  it('streams: the first invoices of a million come at once', () => {
    const started = performance.now();
    const large = generatePortfolio({ seed: 1, customers: 100_000, invoices: 1_000_000, today });
    const first = large.invoices().next().value!;
    expect(first.number).toBe('INV-0000001');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
