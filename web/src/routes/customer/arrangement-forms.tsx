// Proposing a payment plan, offering a settlement and writing an invoice off. The plan's preview is
// built by the same domain rule the server proposes with (plan-schedule.ts), so what is shown
// before saving is, to the minor unit, the plan saved; the server checks everything again.
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { planFrequencies, planSchedule, type PlanFrequency, type PlanScheduleInput } from '../../../../src/domain/arrangements/plan-schedule.ts';
import { parseScheduleCsv } from '../../../../src/domain/arrangements/schedule-csv.ts';
import { writeOffReasonCodes, writeOffReasonLabels } from '../../../../src/domain/arrangements/write-off-rules.ts';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { Money } from '../../components/Money.tsx';
import { formatDate, minorUnits, parseAmountInput, toApiAmount } from '../../lib/format.ts';
import { useFormats } from '../../session.ts';
import { Buttons, useCustomerMutation } from './forms.tsx';

type Invoice = components['schemas']['Invoice'];

const frequencyLabels: Record<PlanFrequency, string> = { week: 'every week', fortnight: 'every fortnight', month: 'every month' };

/** The currencies of these invoices, in the order first seen (a plan or settlement is in one). */
function currenciesOf(invoices: Invoice[]): string[] {
  return [...new Set(invoices.map((invoice) => invoice.currency))];
}

function InvoiceChoice({ idPrefix, invoices, chosen, onChange }: { idPrefix: string; invoices: Invoice[]; chosen: string[]; onChange: (ids: string[]) => void }) {
  const { locale } = useFormats();
  return (
    <fieldset className="invoice-choice">
      <legend>Invoices</legend>
      {invoices.map((invoice) => (
        <label key={invoice.id} className="inline-check" htmlFor={`${idPrefix}-${invoice.id}`}>
          <input
            id={`${idPrefix}-${invoice.id}`}
            type="checkbox"
            checked={chosen.includes(invoice.id)}
            onChange={(event) => onChange(event.target.checked ? [...chosen, invoice.id] : chosen.filter((id) => id !== invoice.id))}
          />
          {invoice.number} · due {formatDate(invoice.dueDate, locale)} · <Money amount={invoice.balance} currency={invoice.currency} />
        </label>
      ))}
    </fieldset>
  );
}

function CurrencyChoice({ id, currencies, value, onChange }: { id: string; currencies: string[]; value: string; onChange: (currency: string) => void }) {
  if (currencies.length < 2) return null;
  return (
    <Field id={id} label="Currency (one per arrangement)">
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {currencies.map((code) => (
          <option key={code}>{code}</option>
        ))}
      </select>
    </Field>
  );
}

