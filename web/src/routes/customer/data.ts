// What the customer page reads. Every list is one page of up to 500 rows (a customer has far fewer).
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

const path = (id: string) => ({ path: { id } });

export const customerQueries = {
  customer: (id: string) => queryOptions({ queryKey: ['customer', id], queryFn: () => unwrap(api.GET('/api/v1/customers/{id}', { params: path(id) })) }),
  invoices: (id: string) => queryOptions({ queryKey: ['invoices', id], queryFn: () => unwrap(api.GET('/api/v1/invoices', { params: { query: { customerId: id, limit: 500 } } })) }),
  contacts: (id: string) => queryOptions({ queryKey: ['contacts', id], queryFn: () => unwrap(api.GET('/api/v1/contacts', { params: { query: { customerId: id, limit: 500 } } })) }),
  disputes: (id: string) => queryOptions({ queryKey: ['disputes', id], queryFn: () => unwrap(api.GET('/api/v1/disputes', { params: { query: { customerId: id, limit: 500 } } })) }),
  holds: (id: string) => queryOptions({ queryKey: ['holds', id], queryFn: () => unwrap(api.GET('/api/v1/holds', { params: { query: { customerId: id, active: 'true', limit: 500 } } })) }),
  promises: (id: string) => queryOptions({ queryKey: ['promises', id], queryFn: () => unwrap(api.GET('/api/v1/promises', { params: { query: { customerId: id, limit: 500 } } })) }),
  plans: (id: string) => queryOptions({ queryKey: ['plans', id], queryFn: () => unwrap(api.GET('/api/v1/plans', { params: { query: { customerId: id, limit: 500 } } })) }),
  settlements: (id: string) => queryOptions({ queryKey: ['settlements', id], queryFn: () => unwrap(api.GET('/api/v1/settlements', { params: { query: { customerId: id, limit: 500 } } })) }),
  writeOffs: (id: string) => queryOptions({ queryKey: ['write-offs', id], queryFn: () => unwrap(api.GET('/api/v1/write-offs', { params: { query: { customerId: id, limit: 500 } } })) }),
  placements: (id: string) => queryOptions({ queryKey: ['placements', id], queryFn: () => unwrap(api.GET('/api/v1/placements', { params: { query: { customerId: id, limit: 500 } } })) }),
  playbook: (id: string) => queryOptions({ queryKey: ['customer-playbook', id], queryFn: () => unwrap(api.GET('/api/v1/customers/{id}/playbook', { params: path(id) })) }),
};

export const playbooksQuery = queryOptions({ queryKey: ['playbooks'], queryFn: () => unwrap(api.GET('/api/v1/playbooks', { params: { query: { limit: 500 } } })) });

/** The timeline newest first, a page at a time (older pages on request). */
export function timelineQuery(id: string) {
  return infiniteQueryOptions({
    queryKey: ['timeline', id],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/customers/{id}/timeline', { params: { ...path(id), query: { order: 'newest', limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One plan with its instalments (keyed by the customer too, so a change on the customer page reads it again). */
export function planQuery(planId: string, customerId: string) {
  return queryOptions({ queryKey: ['plan', planId, customerId], queryFn: () => unwrap(api.GET('/api/v1/plans/{id}', { params: path(planId) })) });
}

export function settlementQuery(settlementId: string) {
  return queryOptions({ queryKey: ['settlement', settlementId], queryFn: () => unwrap(api.GET('/api/v1/settlements/{id}', { params: path(settlementId) })) });
}

/** One placement with its invoices and the agency's payments (keyed by the customer too, so a change on the customer page reads it again). */
export function placementQuery(placementId: string, customerId: string) {
  return queryOptions({ queryKey: ['placement', placementId, customerId], queryFn: () => unwrap(api.GET('/api/v1/placements/{id}', { params: path(placementId) })) });
}
