// Dates around `today` as 'YYYY-MM-DD', computed once with Temporal. The generator works in whole
// days relative to today (0 = today, -1 = yesterday) and only turns them into dates at the end:
// a million invoices need millions of date lookups, and a table lookup is far cheaper than
// Temporal arithmetic per row.
import { addDays, type IsoDate } from '../../domain/calendar.ts';

export class DayTable {
  readonly #dates: IsoDate[] = [];

  constructor(
    readonly today: IsoDate,
    readonly earliest: number,
    readonly latest: number,
  ) {
    let date = addDays(today, earliest);
    for (let offset = earliest; offset <= latest; offset++) {
      this.#dates.push(date);
      date = addDays(date, 1);
    }
  }

  /** The date `offset` days from today. */
  at(offset: number): IsoDate {
    const date = this.#dates[offset - this.earliest];
    if (date === undefined) throw new RangeError(`day offset ${offset} is outside ${this.earliest}..${this.latest}`);
    return date;
  }
}
