// What the worklist reads: the server's queue (its order and the rule stated with it), and for
// the item being worked its script or review, the customer's open invoices and last contacts.
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../api/client.ts';

export type WorklistItem = components['schemas']['WorklistItem'];
export type WorklistKind = WorklistItem['kind'];

/** The screen's filters, each a group of the server's kinds. */
export const kindGroups = {
  call: ['call'],
  review: ['review'],
  send: ['send_failed', 'send_blocked', 'letter_held'],
  promise: ['promise_due', 'promise_broken'],
  approval: ['settlement_approval', 'plan_approval'],
} as const satisfies Record<string, readonly WorklistKind[]>;
export type KindGroup = keyof typeof kindGroups;

/** Items a page of the queue shows: a morning's calls fit on one; the rest is a page away. */
export const worklistPageSize = 50;

export function worklistQuery(group: KindGroup | undefined, cursor: string | undefined) {
  return queryOptions({
    queryKey: ['worklist', group ?? 'all', cursor ?? 'first'],
    queryFn: () => unwrap(api.GET('/api/v1/worklist', { params: { query: { limit: worklistPageSize, ...(cursor ? { cursor } : {}), ...(group ? { kind: kindGroups[group].join(',') } : {}) } } })),
  });
}

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

/** The customer's last contacts, newest first. */
export function recentTimelineQuery(customerId: string) {
  return queryOptions({
    queryKey: ['timeline', customerId, 'recent'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/customers/{id}/timeline', { params: { path: { id: customerId }, query: { order: 'newest', limit: 5 } } }))).data,
  });
}
