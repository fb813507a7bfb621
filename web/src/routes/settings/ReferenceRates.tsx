// The reference rates statutory interest is worked out from (rate + 8 points): the shipped table
// with the organisation's own rows over it, newest first; an owner adds a half-year's rate before
// Arrears ships it (the server refuses a half-year already set unless it is replaced).
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { useSession } from '../../session.ts';

type Scheme = 'uk_late_payment' | 'eu_late_payment';
const schemeNames: Record<Scheme, string> = { uk_late_payment: 'UK (Bank of England)', eu_late_payment: 'EU (ECB)' };

const schema = z.object({
  from: z.string().regex(/^\d{4}-(01|07)-01$/, 'The first day of a half-year: YYYY-01-01 or YYYY-07-01'),
  rate: z.string().trim().regex(/^-?\d{1,3}(\.\d{1,4})?$/, 'A percentage such as 4.25 (at most 4 decimals)'),
  source: z.string().trim().min(1, 'Say where the rate is published').max(500),
  replace: z.boolean(),
});
type Values = z.infer<typeof schema>;

export function ReferenceRates() {
  const { role } = useSession();
  const isOwner = role === 'owner';
  const queryClient = useQueryClient();
  const [scheme, setScheme] = useState<Scheme>('uk_late_payment');
  const rates = useQuery({ queryKey: ['reference-rates', scheme], queryFn: () => unwrap(api.GET('/api/v1/reference-rates', { params: { query: { scheme } } })) });
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { from: '', rate: '', source: '', replace: false } });
  const add = useMutation({
    mutationFn: (values: Values) => unwrap(api.POST('/api/v1/reference-rates', { body: { scheme, ...values } })),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['reference-rates'] });
    },
  });
  const { errors } = form.formState;
  const invalid = (field: keyof Values, id: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});
  return (
    <section className="panel" aria-labelledby="rates-title">
      <h2 id="rates-title">Reference rates</h2>
      <div className="search-bar">
        <label htmlFor="rate-scheme">Scheme</label>
        <select id="rate-scheme" value={scheme} onChange={(event) => setScheme(event.target.value as Scheme)}>
          {Object.entries(schemeNames).map(([value, name]) => (
            <option key={value} value={value}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <ErrorText error={rates.error} />
      <div className="table-scroll">
        <table className="data-table">
          <caption className="muted small">Statutory interest is this rate + 8 points, the rate of the half-year the invoice fell due in.</caption>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Rate</th>
              <th scope="col">Source</th>
            </tr>
          </thead>
          <tbody>
            {rates.data?.data
              .slice()
              .reverse()
              .map((rate) => (
                <tr key={rate.effectiveFrom}>
                  <td className="money">{rate.effectiveFrom}</td>
                  <td className="num money">{rate.ratePercent} %</td>
                  <td className="small">
                    {rate.origin === 'organisation' && <strong>Yours: </strong>}
                    {rate.source}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {isOwner && (
        <form aria-label="Add a reference rate" noValidate onSubmit={form.handleSubmit((values) => add.mutate(values))}>
          <h3>Add a {schemeNames[scheme]} rate</h3>
          <div className="field-row">
            <Field id="rate-from" label="Half-year from" error={errors.from}>
              <input id="rate-from" placeholder="2027-01-01" {...invalid('from', 'rate-from')} {...form.register('from')} />
            </Field>
            <Field id="rate-percent" label="Rate, percent a year" error={errors.rate}>
              <input id="rate-percent" inputMode="decimal" {...invalid('rate', 'rate-percent')} {...form.register('rate')} />
            </Field>
            <Field id="rate-source" label="Where it is published" error={errors.source}>
              <input id="rate-source" {...invalid('source', 'rate-source')} {...form.register('source')} />
            </Field>
          </div>
          <label>
            <input type="checkbox" {...form.register('replace')} /> Replace our rate for that half-year if we have one
          </label>
          <ErrorText error={add.error} />
          <div className="buttons">
            <button type="submit" disabled={add.isPending}>
              Add the rate
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
