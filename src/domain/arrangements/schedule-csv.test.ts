import { describe, expect, it } from 'vitest';
import { parseScheduleCsv } from './schedule-csv.ts';

describe('parseScheduleCsv', () => {
  it('reads date,amount lines in the plan’s currency, skipping a header and blank lines', () => {
    expect(parseScheduleCsv('date,amount\n2027-01-01,250.00\n\n2027-02-01,"750"\n', 'GBP')).toEqual({
      ok: true,
      value: [
        { dueOn: '2027-01-01', amount: 250_00n },
        { dueOn: '2027-02-01', amount: 750_00n },
      ],
    });
    expect(parseScheduleCsv('2027-01-01,1000\n', 'JPY')).toEqual({ ok: true, value: [{ dueOn: '2027-01-01', amount: 1000n }] });
  });

  it('names the line and what is wrong with it', () => {
    expect(parseScheduleCsv('2027-01-01,250.00\n2027-02-30,10\n', 'GBP')).toEqual({ ok: false, message: 'line 2: "2027-02-30" is not a date written YYYY-MM-DD' });
    expect(parseScheduleCsv('2027-01-01,10.001\n', 'GBP')).toMatchObject({ ok: false, message: expect.stringMatching(/^line 1: the amount "10.001" has 3 decimals but GBP has 2/) });
    expect(parseScheduleCsv('2027-01-01,1,000.00\n', 'GBP')).toMatchObject({ ok: false, message: expect.stringMatching(/^line 1: write two columns/) });
  });
});
