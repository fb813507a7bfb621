// The organisation's charge policy: what a playbook step that applies charges adds (docs/charges.md).
// Read by anyone, set by an owner; the server validates it again and says what to know about it.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { useSession } from '../../session.ts';

type Policy = components['schemas']['ChargePolicy'];

const percent = z.string().trim().regex(/^\d{1,3}(\.\d{1,4})?$/, 'A percentage such as 5 or 2.5').refine((text) => Number(text) > 0 && Number(text) <= 100, 'More than 0, at most 100');
const feeLine = /^([A-Za-z]{3})\s+(\d+(\.\d+)?)$/;
const schema = z
  .object({
    type: z.enum(['none', 'fixed_fee', 'percentage', 'simple_interest', 'uk_late_payment', 'eu_late_payment']),
    fees: z.string(),
    percent: z.string(),
    annualPercent: z.string(),
  })
  .superRefine((values, context) => {
    if (values.type === 'fixed_fee') {
      const lines = values.fees.split('\n').filter((line) => line.trim());
      if (lines.length === 0 || lines.some((line) => !feeLine.test(line.trim()))) context.addIssue({ code: 'custom', path: ['fees'], message: 'One currency and amount a line, such as GBP 25.00' });
    }
    for (const field of ['percent', 'annualPercent'] as const) {
      const wanted = field === 'percent' ? 'percentage' : 'simple_interest';
      const checked = percent.safeParse(values[field]);
      if (values.type === wanted && !checked.success) context.addIssue({ code: 'custom', path: [field], message: checked.error.issues[0]!.message });
    }
  });
type Values = z.infer<typeof schema>;

function toValues(policy: Policy | null | undefined): Values {
  return {
    type: policy?.type ?? 'none',
    fees: policy?.type === 'fixed_fee' ? Object.entries(policy.amounts).map(([currency, amount]) => `${currency} ${amount}`).join('\n') : '',
    percent: policy?.type === 'percentage' ? policy.percent : '',
    annualPercent: policy?.type === 'simple_interest' ? policy.annualPercent : '',
  };
}

function toPolicy(values: Values): Policy {
  switch (values.type) {
    case 'fixed_fee':
      return {
        type: 'fixed_fee',
        amounts: Object.fromEntries(values.fees.split('\n').filter((line) => line.trim()).map((line) => { const [, currency, amount] = feeLine.exec(line.trim())!; return [currency!.toUpperCase(), amount!]; })),
      };
    case 'percentage':
      return { type: 'percentage', percent: values.percent.trim() };
    case 'simple_interest':
      return { type: 'simple_interest', annualPercent: values.annualPercent.trim() };
    default:
      return { type: values.type };
  }
}

export function ChargePolicy() {
  const { role } = useSession();
  const isOwner = role === 'owner';
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['charge-policy'], queryFn: () => unwrap(api.GET('/api/v1/charge-policy')) });
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: toValues(null) });
  useEffect(() => {
    if (current.data) form.reset(toValues(current.data.policy));
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (values: Values) => unwrap(api.PUT('/api/v1/charge-policy', { body: toPolicy(values) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['charge-policy'] }),
  });
  const type = form.watch('type');
  const { errors } = form.formState;
  return (
    <section className="panel" aria-labelledby="charges-title">
      <h2 id="charges-title">Late charges</h2>
      <ErrorText error={current.error} />
      {current.data && (
        <p>
          In force: <strong>{current.data.label ?? `nothing (the stored policy is not valid: ${current.data.invalid})`}</strong>. A customer’s own policy, set with <code>arrears charges policy set --customer</code>, overrides it.
        </p>
      )}
      {current.data && (
        <form aria-label="Charge policy" noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
          <fieldset disabled={!isOwner}>
            <legend>What a step that applies charges adds</legend>
            <Field id="charge-type" label="Policy" error={errors.type}>
              <select id="charge-type" {...form.register('type')}>
                <option value="none">None</option>
                <option value="fixed_fee">A fixed fee per invoice</option>
                <option value="percentage">A percentage of the overdue amount, once</option>
                <option value="simple_interest">Simple interest a year</option>
                <option value="uk_late_payment">UK Late Payment Act (reference rate + 8, £40–£100)</option>
                <option value="eu_late_payment">EU Late Payment Directive (reference rate + 8, €40)</option>
              </select>
            </Field>
            {type === 'fixed_fee' && (
              <Field id="charge-fees" label="Fee per currency (one a line, e.g. GBP 25.00)" error={errors.fees}>
                <textarea id="charge-fees" rows={2} aria-invalid={errors.fees ? true : undefined} aria-describedby={errors.fees ? 'charge-fees-error' : undefined} {...form.register('fees')} />
              </Field>
            )}
            {type === 'percentage' && (
              <Field id="charge-percent" label="Percent of the overdue amount" error={errors.percent}>
                <input id="charge-percent" inputMode="decimal" aria-invalid={errors.percent ? true : undefined} aria-describedby={errors.percent ? 'charge-percent-error' : undefined} {...form.register('percent')} />
              </Field>
            )}
            {type === 'simple_interest' && (
              <Field id="charge-annual" label="Percent a year" error={errors.annualPercent}>
                <input id="charge-annual" inputMode="decimal" aria-invalid={errors.annualPercent ? true : undefined} aria-describedby={errors.annualPercent ? 'charge-annual-error' : undefined} {...form.register('annualPercent')} />
              </Field>
            )}
          </fieldset>
          <ErrorText error={save.error} />
          {save.data && !form.formState.isDirty && (
            <div role="status" className="notice">
              Saved: {save.data.label}, from the next step that applies charges.
              {save.data.warnings.map((warning) => (
                <p key={warning}>Note: {warning}.</p>
              ))}
            </div>
          )}
          {isOwner ? (
            <div className="buttons">
              <button type="submit" disabled={save.isPending}>
                {save.isPending ? 'Saving…' : 'Save the charge policy'}
              </button>
            </div>
          ) : (
            <p className="muted small">Only an owner can change the charge policy.</p>
          )}
        </form>
      )}
    </section>
  );
}
