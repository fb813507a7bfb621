// The figures behind one month's DSO and CEI in one currency (a month of Today's chart links
// here): the receivables at its start and end, the credit sales, what was written off, the CEI's
// numerator and denominator, and the DSO's countback month by month. For this month, the ending
// receivables link to the customers who owe them now; a past month's are as they stood then.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link } from '@tanstack/react-router';
import type { components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Money } from '../../components/Money.tsx';
import { formatDate } from '../../lib/format.ts';
import { useFormats } from '../../session.ts';
import { kpiFiguresQuery } from './data.ts';

type TrendMonth = components['schemas']['Dashboard']['trend'][number];

export function KpiFigures({ month, currency, today }: { month: TrendMonth; currency: string; today: string }) {
  const { locale } = useFormats();
  const { data, error } = useQuery(kpiFiguresQuery(month.from, month.to));
  const figures = data?.currencies.find((entry) => entry.currency === currency);
  const isNow = month.to === today;
  // Opened from a chart below the fold: bring the figures into view, and the focus to them.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [month.month, currency]);
  return (
    <section aria-labelledby="kpi-figures" className="kpi-figures card">
      <h2 id="kpi-figures" tabIndex={-1} ref={heading}>
        {currency} DSO and CEI, {formatDate(month.from, locale)} to {formatDate(month.to, locale)}: the figures
      </h2>
      <p>
        <Link to="/" hash="kpi-heading">
          Close
        </Link>
      </p>
      <ErrorText error={error} />
      {data && !figures && <p className="muted">Nothing was owed or sold in {currency} that month.</p>}
      {figures && (
        <>
          <dl>
            <dt>Receivables on {formatDate(data!.beginningAsOf, locale)}</dt>
            <dd><Money amount={figures.beginningReceivables} currency={currency} /></dd>
            <dt>Credit sales in the month</dt>
            <dd><Money amount={figures.creditSales} currency={currency} /></dd>
            <dt>Receivables on {formatDate(month.to, locale)}</dt>
            <dd>
              {isNow ? (
                <Link to="/customers" search={{ currency }} data-testid="kpi-ending-receivables">
                  <Money amount={figures.endingReceivables} currency={currency} />
                </Link>
              ) : (
                <Money amount={figures.endingReceivables} currency={currency} />
              )}
            </dd>
            <dt>of which not yet due</dt>
            <dd><Money amount={figures.endingCurrentReceivables} currency={currency} /></dd>
            <dt>Written off in the month</dt>
            <dd><Money amount={figures.writtenOff} currency={currency} /></dd>
            <dt>CEI</dt>
            <dd data-testid="kpi-cei">
              {figures.cei.percent === null ? (figures.cei.reason ?? '—') : `${figures.cei.percent}%`} ={' '}
              <Money amount={figures.cei.numerator} currency={currency} /> collected of <Money amount={figures.cei.denominator} currency={currency} /> collectable
            </dd>
            <dt>DSO</dt>
            <dd data-testid="kpi-dso">
              {figures.dso.days} days: the receivables on {formatDate(month.to, locale)} counted back against each month’s credit sales
              {figures.dso.note ? ` (${figures.dso.note})` : ''}
            </dd>
          </dl>
          <div className="table-scroll">
            <table className="data-table">
              <caption>DSO countback</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col" className="num">Credit sales</th>
                  <th scope="col" className="num">Days counted</th>
                </tr>
              </thead>
              <tbody>
                {figures.dso.periods.map((period) => (
                  <tr key={period.from}>
                    <td>
                      {formatDate(period.from, locale)} – {formatDate(period.to, locale)}
                    </td>
                    <td className="num"><Money amount={period.creditSales} currency={currency} /></td>
                    <td className="num">{period.daysCounted}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {isNow && (
            <p>
              <Link to="/customers" search={{ currency, overdue: 'true' }}>
                The customers with something overdue in {currency} now
              </Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
