// Placing a customer's accounts with a collection agency, and recording a payment the agency
// reports. The commission is checked by the same domain rule the server applies
// (placements/commission.ts), so the commission shown before saving is the one recorded.
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { commissionBasisPoints, commissionOn } from '../../../../src/domain/placements/commission.ts';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { Money } from '../../components/Money.tsx';
import { parseAmountInput, toApiAmount } from '../../lib/format.ts';
import { amountIn, Buttons, useCustomerMutation } from './forms.tsx';

type Placement = components['schemas']['PlacementWithDetail'];

const placementSchema = z.object({
  agency: z.string().trim().min(1, 'Name the agency').max(200),
  commissionPercent: z.string().transform((text, ctx) => {
    const checked = commissionBasisPoints(text);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: `The ${checked.message}` });
      return z.NEVER;
    }
    return checked.value / 100;
  }),
});

/**
 * Owners only (the server refuses anyone else). `beforePlacing` runs first, e.g. the worklist
 * recording its review's decision (placing cancels the customer's open tasks, the review among them).
 */
export function PlacementForm({ customerId, done, beforePlacing }: { customerId: string; done: () => void; beforePlacing?: () => Promise<unknown> }) {
  const form = useForm<z.input<typeof placementSchema>, unknown, z.output<typeof placementSchema>>({ resolver: zodResolver(placementSchema), defaultValues: { agency: '', commissionPercent: '' } });
  const save = useCustomerMutation(
    customerId,
    async (values: z.output<typeof placementSchema>) => {
      await beforePlacing?.();
      await unwrap(api.POST('/api/v1/placements', { body: { agency: values.agency, commissionPercent: values.commissionPercent, customerIds: [customerId] } }));
    },
    done,
  );
  const { errors } = form.formState;
  return (
    <form className="panel action-form" aria-label="Place with an agency" onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate>
      <h3>Place with an agency</h3>
      <p className="muted small">
        The open invoices not under a plan, a settlement or another placement go to the agency, with a file for it (to download once placed). The case goes to status agency and Arrears stops chasing them until you recall the placement.
      </p>
      <div className="field-row">
        <Field id="placement-agency" label="Agency" error={errors.agency}>
          <input id="placement-agency" autoComplete="organization" {...form.register('agency')} />
        </Field>
        <Field id="placement-commission" label="Commission (%)" error={errors.commissionPercent}>
          <input id="placement-commission" inputMode="decimal" {...form.register('commissionPercent')} />
        </Field>
      </div>
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label="Place with agency" onCancel={done} />
    </form>
  );
}

/** A payment the agency reports collecting from this customer, with the commission it keeps. */
export function AgencyPaymentForm({ placement, customerId, currency, today, done }: { placement: Placement; customerId: string; currency: string; today: string; done: () => void }) {
  const schema = z.object({ amount: amountIn(currency), receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose the date the debtor paid the agency') });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { amount: '', receivedOn: today } });
  const save = useCustomerMutation(
    customerId,
    (values: z.output<typeof schema>) => unwrap(api.POST('/api/v1/placements/{id}/payments', { params: { path: { id: placement.id } }, body: { customerId, amount: toApiAmount(values.amount), receivedOn: values.receivedOn } })),
    done,
  );
  const { errors } = form.formState;
  const basisPoints = commissionBasisPoints(placement.commissionPercent);
  const typed = parseAmountInput(form.watch('amount'), currency);
  const commission = basisPoints.ok && typed.ok && typed.value > 0n ? commissionOn(typed.value, basisPoints.value) : null;
  return (
    <form className="panel action-form" aria-label="Record a payment the agency reports" onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate>
      <h3>Record a payment the agency reports ({currency})</h3>
      <p className="muted small">What the debtor paid the agency, allocated to the placed invoices oldest first; the agency keeps {placement.commissionPercent}% of it.</p>
      <div className="field-row">
        <Field id="agency-payment-amount" label={`Amount (${currency})`} error={errors.amount}>
          <input id="agency-payment-amount" inputMode="decimal" {...form.register('amount')} />
        </Field>
        <Field id="agency-payment-date" label="Received on" error={errors.receivedOn}>
          <input id="agency-payment-date" type="date" {...form.register('receivedOn')} />
        </Field>
      </div>
      {commission !== null && (
        <p data-testid="agency-commission">
          Commission to the agency: <Money amount={commission} currency={currency} />
        </p>
      )}
      <ErrorText error={save.error} />
      <Buttons pending={save.isPending} label="Record payment" onCancel={done} />
    </form>
  );
}
