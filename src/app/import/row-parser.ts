// Reads one CSV row into typed values, collecting a problem (column, value, what to fix) for
// each cell that cannot be read, instead of stopping at the first.
import { isTimeZone, parseDate, type IsoDate } from '../../domain/calendar.ts';
import { countryCode } from '../../domain/countries.ts';
import { isCurrencyCode } from '../../domain/currencies.ts';
import { parseAmount, parseCurrency } from '../../domain/money.ts';
import { textLimits } from '../../domain/text-limits.ts';
import type { RowReader } from './columns.ts';
import { importFieldLimits, shownValue, tooLongMessage } from './field-limits.ts';
import type { RowProblem } from './types.ts';

const emailPattern = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/**
 * Parsed dates by format and text. An export repeats a few hundred distinct dates over all its
 * rows, and checking a date through Temporal costs more than the rest of the row: a million-row
 * import spent ~7 µs a row here. Bounded, so a file of all-different dates cannot grow it.
 */
const parsedDates = new Map<string, ReturnType<typeof parseDate>>();
const maxParsedDates = 20_000;

function parseDateCached(value: string, format: string): ReturnType<typeof parseDate> {
  const key = `${format}\u0000${value}`;
  let parsed = parsedDates.get(key);
  if (parsed === undefined) {
    if (parsedDates.size >= maxParsedDates) parsedDates.clear();
    parsed = parseDate(value, format);
    parsedDates.set(key, parsed);
  }
  return parsed;
}

export class RowParser<F extends string> {
  readonly problems: RowProblem[] = [];

  constructor(
    readonly columns: RowReader<F>,
    readonly line: number,
    readonly fields: string[],
  ) {
    // The database cannot store a NUL character; a row with one is refused here, whatever the format.
    for (let index = 0; index < fields.length; index++) {
      const value = fields[index]!;
      if (!value.includes('\u0000')) continue;
      const header = (columns.headers[index] ?? '').trim();
      this.problems.push({ line, column: header === '' ? null : header, value: shownValue(value), message: 'has a NUL character (\\0), which cannot be stored; remove it from the file' });
    }
  }

  problem(field: F | null, value: string | undefined, message: string): void {
    this.problems.push({ line: this.line, column: field === null ? null : this.columns.header(field), value: value === undefined ? null : shownValue(value), message });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  raw(field: F): string | undefined {
    return this.columns.get(this.fields, field);
  }

  text(field: F, required: true): string;
  text(field: F, required?: false): string | undefined;
  text(field: F, required = false): string | undefined {
    const value = this.raw(field);
    if (value === undefined && required) this.problem(field, '', `is empty; every row needs ${this.columns.header(field)}`);
    const limit = importFieldLimits[field];
    if (value !== undefined && limit !== undefined && value.length > limit) {
      this.problem(field, value, tooLongMessage(value.length, limit));
      return undefined;
    }
    return value;
  }

  date(field: F, format: string, required: true): IsoDate;
  date(field: F, format: string, required?: false): IsoDate | undefined;
  date(field: F, format: string, required = false): IsoDate | undefined {
    const value = this.text(field, required as false);
    if (value === undefined) return required ? '' : undefined;
    const parsed = parseDateCached(value, format);
    if (parsed.ok) return parsed.value;
    this.problem(field, value, parsed.message);
    return required ? '' : undefined;
  }

  /** Minor units of `currency`; negative amounts are a problem unless allowed. */
  amount(field: F, currency: string, options: { required?: boolean; allowNegative?: boolean; negativeHint?: string } = {}): bigint | undefined {
    const value = this.text(field, (options.required ?? false) as false);
    if (value === undefined || !isCurrencyCode(currency)) return undefined;
    const parsed = parseAmount(value, currency);
    if (!parsed.ok) {
      this.problem(field, value, parsed.message);
      return undefined;
    }
    if (parsed.value < 0n && !options.allowNegative) {
      this.problem(field, value, `is negative; ${options.negativeHint ?? 'write a positive amount'}`);
      return undefined;
    }
    return parsed.value;
  }

  currency(field: F, fallback: string | undefined): string {
    const value = this.text(field);
    if (value === undefined) {
      if (fallback === undefined) this.problem(field, '', 'is empty; write an ISO 4217 code such as USD');
      return fallback ?? '';
    }
    const parsed = parseCurrency(value);
    if (parsed.ok) return parsed.value;
    this.problem(field, value, parsed.message);
    return '';
  }

  email(field: F): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    // Several addresses in one cell are common; keep the first, check them all.
    const addresses = value.split(/[;,]/).map((a) => a.trim()).filter(Boolean);
    const bad = addresses.find((address) => !emailPattern.test(address));
    if (bad !== undefined) {
      this.problem(field, value, `"${shownValue(bad)}" is not an email address; write name@example.com`);
      return undefined;
    }
    const long = addresses.find((address) => address.length > textLimits.email);
    if (long !== undefined) {
      this.problem(field, value, tooLongMessage(long.length, textLimits.email, 'has an address'));
      return undefined;
    }
    return addresses[0]?.toLowerCase();
  }

  country(field: F): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    const code = countryCode(value);
    if (code === undefined) this.problem(field, value, 'is not a country; write an ISO 3166 code such as GB or US, or the English name');
    return code;
  }

  timeZone(field: F): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    if (isTimeZone(value)) return value;
    this.problem(field, value, 'is not an IANA time zone; write one such as Europe/London or America/New_York');
    return undefined;
  }

  language(field: F): string | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    try {
      return Intl.getCanonicalLocales(value.replace('_', '-'))[0];
    } catch {
      this.problem(field, value, 'is not a language tag; write one such as en-GB or en-US');
      return undefined;
    }
  }

  kind(field: F): 'business' | 'consumer' | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    const lower = value.toLowerCase();
    if (['business', 'company', 'b2b', 'organisation', 'organization'].includes(lower)) return 'business';
    if (['consumer', 'individual', 'person', 'b2c', 'private'].includes(lower)) return 'consumer';
    this.problem(field, value, 'is not a customer kind; write business or consumer');
    return undefined;
  }

  tags(field: F): string[] | undefined {
    const value = this.text(field);
    if (value === undefined) return undefined;
    const tags = [...new Set(value.split(/[;|,]/).map((tag) => tag.trim().toLowerCase()).filter(Boolean))];
    const long = tags.find((tag) => tag.length > textLimits.tag);
    if (long !== undefined) {
      this.problem(field, value, tooLongMessage(long.length, textLimits.tag, 'has a tag'));
      return undefined;
    }
    if (tags.length > textLimits.maxTags) {
      this.problem(field, value, `has ${tags.length} tags; at most ${textLimits.maxTags} are taken (as by the API): keep fewer`);
      return undefined;
    }
    return tags;
  }
}
