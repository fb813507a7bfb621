// What the worklist reads and writes.
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../api/client.ts';

export type Action = components['schemas']['Action'];

export const worklistQuery = queryOptions({
  queryKey: ['worklist'],
  queryFn: () => unwrap(api.GET('/api/v1/actions', { params: { query: { kind: 'task', status: 'ready', limit: 500 } } })),
});

export function callScriptQuery(actionId: string) {
  return queryOptions({
    queryKey: ['call-script', actionId],
    queryFn: () => unwrap(api.GET('/api/v1/actions/{id}/call-script', { params: { path: { id: actionId } } })),
  });
}

export function reviewQuery(actionId: string) {
  return queryOptions({
    queryKey: ['review', actionId],
    queryFn: () => unwrap(api.GET('/api/v1/actions/{id}/review', { params: { path: { id: actionId } } })),
  });
}

export function openInvoicesQuery(customerId: string) {
  return queryOptions({
    queryKey: ['invoices', customerId, 'open'],
    queryFn: () => unwrap(api.GET('/api/v1/invoices', { params: { query: { customerId, status: 'open', limit: 500 } } })),
  });
}

/** The customer's timeline, newest first (the API pages oldest first: the last page is read whole). */
export function recentTimelineQuery(customerId: string) {
  return queryOptions({
    queryKey: ['timeline', customerId, 'recent'],
    queryFn: async () => {
      let cursor: string | undefined;
      let entries: components['schemas']['TimelineEntry'][] = [];
      for (;;) {
        const page = await unwrap(api.GET('/api/v1/customers/{id}/timeline', { params: { path: { id: customerId }, query: { limit: 500, ...(cursor ? { cursor } : {}) } } }));
        entries = [...entries, ...page.data].slice(-50);
        if (!page.nextCursor) return entries.reverse();
        cursor = page.nextCursor;
      }
    },
  });
}
