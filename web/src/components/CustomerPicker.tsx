// Choosing a real customer for a preview: search by name or external id, pick from the matches;
// "sample data" when none is chosen.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ErrorText } from './ErrorText.tsx';

export function CustomerPicker({ value, onChange }: { value: string; onChange: (customerId: string) => void }) {
  const id = useId();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const customers = useQuery({
    queryKey: ['customers', { q: query, limit: 20 }],
    queryFn: () => unwrap(api.GET('/api/v1/customers', { params: { query: { q: query, limit: 20 } } })),
    enabled: query !== '',
  });
  return (
    <div className="customer-picker">
      <div className="search-bar">
        <label htmlFor={`${id}-find`}>Find a customer</label>
        <input
          id={`${id}-find`}
          type="search"
          placeholder="Name or external id"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') (event.preventDefault(), setQuery(search.trim()));
          }}
        />
        <button type="button" onClick={() => setQuery(search.trim())}>
          Find
        </button>
        <label htmlFor={`${id}-customer`}>Preview for</label>
        <select id={`${id}-customer`} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">sample data</option>
          {customers.data?.data.map((customer) => (
            <option key={customer.id} value={customer.id}>
              {customer.name} ({customer.externalId})
            </option>
          ))}
        </select>
      </div>
      {customers.data && customers.data.data.length === 0 && <p className="muted small">No customer matches “{query}”.</p>}
      <ErrorText error={customers.error} />
    </div>
  );
}
