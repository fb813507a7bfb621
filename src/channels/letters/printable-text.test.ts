import { describe, expect, it } from 'vitest';
import { letterAmount } from './letter-format.ts';
import { isPrintable, printable } from './printable-text.ts';

describe('printable', () => {
  it('keeps what Windows-1252 has: Latin-1 accents, the euro, curly quotes and dashes', () => {
    const text = 'Café Müller & Søn — “£1,234.56”, €9.00, $5.00 – ‘ok’ • naïve';
    expect(printable(text)).toBe(text);
  });

  it('drops accents the encoding lacks and spells the undecomposable letters the nearest Latin way', () => {
    expect(printable('Łukasz Wójcik, ul. Świętokrzyska')).toBe('Lukasz Wójcik, ul. Swietokrzyska');
    expect(printable('Őrség Kft., Đorđe, Ştefan')).toBe('Orség Kft., Dorde, Stefan');
  });

  it('replaces what has no printable form, and normalises spaces and line ends', () => {
    expect(printable('東京 ✓')).toBe('?? ?');
    expect(printable('a\tb\r\nc\u202Fd\u2212e')).toBe('a b\nc d-e');
    expect(isPrintable('\u0007')).toBe(false);
  });
});

describe('letterAmount', () => {
  it('is formatAmount where the fonts have the sign, the currency code where they do not', () => {
    expect(letterAmount('en-GB', 123_456n, 'GBP')).toBe('£1,234.56');
    expect(letterAmount('en-US', 123_456n, 'EUR')).toBe('€1,234.56');
    expect(letterAmount('en-US', -500n, 'USD')).toBe('-$5.00');
    expect(letterAmount('en-GB', 123_456n, 'INR')).toMatch(/^INR\s1,234\.56$/);
    expect(letterAmount('en-US', 1_000n, 'JPY')).toBe('¥1,000');
  });
});
