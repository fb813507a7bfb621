// The actions a person takes on a customer, each a small form validated before it is sent (the
// server validates again and its refusal is shown in its own words).
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { templateCatalog } from '../../../../src/domain/templates/catalog.ts';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { formatInstant, parseAmountInput, toApiAmount } from '../../lib/format.ts';
import { useFormats } from '../../session.ts';
import { playbooksQuery } from './data.ts';

type Invoice = components['schemas']['Invoice'];
type Customer = components['schemas']['Customer'];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date');

/** After any change, what the customer page shows is read again. */
export function useCustomerMutation<T>(customerId: string, send: (values: T) => Promise<unknown>, done: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(customerId) || query.queryKey[0] === 'worklist' });
      done();
    },
  });
}

export function amountIn(currency: string) {
  return z.string().transform((text, ctx) => {
    const parsed = parseAmountInput(text, currency);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `The amount ${parsed.message}` });
      return z.NEVER;
    }
    if (parsed.value <= 0n) {
      ctx.addIssue({ code: 'custom', message: 'The amount must be more than zero' });
      return z.NEVER;
    }
    return parsed.value;
  });
}

export function Buttons({ pending, label, onCancel }: { pending: boolean; label: string; onCancel: () => void }) {
  return (
    <div className="buttons">
      <button type="submit" className="primary" disabled={pending}>
        {pending ? 'Saving…' : label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

export function PaymentForm({ customer, today, done }: { customer: Customer; today: string; done: () => void }) {
  const schema = z.object({ amount: amountIn(customer.currency), receivedOn: date, reference: z.string().max(200) });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { amount: '', receivedOn: today, reference: '' } });
  const save = useCustomerMutation(customer.id, (values: z.output<typeof schema>) =>
    unwrap(api.POST('/api/v1/payments', { body: { customerId: customer.id, amount: toApiAmount(values.amount), currency: customer.currency, receivedOn: values.receivedOn, reference: values.reference.trim() || null } })), done);
  const { errors } = form.formState;
  return (
    <form className="panel action-form" onSubmit={form.handleSubmit((values) => save.mutate(values))} aria-label="Record a payment" noValidate>
      <h3>Record a payment ({customer.currency})</h3>
      <p className="muted small">Allocated to the oldest open invoices first.</p>
      <Field id="payment-amount" label={`Amount (${customer.currency})`} error={errors.amount}>
        <input id="payment-amount" inputMode="decimal" {...form.register('amount')} />
      </Field>
      <Field id="payment-date" label="Received on" error={errors.receivedOn}>
        <input id="payment-date" type="date" {...form.register('receivedOn')} />
      </Field>
      <Field id="payment-reference" label="Reference (optional)" error={errors.reference}>
        <input id="payment-reference" {...form.register('reference')} />
      </Field>
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label="Record payment" onCancel={done} />
    </form>
  );
}

export function PromiseForm({ customer, currencies, done }: { customer: Customer; currencies: string[]; done: () => void }) {
  const currencyChoices = currencies.length ? currencies : [customer.currency];
  const schema = z
    .object({ currency: z.string(), amount: z.string(), dueOn: date, note: z.string().max(5000) })
    .transform((values, ctx) => {
      const parsed = parseAmountInput(values.amount, values.currency);
      if (!parsed.ok || parsed.value <= 0n) {
        ctx.addIssue({ code: 'custom', path: ['amount'], message: parsed.ok ? 'The amount must be more than zero' : `The amount ${parsed.message}` });
        return z.NEVER;
      }
      return { ...values, minor: parsed.value };
    });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { currency: currencyChoices[0], amount: '', dueOn: '', note: '' } });
  const save = useCustomerMutation(customer.id, (values: z.output<typeof schema>) =>
    unwrap(api.POST('/api/v1/promises', { body: { customerId: customer.id, amount: toApiAmount(values.minor), currency: values.currency, dueOn: values.dueOn, note: values.note.trim() || null } })), done);
  const { errors } = form.formState;
  return (
    <form className="panel action-form" onSubmit={form.handleSubmit((values) => save.mutate(values))} aria-label="Record a promise" noValidate>
      <h3>Record a promise to pay</h3>
      {currencyChoices.length > 1 && (
        <Field id="promise-currency" label="Currency">
          <select id="promise-currency" {...form.register('currency')}>
            {currencyChoices.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </Field>
      )}
      <Field id="promise-amount-c" label="Amount" error={errors.amount}>
        <input id="promise-amount-c" inputMode="decimal" {...form.register('amount')} />
      </Field>
      <Field id="promise-due" label="To pay by" error={errors.dueOn}>
        <input id="promise-due" type="date" {...form.register('dueOn')} />
      </Field>
      <Field id="promise-note" label="Note (optional)" error={errors.note}>
        <input id="promise-note" {...form.register('note')} />
      </Field>
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label="Record promise" onCancel={done} />
    </form>
  );
}

