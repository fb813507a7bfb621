import { describe, expect, it } from 'vitest';
import { letterAmount } from './letter-format.ts';
import { isPrintable, printable } from './printable-text.ts';

describe('printable', () => {
  it('keeps every character as written, in any script the fonts have', () => {
    const text = 'Café Müller & Søn — “£1,234.56”, Łukasz Wójcik, Őrség, Ζωή Παπαδοπούλου, Дмитрий Иванов, 山田太郎, 김민준';
    expect(printable(text)).toBe(text);
    for (const character of 'ŁőΖωДд山田ひカ') expect(isPrintable(character), character).toBe(true);
  });

  it('normalises spaces and line ends, and knows what no font has', () => {
    expect(printable('a\tb\r\nc\u202Fd\u2212e')).toBe('a b\nc d\u2212e');
    expect(isPrintable('\u0007')).toBe(false);
    expect(isPrintable('\u{1D11E}')).toBe(false); // musical G clef: in none of the fonts
  });
});

describe('letterAmount', () => {
  it('is formatAmount where the fonts have the sign, the currency code where they do not', () => {
    expect(letterAmount('en-GB', 123_456n, 'GBP')).toBe('£1,234.56');
    expect(letterAmount('en-US', 123_456n, 'EUR')).toBe('€1,234.56');
    expect(letterAmount('en-US', -500n, 'USD')).toBe('-$5.00');
    expect(letterAmount('en-GB', 123_456n, 'INR')).toBe('₹1,234.56');
    expect(letterAmount('en-US', 1_000n, 'JPY')).toBe('¥1,000');
  });
});
