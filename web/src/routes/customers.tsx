// /customers — search, filters and pages, all in the URL so a search can be bookmarked or shared.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';

const route = getRouteApi('/app/customers');

export function CustomersScreen() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/customers' });
  const [text, setText] = useState(search.q ?? '');
  const { data, error, isFetching } = useQuery({
    queryKey: ['customers', search],
    queryFn: () => unwrap(api.GET('/api/v1/customers', { params: { query: { limit: 50, ...search } } })),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="customers">
      <h1>Customers</h1>
      <form
        role="search"
        className="search-bar"
        onSubmit={(event) => {
          event.preventDefault();
          void navigate({ search: { ...search, q: text.trim() || undefined, cursor: undefined } });
        }}
      >
        <label htmlFor="customer-search" className="visually-hidden">
          Search customers
        </label>
        <input id="customer-search" type="search" placeholder="Name, external id, email or invoice number" value={text} onChange={(event) => setText(event.target.value)} />
        <label htmlFor="customer-kind" className="visually-hidden">
          Kind
        </label>
        <select id="customer-kind" value={search.kind ?? ''} onChange={(event) => void navigate({ search: { ...search, kind: (event.target.value || undefined) as 'business' | 'consumer' | undefined, cursor: undefined } })}>
          <option value="">All kinds</option>
          <option value="business">Businesses</option>
          <option value="consumer">Consumers</option>
        </select>
        <label htmlFor="customer-tag" className="visually-hidden">
          Segment tag
        </label>
        <input
          id="customer-tag"
          placeholder="Tag"
          defaultValue={search.tag ?? ''}
          onBlur={(event) => void navigate({ search: { ...search, tag: event.target.value.trim() || undefined, cursor: undefined } })}
        />
        <button type="submit">Search</button>
      </form>
      <ErrorText error={error} />
      <table className="data-table" aria-busy={isFetching}>
        <caption className="visually-hidden">Customers</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">External id</th>
            <th scope="col">Kind</th>
            <th scope="col">Tags</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {data?.data.map((customer) => (
            <tr key={customer.id}>
              <td>
                <Link to="/customers/$id" params={{ id: customer.id }}>
                  {customer.name}
                </Link>
              </td>
              <td>{customer.externalId}</td>
              <td>{customer.kind}</td>
              <td>{customer.tags.join(', ')}</td>
              <td>{customer.excludedReason ? `Excluded: ${customer.excludedReason}` : 'In collection'}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