const disputeReasons = ['not_received', 'incorrect_amount', 'quality', 'already_paid', 'not_ordered', 'other'] as const;

export function DisputeForm({ customerId, invoices, done }: { customerId: string; invoices: Invoice[]; done: () => void }) {
  const schema = z.object({ invoiceId: z.string().min(1, 'Choose the invoice'), reasonCode: z.enum(disputeReasons), reason: z.string().trim().min(1, 'Say what is disputed').max(5000) });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { invoiceId: invoices[0]?.id ?? '', reasonCode: 'incorrect_amount', reason: '' } });
  const save = useCustomerMutation(customerId, (values: z.output<typeof schema>) => unwrap(api.POST('/api/v1/disputes', { body: values })), done);
  const { errors } = form.formState;
  return (
    <form className="panel action-form" onSubmit={form.handleSubmit((values) => save.mutate(values))} aria-label="Open a dispute" noValidate>
      <h3>Open a dispute</h3>
      <p className="muted small">The disputed invoice is not chased while the dispute is open.</p>
      <Field id="dispute-invoice" label="Invoice" error={errors.invoiceId}>
        <select id="dispute-invoice" {...form.register('invoiceId')}>
          {invoices.map((invoice) => (
            <option key={invoice.id} value={invoice.id}>
              {invoice.number}
            </option>
          ))}
        </select>
      </Field>
      <Field id="dispute-code-c" label="Reason" error={errors.reasonCode}>
        <select id="dispute-code-c" {...form.register('reasonCode')}>
          {disputeReasons.map((code) => (
            <option key={code} value={code}>
              {code.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </Field>
      <Field id="dispute-text" label="What the customer says" error={errors.reason}>
        <textarea id="dispute-text" {...form.register('reason')} />
      </Field>
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label="Open dispute" onCancel={done} />
    </form>
  );
}

export function ResolveDisputeForm({ customerId, disputeId, done }: { customerId: string; disputeId: string; done: () => void }) {
  const schema = z.object({ outcome: z.enum(['upheld', 'rejected', 'partially_upheld']), resolution: z.string().trim().min(1, 'Say how it was resolved').max(5000) });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { outcome: 'rejected', resolution: '' } });
  const save = useCustomerMutation(customerId, (values: z.output<typeof schema>) => unwrap(api.POST('/api/v1/disputes/{id}/resolve', { params: { path: { id: disputeId } }, body: values })), done);
  const { errors } = form.formState;
  return (
    <form className="panel action-form" onSubmit={form.handleSubmit((values) => save.mutate(values))} aria-label="Resolve the dispute" noValidate>
      <Field id={`resolve-outcome-${disputeId}`} label="Outcome" error={errors.outcome}>
        <select id={`resolve-outcome-${disputeId}`} {...form.register('outcome')}>
          <option value="upheld">Upheld (the customer was right)</option>
          <option value="partially_upheld">Partly upheld</option>
          <option value="rejected">Rejected (the invoice stands)</option>
        </select>
      </Field>
      <Field id={`resolve-text-${disputeId}`} label="Resolution" error={errors.resolution}>
        <input id={`resolve-text-${disputeId}`} {...form.register('resolution')} />
      </Field>
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label="Resolve" onCancel={done} />
    </form>
  );
}

export function HoldForm({ customerId, done }: { customerId: string; done: () => void }) {
  const schema = z.object({ reason: z.string().trim().min(1, 'Say why collection is paused').max(2000), endsOn: z.union([date, z.literal('')]) });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { reason: '', endsOn: '' } });
  const save = useCustomerMutation(customerId, (values: z.output<typeof schema>) => unwrap(api.POST('/api/v1/holds', { body: { customerId, reason: values.reason, ...(values.endsOn ? { endsOn: values.endsOn } : {}) } })), done);
  const { errors } = form.formState;
  return (
    <form className="panel action-form" onSubmit={form.handleSubmit((values) => save.mutate(values))} aria-label="Put on hold" noValidate>
      <h3>Put on hold</h3>
      <Field id="hold-reason" label="Reason" error={errors.reason}>
        <input id="hold-reason" {...form.register('reason')} />
      </Field>
      <Field id="hold-ends" label="Until (optional)" error={errors.endsOn}>
        <input id="hold-ends" type="date" {...form.register('endsOn')} />
      </Field>
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label="Put on hold" onCancel={done} />
    </form>
  );
}

