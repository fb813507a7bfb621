// What Today reads. The aging report's asOf is the organisation's today, so the page needs no
// clock of its own; the KPI months are counted back from it.
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { addDays, monthBounds } from '../../lib/format.ts';

export const buckets = ['current', '1-30', '31-60', '61-90', '91+'] as const;
export type Bucket = (typeof buckets)[number];

export const agingTotalsQuery = queryOptions({
  queryKey: ['aging', 'totals'],
  queryFn: () => unwrap(api.GET('/api/v1/aging', { params: { query: { limit: 1 } } })),
});

/** One KPI report per month: the 11 months before this one and this month to date. */
export function kpiMonthsQuery(today: string) {
  return queryOptions({
    queryKey: ['kpis', 'months', today],
    queryFn: async () => {
      const months = Array.from({ length: 12 }, (_, index) => monthBounds(today, 11 - index));
      const reports = await Promise.all(
        months.map(({ from, to }) => unwrap(api.GET('/api/v1/kpis', { params: { query: { from, to: to > today ? today : to } } }))),
      );
      return reports;
    },
  });
}

export function promisesDueQuery(today: string) {
  return queryOptions({
    queryKey: ['promises', 'pending', today],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/promises', { params: { query: { status: 'pending', limit: 500 } } }));
      const until = addDays(today, 30);
      return { promises: page.data.filter((promise) => promise.dueOn >= today && promise.dueOn <= until), more: page.nextCursor !== null };
    },
  });
}

/** The day's work: counts of what needs a person (each capped at one page of 500: "500+"). */
export function workCountsQuery(today: string) {
  return queryOptions({
    queryKey: ['work-counts', today],
    queryFn: async () => {
      const list = (query: { status?: 'ready' | 'failed' | 'blocked'; kind?: 'task' | 'send'; date?: string }) =>
        unwrap(api.GET('/api/v1/actions', { params: { query: { ...query, limit: 500 } } }));
      const [tasks, failed, blocked, broken] = await Promise.all([
        list({ kind: 'task', status: 'ready' }),
        list({ kind: 'send', status: 'failed' }),
        list({ kind: 'send', status: 'blocked', date: today }),
        unwrap(api.GET('/api/v1/promises', { params: { query: { status: 'broken', limit: 500 } } })),
      ]);
      const count = (rows: unknown[], more: boolean) => ({ count: rows.length, more });
      return {
        calls: count(tasks.data.filter((action) => action.channel === 'call'), tasks.nextCursor !== null),
        reviews: count(tasks.data.filter((action) => action.channel === 'review'), tasks.nextCursor !== null),
        failed: count(failed.data, failed.nextCursor !== null),
        blocked: count(blocked.data, blocked.nextCursor !== null),
        broken: count(broken.data.filter((promise) => promise.resolvedOn !== null && promise.resolvedOn >= addDays(today, -30)), broken.nextCursor !== null),
      };
    },
  });
}
