import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/support/args.ts';

describe('bench arguments', () => {
  it('has the documented defaults', () => {
    expect(parseArgs(['import'])).toEqual({ scenario: 'import', engine: 'pglite', invoices: 100_000, customers: 10_000, json: false, phases: false, openShare: undefined, messages: 10_000, orgs: 1000 });
  });

  it('reads every option, in either form', () => {
    expect(parseArgs(['aging', '--engine', 'postgres', '--invoices=1_000_000', '--customers', '5000', '--json', '--open-share', '0.9'])).toEqual({
      scenario: 'aging',
      engine: 'postgres',
      invoices: 1_000_000,
      customers: 5000,
      json: true,
      phases: false,
      openShare: 0.9,
      messages: 10_000,
      orgs: 1000,
    });
    expect(parseArgs(['dispatch', '--messages', '500'])).toMatchObject({ scenario: 'dispatch', messages: 500 });
    // orgs: a thousand invoices an organisation unless --invoices says how many in all
    expect(parseArgs(['orgs'])).toMatchObject({ scenario: 'orgs', orgs: 1000, invoices: 1_000_000, customers: 100_000 });
    expect(parseArgs(['orgs', '--orgs', '50'])).toMatchObject({ orgs: 50, invoices: 50_000, customers: 5000 });
    expect(parseArgs(['orgs', '--orgs', '50', '--invoices', '10000'])).toMatchObject({ orgs: 50, invoices: 10_000 });
    // web: the full size is given by its two options
    expect(parseArgs(['web', '--engine', 'postgres', '--customers', '100_000', '--invoices', '1_000_000'])).toMatchObject({ scenario: 'web', customers: 100_000, invoices: 1_000_000 });
  });

  it('refuses what it does not know instead of benching the defaults', () => {
    expect(() => parseArgs(['imports'])).toThrow(/unknown scenario/);
    expect(() => parseArgs(['import', '--engine', 'mysql'])).toThrow(/pglite or postgres/);
    expect(() => parseArgs(['import', '--invoice', '5'])).toThrow(/unknown option/);
    expect(() => parseArgs(['import', '--invoices', '1e6'])).toThrow(/whole number/);
    expect(() => parseArgs(['import', '--open-share', '1.5'])).toThrow(/fraction/);
  });
});