export function ExcludeForm({ customer, done }: { customer: Customer; done: () => void }) {
  const excluded = customer.excludedReason !== null;
  const schema = z.object({ reason: excluded ? z.string() : z.string().trim().min(1, 'Say why this customer is excluded').max(500) });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { reason: '' } });
  const save = useCustomerMutation(customer.id, (values: z.output<typeof schema>) =>
    unwrap(api.PATCH('/api/v1/customers/{id}', { params: { path: { id: customer.id } }, body: { excludedReason: excluded ? null : values.reason } })), done);
  const { errors } = form.formState;
  return (
    <form className="panel action-form" onSubmit={form.handleSubmit((values) => save.mutate(values))} aria-label={excluded ? 'Include in collection' : 'Exclude from collection'} noValidate>
      <h3>{excluded ? 'Include in collection again' : 'Exclude from collection'}</h3>
      {excluded ? (
        <p>Excluded because: {customer.excludedReason}. Including the customer lets the next cycle chase them again.</p>
      ) : (
        <Field id="exclude-reason" label="Reason" error={errors.reason}>
          <input id="exclude-reason" {...form.register('reason')} />
        </Field>
      )}
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label={excluded ? 'Include' : 'Exclude'} onCancel={done} />
    </form>
  );
}

export function PlaybookForm({ customer, done }: { customer: Customer; done: () => void }) {
  const playbooks = useQuery(playbooksQuery);
  const schema = z.object({ playbook: z.string() });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { playbook: customer.playbookOverride ?? '' } });
  const save = useCustomerMutation(customer.id, (values: z.output<typeof schema>) =>
    unwrap(api.PATCH('/api/v1/customers/{id}', { params: { path: { id: customer.id } }, body: { playbookOverride: values.playbook || null } })), done);
  return (
    <form className="panel action-form" onSubmit={form.handleSubmit((values) => save.mutate(values))} aria-label="Choose the playbook" noValidate>
      <h3>Choose the playbook</h3>
      <Field id="playbook-choice" label="Playbook">
        <select id="playbook-choice" {...form.register('playbook')}>
          <option value="">The segment rules decide</option>
          {playbooks.data?.data.map((playbook) => (
            <option key={playbook.name} value={playbook.name}>
              {playbook.name} — {playbook.description}
            </option>
          ))}
        </select>
      </Field>
      <ErrorText error={playbooks.error ?? save.error} />
      <Buttons pending={save.isPending} label="Save" onCancel={done} />
    </form>
  );
}

const channels = ['email', 'letter', 'sms'] as const;

/** Send by hand: the contact rules are checked first, and a refusal says which rule and from when. */
export function SendForm({ customerId, done }: { customerId: string; done: () => void }) {
  const formats = useFormats();
  const schema = z.object({ channel: z.enum(channels), template: z.string().min(1, 'Choose a template') });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { channel: 'email', template: '' } });
  const channel = form.watch('channel');
  const check = useQuery({
    queryKey: ['contact-check', customerId, channel],
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}/contact-check', { params: { path: { id: customerId }, query: { channel } } })),
  });
  const queryClient = useQueryClient();
  // Not closed on success: the person reads whether it goes now or waits until the rules allow it.
  const save = useMutation({
    mutationFn: (values: z.output<typeof schema>) => unwrap(api.POST('/api/v1/customers/{id}/messages', { params: { path: { id: customerId } }, body: values })),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(customerId) }),
  });
  // a payment plan's instalment messages are the daily cycle's, with the plan's figures
  const templates = templateCatalog.filter((entry) => !entry.planMessage && (entry.channels as readonly string[]).includes(channel));
  const { errors } = form.formState;
  return (
    <form className="panel action-form" onSubmit={form.handleSubmit((values) => save.mutate(values))} aria-label="Send a message by hand" noValidate>
      <h3>Send a message by hand</h3>
      <Field id="send-channel" label="Channel" error={errors.channel}>
        <select id="send-channel" {...form.register('channel')}>
          {channels.map((code) => (
            <option key={code}>{code}</option>
          ))}
        </select>
      </Field>
      <Field id="send-template" label="Template" error={errors.template}>
        <select id="send-template" {...form.register('template')}>
          <option value="">Choose…</option>
          {templates.map((entry) => (
            <option key={entry.name} value={entry.name}>
              {entry.name} ({entry.tone})
            </option>
          ))}
        </select>
      </Field>
      {check.data && (
        <p className={`contact-check answer-${check.data.answer}`} role="status" data-testid="contact-check">
          {check.data.answer === 'now' ? 'The contact rules allow this now.' : check.data.reason}
          {check.data.answer === 'later' && check.data.allowedFrom && ` Allowed from ${formatInstant(check.data.allowedFrom, formats)} (your time).`}
          {check.data.rule && <span className="muted small"> Rule: {check.data.rule}</span>}
        </p>
      )}
      <ErrorText error={check.error ?? save.error} />
      {save.data && (
        <p role="status" className="contact-check">
          {save.data.status === 'deferred'
            ? `Queued: it goes out ${formatInstant(save.data.dueAt, formats)}${save.data.reason ? ` (${save.data.reason})` : ''}.`
            : 'Queued to send now; it appears on the timeline once sent.'}
        </p>
      )}
      <Buttons pending={save.isPending} label="Send" onCancel={done} />
    </form>
  );
}