export function PlanForm({ customerId, invoices, today, done }: { customerId: string; invoices: Invoice[]; today: string; done: () => void }) {
  const { locale } = useFormats();
  const currencies = currenciesOf(invoices);
  const [currency, setCurrency] = useState(currencies[0] ?? '');
  const inCurrency = invoices.filter((invoice) => invoice.currency === currency);
  const [chosen, setChosen] = useState<string[]>(inCurrency.map((invoice) => invoice.id));
  const [down, setDown] = useState('');
  const [mode, setMode] = useState<'equal' | 'typed'>('equal');
  const [count, setCount] = useState('3');
  const [first, setFirst] = useState('');
  const [every, setEvery] = useState<PlanFrequency>('month');
  const [rows, setRows] = useState('');
  const [note, setNote] = useState('');

  const total = inCurrency.filter((invoice) => chosen.includes(invoice.id)).reduce((sum, invoice) => sum + minorUnits(invoice.balance), 0n);
  const preview = ((): { ok: true; input: PlanScheduleInput; down: bigint; schedule: Array<{ seq: number; dueOn: string; amount: bigint }> } | { ok: false; problem: string } => {
    if (chosen.length === 0) return { ok: false, problem: 'Choose the invoices the plan covers.' };
    const downPayment = down.trim() === '' ? { ok: true as const, value: 0n } : parseAmountInput(down, currency);
    if (!downPayment.ok) return { ok: false, problem: `The down payment ${downPayment.message}` };
    let input: PlanScheduleInput;
    if (mode === 'equal') {
      const instalments = Number(count);
      if (!first) return { ok: false, problem: 'Choose the first instalment’s date.' };
      input = { kind: 'equal', instalments, first, every };
    } else {
      const parsed = parseScheduleCsv(rows, currency);
      if (!parsed.ok) return { ok: false, problem: parsed.message };
      input = { kind: 'typed', rows: parsed.value };
    }
    const built = planSchedule(input, { total, down: downPayment.value, currency, today });
    return built.ok ? { ok: true, input, down: downPayment.value, schedule: built.schedule } : { ok: false, problem: built.problem };
  })();

  const save = useCustomerMutation(
    customerId,
    () => {
      if (!preview.ok) throw new Error(preview.problem);
      const { input } = preview;
      const schedule =
        input.kind === 'equal'
          ? { instalments: input.instalments, first: input.first, every: input.every }
          : { schedule: input.rows.map((row) => ({ dueOn: row.dueOn, amount: toApiAmount(row.amount) })) };
      return unwrap(api.POST('/api/v1/plans', { body: { customerId, invoiceIds: chosen, ...(preview.down > 0n ? { down: toApiAmount(preview.down) } : {}), ...schedule, note: note.trim() || null } }));
    },
    done,
  );

  return (
    <form className="panel action-form plan-form" aria-label="Propose a payment plan" onSubmit={(event) => { event.preventDefault(); save.mutate(undefined); }} noValidate>
      <h3>Propose a payment plan</h3>
      <p className="muted small">An owner (or, when the policy allows, a collector) accepts it; until then its invoices are still chased.</p>
      <CurrencyChoice id="plan-currency" currencies={currencies} value={currency} onChange={(code) => { setCurrency(code); setChosen(invoices.filter((i) => i.currency === code).map((i) => i.id)); }} />
      <InvoiceChoice idPrefix="plan-invoice" invoices={inCurrency} chosen={chosen} onChange={setChosen} />
      <Field id="plan-down" label={`Down payment, due today (optional, ${currency})`}>
        <input id="plan-down" inputMode="decimal" value={down} onChange={(event) => setDown(event.target.value)} />
      </Field>
      <fieldset className="plan-mode">
        <legend>Instalments</legend>
        <label className="inline-check" htmlFor="plan-mode-equal">
          <input id="plan-mode-equal" type="radio" name="plan-mode" checked={mode === 'equal'} onChange={() => setMode('equal')} /> Equal amounts
        </label>
        <label className="inline-check" htmlFor="plan-mode-typed">
          <input id="plan-mode-typed" type="radio" name="plan-mode" checked={mode === 'typed'} onChange={() => setMode('typed')} /> Typed row by row
        </label>
      </fieldset>
      {mode === 'equal' ? (
        <div className="field-row">
          <Field id="plan-count" label="How many">
            <input id="plan-count" type="number" min={1} max={260} value={count} onChange={(event) => setCount(event.target.value)} />
          </Field>
          <Field id="plan-first" label="First on">
            <input id="plan-first" type="date" value={first} onChange={(event) => setFirst(event.target.value)} />
          </Field>
          <Field id="plan-every" label="Then">
            <select id="plan-every" value={every} onChange={(event) => setEvery(event.target.value as PlanFrequency)}>
              {planFrequencies.map((frequency) => (
                <option key={frequency} value={frequency}>
                  {frequencyLabels[frequency]}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : (
        <Field id="plan-rows" label="One line per instalment: date,amount (e.g. 2027-01-31,250.00)">
          <textarea id="plan-rows" rows={4} value={rows} onChange={(event) => setRows(event.target.value)} />
        </Field>
      )}
      <Field id="plan-note" label="Note (optional)">
        <input id="plan-note" value={note} onChange={(event) => setNote(event.target.value)} />
      </Field>
      <section aria-label="Instalments preview" className="plan-preview" data-testid="plan-preview">
        <h4>
          Preview: <Money amount={total} currency={currency || 'XXX'} /> in all
        </h4>
        {preview.ok ? (
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Payment</th>
                <th scope="col">Due</th>
                <th scope="col" className="num">Amount</th>
              </tr>
            </thead>
            <tbody>
              {preview.schedule.map((payment) => (
                <tr key={payment.seq}>
                  <td>{payment.seq === 0 ? 'Down payment' : `Instalment ${payment.seq}`}</td>
                  <td className="nowrap">{formatDate(payment.dueOn, locale)}</td>
                  <td className="num">
                    <Money amount={payment.amount} currency={currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted" role="status">
            {preview.problem}
          </p>
        )}
      </section>
      <ErrorText error={save.error} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={save.isPending || !preview.ok}>
          {save.isPending ? 'Saving…' : 'Propose plan'}
        </button>
        <button type="button" onClick={done}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function SettlementForm({ customerId, invoices, done }: { customerId: string; invoices: Invoice[]; done: () => void }) {
  const currencies = currenciesOf(invoices);
  const [currency, setCurrency] = useState(currencies[0] ?? '');
  const inCurrency = invoices.filter((invoice) => invoice.currency === currency);
  const [chosen, setChosen] = useState<string[]>(inCurrency.map((invoice) => invoice.id));
  const schema = z
    .object({ by: z.enum(['percent', 'amount']), value: z.string(), expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose the date the offer expires') })
    .transform((values, ctx) => {
      if (values.by === 'percent') {
        const percent = Number(values.value);
        if (!/^\d{1,2}(\.\d{1,2})?$/.test(values.value.trim()) || percent <= 0) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: 'Write a percentage above 0 and below 100, up to 2 decimals' });
          return z.NEVER;
        }
        return { expiresOn: values.expiresOn, percent };
      }
      const parsed = parseAmountInput(values.value, currency);
      if (!parsed.ok || parsed.value <= 0n) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: parsed.ok ? 'The amount must be more than zero' : `The amount ${parsed.message}` });
        return z.NEVER;
      }
      return { expiresOn: values.expiresOn, amount: toApiAmount(parsed.value), currency };
    });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { by: 'percent', value: '', expiresOn: '' } });
  const save = useCustomerMutation(customerId, (values: z.output<typeof schema>) => unwrap(api.POST('/api/v1/settlements', { body: { customerId, invoiceIds: chosen, ...values } })), done);
  const { errors } = form.formState;
  const by = form.watch('by');
  return (
    <form className="panel action-form" aria-label="Offer a settlement" onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate>
      <h3>Offer a settlement</h3>
      <p className="muted small">For less than owed, by an expiry date. Below the organisation’s threshold it waits for an owner’s approval on the worklist. Paid in full by then, the rest is written off.</p>
      <CurrencyChoice id="settle-currency" currencies={currencies} value={currency} onChange={(code) => { setCurrency(code); setChosen(invoices.filter((i) => i.currency === code).map((i) => i.id)); }} />
      <InvoiceChoice idPrefix="settle-invoice" invoices={inCurrency} chosen={chosen} onChange={setChosen} />
      <div className="field-row">
        <Field id="settle-by" label="Settle for">
          <select id="settle-by" {...form.register('by')}>
            <option value="percent">a percentage of the balance</option>
            <option value="amount">an amount</option>
          </select>
        </Field>
        <Field id="settle-value" label={by === 'percent' ? 'Percent' : `Amount (${currency})`} error={errors.value}>
          <input id="settle-value" inputMode="decimal" {...form.register('value')} />
        </Field>
        <Field id="settle-expires" label="Expires on" error={errors.expiresOn}>
          <input id="settle-expires" type="date" {...form.register('expiresOn')} />
        </Field>
      </div>
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label="Offer settlement" onCancel={done} />
    </form>
  );
}

export function WriteOffForm({ customerId, invoices, done }: { customerId: string; invoices: Invoice[]; done: () => void }) {
  const schema = z
    .object({ invoiceId: z.string().min(1, 'Choose the invoice'), reasonCode: z.enum(writeOffReasonCodes), note: z.string().max(1000) })
    .refine((values) => values.reasonCode !== 'other' || values.note.trim() !== '', { path: ['note'], message: 'Say why (a note is needed with “other”)' });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { invoiceId: invoices[0]?.id ?? '', reasonCode: 'uncollectable', note: '' } });
  const save = useCustomerMutation(customerId, (values: z.output<typeof schema>) => unwrap(api.POST('/api/v1/write-offs', { body: { invoiceId: values.invoiceId, reasonCode: values.reasonCode, note: values.note.trim() || null } })), done);
  const { errors } = form.formState;
  return (
    <form className="panel action-form" aria-label="Write off an invoice" onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate>
      <h3>Write off an invoice</h3>
      <p className="muted small">Its balance leaves every overdue figure and it is no longer chased. An owner can reverse it.</p>
      <Field id="writeoff-invoice" label="Invoice" error={errors.invoiceId}>
        <select id="writeoff-invoice" {...form.register('invoiceId')}>
          {invoices.map((invoice) => (
            <option key={invoice.id} value={invoice.id}>
              {invoice.number}
            </option>
          ))}
        </select>
      </Field>
      <Field id="writeoff-reason" label="Reason" error={errors.reasonCode}>
        <select id="writeoff-reason" {...form.register('reasonCode')}>
          {writeOffReasonCodes.map((code) => (
            <option key={code} value={code}>
              {writeOffReasonLabels[code]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="writeoff-note" label={form.watch('reasonCode') === 'other' ? 'Note (why)' : 'Note (optional)'} error={errors.note}>
        <input id="writeoff-note" {...form.register('note')} />
      </Field>
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label="Write off" onCancel={done} />
    </form>
  );
}
