// A payment schedule typed by hand, as a CSV file: one line per instalment, `date,amount`
// (YYYY-MM-DD, and the amount in the plan's currency as written, e.g. 250.00); a header line and
// blank lines are allowed. Parsed here, checked by typedSchedule (plan-schedule.ts).
import { isIsoDate, type IsoDate } from '../calendar.ts';
import { parseAmount, type ParseResult } from '../money.ts';

export function parseScheduleCsv(text: string, currency: string): ParseResult<Array<{ dueOn: IsoDate; amount: bigint }>> {
  const rows: Array<{ dueOn: IsoDate; amount: bigint }> = [];
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    const [date = '', amount = '', ...rest] = line.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
    if (rows.length === 0 && !/^\d/.test(date)) continue; // the header
    if (rest.length > 0) return { ok: false, message: `line ${n + 1}: write two columns, date,amount (got "${line}"); amounts without thousands separators` };
    if (!isIsoDate(date)) return { ok: false, message: `line ${n + 1}: "${date}" is not a date written YYYY-MM-DD` };
    const parsed = parseAmount(amount, currency);
    if (!parsed.ok) return { ok: false, message: `line ${n + 1}: the amount "${amount}" ${parsed.message}` };
    rows.push({ dueOn: date, amount: parsed.value });
  }
  return { ok: true, value: rows };
}
