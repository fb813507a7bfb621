// /customers — search (name, external id, contact email, invoice number), filters (aging bucket,
// kind, tag, case status, playbook), sort and server-side pages, all in the URL so a search can be
// bookmarked or shared. Each row shows what the customer owes per currency, never added across
// currencies.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';
import { Money } from '../components/Money.tsx';
import type { CustomersSearch } from '../router.tsx';

const route = getRouteApi('/app/customers');

const buckets = [
  { value: 'current', label: 'Nothing overdue' },
  { value: '1-30', label: '1–30 days late' },
  { value: '31-60', label: '31–60 days late' },
  { value: '61-90', label: '61–90 days late' },
  { value: '91+', label: '91+ days late' },
] as const;
const statuses = [
  { value: 'active', label: 'Being chased' },
  { value: 'paused', label: 'Paused' },
  { value: 'arrangement', label: 'In an arrangement' },
  { value: 'agency', label: 'With an agency' },
  { value: 'legal', label: 'Legal' },
  { value: 'no_case', label: 'No open case' },
  { value: 'excluded', label: 'Excluded' },
] as const;

/** What the figure a person followed here counts, in words (Today's owed, overdue and aging figures link here). */
function owingDescription(search: CustomersSearch): string {
  if (search.invoiceBucket === 'current') return 'with an invoice not yet due';
  if (search.invoiceBucket) return `with an invoice ${search.invoiceBucket.replace('-', '–')} days late`;
  return search.overdue ? 'with something overdue' : 'who owe something';
}

export function CustomersScreen() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/customers' });
  const [text, setText] = useState(search.q ?? '');
  const playbooks = useQuery({ queryKey: ['playbooks'], queryFn: () => unwrap(api.GET('/api/v1/playbooks', { params: { query: { limit: 500 } } })) });
  const { data, error, isFetching } = useQuery({
    queryKey: ['customers', search],
    queryFn: () => unwrap(api.GET('/api/v1/customers', { params: { query: { limit: 50, ...search } } })),
    placeholderData: keepPreviousData,
  });
  /** A changed filter starts again from the first page. */
  const filter = (change: Partial<CustomersSearch>) => void navigate({ search: { ...search, ...change, cursor: undefined } });
  return (
    <div className="customers">
      <h1>Customers</h1>
      <form
        role="search"
        className="search-bar"
        onSubmit={(event) => {
          event.preventDefault();
          filter({ q: text.trim() || undefined });
        }}
      >
        <label htmlFor="customer-search" className="visually-hidden">
          Search customers
        </label>
        <input id="customer-search" type="search" placeholder="Name, external id, email or invoice number" value={text} onChange={(event) => setText(event.target.value)} />
        <button type="submit">Search</button>
      </form>
      <div className="search-bar filters-row">
        <span className="filter">
          <label htmlFor="customer-bucket">Lateness</label>
          <select id="customer-bucket" value={search.bucket ?? ''} onChange={(event) => filter({ bucket: (event.target.value || undefined) as CustomersSearch['bucket'] })}>
            <option value="">Any</option>
            {buckets.map((bucket) => (
              <option key={bucket.value} value={bucket.value}>
                {bucket.label}
              </option>
            ))}
          </select>
        </span>
        <span className="filter">
          <label htmlFor="customer-status">Status</label>
          <select id="customer-status" value={search.status ?? ''} onChange={(event) => filter({ status: (event.target.value || undefined) as CustomersSearch['status'] })}>
            <option value="">Any</option>
            {statuses.map((status) => (
              <option key={status.value} value={status.value}>
                {status.label}
              </option>
            ))}
          </select>
        </span>
        <span className="filter">
          <label htmlFor="customer-kind">Kind</label>
          <select id="customer-kind" value={search.kind ?? ''} onChange={(event) => filter({ kind: (event.target.value || undefined) as CustomersSearch['kind'] })}>
            <option value="">Any</option>
            <option value="business">Businesses</option>
            <option value="consumer">Consumers</option>
          </select>
        </span>
        <span className="filter">
          <label htmlFor="customer-playbook">Playbook chosen</label>
          <select id="customer-playbook" value={search.playbook ?? ''} onChange={(event) => filter({ playbook: event.target.value || undefined })}>
            <option value="">Any</option>
            {playbooks.data?.data.map((playbook) => (
              <option key={playbook.name}>{playbook.name}</option>
            ))}
          </select>
        </span>
        <span className="filter">
          <label htmlFor="customer-tag">Tag</label>
          <input id="customer-tag" className="short" defaultValue={search.tag ?? ''} onBlur={(event) => filter({ tag: event.target.value.trim() || undefined })} />
        </span>
        <span className="filter">
          <label htmlFor="customer-sort">Sort by</label>
          <select id="customer-sort" value={search.sort ?? 'id'} onChange={(event) => filter({ sort: event.target.value as CustomersSearch['sort'] })}>
            <option value="id">Oldest record first</option>
            <option value="name">Name</option>
          </select>
        </span>
      </div>
      {(search.currency || search.overdue || search.invoiceBucket) && (
        <p className="filters-row" role="status">
          Showing customers {owingDescription(search)}
          {search.currency ? ` in ${search.currency}` : ''}.{' '}
          <button type="button" className="link-button" onClick={() => filter({ currency: undefined, overdue: undefined, invoiceBucket: undefined })}>
            Show every customer
          </button>
        </p>
      )}
      <ErrorText error={error} />
      <div className="table-scroll">
        <table className="data-table" aria-busy={isFetching}>
          <caption className="visually-hidden">Customers</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="wide-only">External id</th>
              <th scope="col" className="num">Owed</th>
              <th scope="col" className="num">Overdue</th>
              <th scope="col">Days late</th>
              <th scope="col" className="wide-only">Tags</th>
            </tr>
          </thead>
          <tbody>
            {data?.data.map((customer) => (
              <tr key={customer.id}>
                <td>
                  <Link to="/customers/$id" params={{ id: customer.id }}>
                    {customer.name}
                  </Link>
                  {customer.excludedReason && <span className="badge warning">excluded</span>}
                </td>
                <td className="wide-only">{customer.externalId}</td>
                <td className="num">
                  {customer.balances.length === 0 && <span className="muted">nothing open</span>}
                  {customer.balances.map((balance) => (
                    <div key={balance.currency}>
                      <Money amount={balance.balance} currency={balance.currency} />
                    </div>
                  ))}
                </td>
                <td className="num">
                  {customer.balances.map((balance) => (
                    <div key={balance.currency} className={balance.overdue > 0 ? 'overdue-text' : undefined}>
                      <Money amount={balance.overdue} currency={balance.currency} />
                    </div>
                  ))}
                </td>
                <td>{customer.oldestDaysLate ?? '—'}</td>
                <td className="wide-only">{customer.tags.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data?.data.length === 0 && <p className="muted">No customer matches.</p>}
      <nav aria-label="Pages" className="pager">
        {search.cursor && (
          <Link to="/customers" search={{ ...search, cursor: undefined }}>
            First page
          </Link>
        )}
        {data?.nextCursor && (
          <Link to="/customers" search={{ ...search, cursor: data.nextCursor }}>
            Next page
          </Link>
        )}
      </nav>
    </div>
  );
}
