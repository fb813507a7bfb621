// /actions — what the cycle planned and what became of each: sent, deferred (until when and why),
// blocked (the rule and its sentence), failed (retry or cancel). Date and status are in the URL.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { AmountsByCurrency } from '../components/Money.tsx';
import { formatInstant } from '../lib/format.ts';
import { useCanChange, useFormats } from '../session.ts';

const route = getRouteApi('/app/actions');
const statuses = ['planned', 'ready', 'sent', 'done', 'deferred', 'blocked', 'failed', 'cancelled'] as const;

export function ActionsScreen() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/actions' });
  const formats = useFormats();
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const actions = useQuery({
    queryKey: ['actions', search],
    queryFn: () => unwrap(api.GET('/api/v1/actions', { params: { query: { limit: 50, ...search } } })),
    placeholderData: keepPreviousData,
  });
  const change = useMutation({
    mutationFn: ({ id, to, reason }: { id: string; to: 'retry' | 'cancel'; reason?: string }) =>
      to === 'retry'
        ? unwrap(api.POST('/api/v1/actions/{id}/retry', { params: { path: { id } } }))
        : unwrap(api.POST('/api/v1/actions/{id}/cancel', { params: { path: { id } }, body: { reason: reason ?? '' } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['actions'] }),
  });
  return (
    <div className="actions">
      <h1>Actions</h1>
      <form className="search-bar" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="actions-date">Cycle date</label>
        <input id="actions-date" type="date" value={search.date ?? ''} onChange={(event) => void navigate({ search: { ...search, date: event.target.value || undefined, cursor: undefined } })} />
        <label htmlFor="actions-status">Status</label>
        <select id="actions-status" value={search.status ?? ''} onChange={(event) => void navigate({ search: { ...search, status: (event.target.value || undefined) as (typeof statuses)[number] | undefined, cursor: undefined } })}>
          <option value="">Any</option>
          {statuses.map((status) => (
            <option key={status}>{status}</option>
          ))}
        </select>
      </form>
      <ErrorText error={actions.error ?? change.error} />
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Step</th>
              <th scope="col">Channel</th>
              <th scope="col">Status</th>
              <th scope="col">Why / when</th>
              <th scope="col" className="num">At stake</th>
              {canChange && <th scope="col">Do</th>}
            </tr>
          </thead>
          <tbody>
            {actions.data?.data.map((action) => (
              <tr key={action.id}>
                <td>
                  <Link to="/customers/$id" params={{ id: action.customerId }}>
                    {action.customerExternalId}
                  </Link>
                </td>
                <td>{action.stepName}</td>
                <td>{action.channel}</td>
                <td>
                  <span className={`status status-${action.status}`}>{action.status}</span>
                </td>
                <td>
                  {action.reason ?? action.lastError ?? ''}
                  {action.rule && <span className="muted small"> ({action.rule})</span>}
                  {action.status === 'deferred' && ` — until ${formatInstant(action.dueAt, formats)}`}
                  {action.nextAttemptAt && ` — next try ${formatInstant(action.nextAttemptAt, formats)}`}
                </td>
                <td className="num">
                  <AmountsByCurrency amounts={action.amounts} />
                </td>
                {canChange && (
                  <td>
                    {['failed', 'blocked', 'cancelled'].includes(action.status) && action.kind === 'send' && (
                      <button type="button" onClick={() => change.mutate({ id: action.id, to: 'retry' })} disabled={change.isPending}>
                        Retry
                      </button>
                    )}
                    {['planned', 'ready', 'deferred', 'failed', 'blocked'].includes(action.status) && action.kind === 'send' && (
                      <button type="button" onClick={() => {
                          // The reason goes on the customer's timeline with the cancelled send.
                          const reason = window.prompt('Why is this send withdrawn?');
                          if (reason?.trim()) change.mutate({ id: action.id, to: 'cancel', reason: reason.trim() });
                        }} disabled={change.isPending}>
                        Cancel
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {actions.data?.data.length === 0 && <p className="muted">No action matches.</p>}
      <nav aria-label="Pages" className="pager">
        {search.cursor && (
          <Link to="/actions" search={{ ...search, cursor: undefined }}>
            First page
          </Link>
        )}
        {actions.data?.nextCursor && (
          <Link to="/actions" search={{ ...search, cursor: actions.data.nextCursor }}>
            Next page
          </Link>
        )}
      </nav>
    </div>
  );
}
