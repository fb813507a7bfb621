// The KPI report contract: CEI and countback DSO per currency, with the figures behind them so a
// reader can check the arithmetic (definitions in docs/kpis.md).
import { z } from '@hono/zod-openapi';
import { Amount, IsoDate } from './common.ts';

const OneDecimal = z.number().openapi({ description: 'rounded half away from zero to one decimal' });

const Cei = z
  .object({
    percent: OneDecimal.nullable().openapi({ description: 'null when nothing was collectable' }),
    numerator: Amount.openapi({ description: 'beginning + credit sales − ending receivables' }),
    denominator: Amount.openapi({ description: 'beginning + credit sales − ending current receivables' }),
    reason: z.string().nullable(),
  })
  .openapi('Cei');

const Dso = z
  .object({
    days: OneDecimal,
    receivables: Amount,
    periods: z.array(
      z.object({ from: IsoDate, to: IsoDate, days: z.int(), creditSales: Amount, daysCounted: OneDecimal }).openapi('DsoPeriod'),
    ),
    exceededLookback: z.boolean(),
    note: z.string().nullable(),
  })
  .openapi('Dso');

export const KpiReport = z
  .object({
    from: IsoDate,
    to: IsoDate,
    beginningAsOf: IsoDate.openapi({ description: 'the day before from, whose closing receivables are the beginning ones' }),
    dsoLookbackMonths: z.int(),
    currencies: z.array(
      z
        .object({
          currency: z.string(),
          beginningReceivables: Amount,
          creditSales: Amount,
          endingReceivables: Amount,
          endingCurrentReceivables: Amount,
          /** Written off in the period: out of the ending receivables, and not collected. */
          writtenOff: Amount,
          cei: Cei,
          dso: Dso,
        })
        .openapi('CurrencyKpis'),
    ),
  })
  .openapi('KpiReport');

export const KpiQuery = z.strictObject({
  from: IsoDate.optional().openapi({ description: 'default: the first day of the month three months before `to`' }),
  to: IsoDate.optional().openapi({ description: 'default: today in the organisation’s time zone' }),
});
