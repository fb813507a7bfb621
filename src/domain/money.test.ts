import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMoney, maxAmount, parseAmount, parseCurrency, sumByCurrency, toDecimalString } from './money.ts';

describe('parseAmount', () => {
  it('refuses amounts beyond ±10^13 minor units, the largest Arrears accepts', () => {
    expect(parseAmount('100000000000.00', 'USD')).toEqual({ ok: true, value: 10_000_000_000_000n });
    expect(parseAmount('-100000000000.00', 'USD')).toEqual({ ok: true, value: -10_000_000_000_000n });
    expect(parseAmount('100000000000.01', 'USD')).toEqual({ ok: false, message: expect.stringMatching(/largest amount accepted/) });
    expect(parseAmount('90071992547409.91', 'USD')).toEqual({ ok: false, message: expect.stringMatching(/largest amount accepted/) });
  });

  it('reads amounts as accounting exports write them, in the currency’s own minor units', () => {
    expect(parseAmount('1,234.50', 'USD')).toEqual({ ok: true, value: 123450n });
    expect(parseAmount('$1,234.5', 'USD')).toEqual({ ok: true, value: 123450n });
    expect(parseAmount('(45.00)', 'GBP')).toEqual({ ok: true, value: -4500n });
    expect(parseAmount('-45', 'GBP')).toEqual({ ok: true, value: -4500n });
    expect(parseAmount('1,000', 'JPY')).toEqual({ ok: true, value: 1000n });
    expect(parseAmount('1.234', 'KWD')).toEqual({ ok: true, value: 1234n });
    expect(parseAmount('GBP 12.00', 'GBP')).toEqual({ ok: true, value: 1200n });
  });

  it('refuses more decimals than the currency has, instead of rounding', () => {
    const result = parseAmount('10.001', 'GBP');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/3 decimals but GBP has 2/);
    expect(parseAmount('5.5', 'JPY').ok).toBe(false);
  });

  it('refuses text that is not an amount', () => {
    for (const text of ['', 'abc', '1.234,50', '1,00', '12..5', '--5']) expect(parseAmount(text, 'EUR').ok).toBe(false);
  });

  it('round-trips any amount it accepts through its decimal text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -maxAmount, max: maxAmount }), fc.constantFrom('USD', 'JPY', 'KWD', 'CLF'), (amount, currency) => {
        expect(parseAmount(toDecimalString(amount, currency), currency)).toEqual({ ok: true, value: amount });
      }),
    );
  });
});

describe('money formatting and sums', () => {
  it('formats with the currency’s exponent, exactly for huge amounts', () => {
    expect(toDecimalString(5n, 'KWD')).toBe('0.005');
    expect(formatMoney(123456789012345678901n, 'GBP')).toBe('£1,234,567,890,123,456,789.01');
    expect(formatMoney(1000n, 'JPY', 'en-US')).toBe('¥1,000');
  });

  it('never adds amounts of different currencies together', () => {
    const totals = sumByCurrency([
      { amount: 100n, currency: 'GBP' },
      { amount: 250n, currency: 'USD' },
      { amount: 5n, currency: 'GBP' },
    ]);
    expect(Object.fromEntries(totals)).toEqual({ GBP: 105n, USD: 250n });
  });

  it('knows ISO 4217 codes', () => {
    expect(parseCurrency(' usd ')).toEqual({ ok: true, value: 'USD' });
    expect(parseCurrency('XYZ').ok).toBe(false);
    expect(parseCurrency('dollars').ok).toBe(false);
  });
});
