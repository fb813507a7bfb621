// What Today reads: the dashboard (figures per currency, 12 months of DSO and CEI, the day's work
// counted from the worklist's own rows) and, for the promised figure, the promises behind it.
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { addDays } from '../../lib/format.ts';

export const buckets = ['current', '1-30', '31-60', '61-90', '91+'] as const;
export type Bucket = (typeof buckets)[number];

export const dashboardQuery = queryOptions({
  queryKey: ['dashboard'],
  queryFn: () => unwrap(api.GET('/api/v1/dashboard')),
});

/** The pending promises due from today to 30 days ahead: the dashboard's promisedNext30Days, row by row. */
export function promisesDueQuery(today: string) {
  return queryOptions({
    queryKey: ['promises', 'pending', today],
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/promises', { params: { query: { status: 'pending', dueFrom: today, dueTo: addDays(today, 30), limit: 500 } } }));
      return { promises: page.data, more: page.nextCursor !== null };
    },
  });
}

/** The figures one month's DSO and CEI are made from (GET /api/v1/kpis over that month). */
export function kpiFiguresQuery(from: string, to: string) {
  return queryOptions({
    queryKey: ['kpis', from, to],
    queryFn: () => unwrap(api.GET('/api/v1/kpis', { params: { query: { from, to } } })),
  });
}
