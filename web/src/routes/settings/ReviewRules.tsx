// The review rules (docs/playbooks.md): when an account goes to a person for review, and what each
// way of handing it over would recover. Each field shows its default; read by anyone, saved by an
// owner (PUT /api/v1/review-policy, which validates again); the errors are shown beside the field.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm, type FieldError } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { useSession } from '../../session.ts';

type Policy = components['schemas']['ReviewPolicy'];

const whole = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'A whole number')
    .refine((text) => Number(text) >= min && Number(text) <= max, `From ${min} to ${max}`);
const percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'A percentage with at most two decimals, such as 25 or 12.5')
  .refine((text) => Number(text) <= 100, 'At most 100');
const amountLine = /^([A-Za-z]{3})\s+(\d+(\.\d+)?)$/;

/** Whether `amount` has no more decimals than `currency` has (none for JPY, two for GBP). */
function fitsCurrency(currency: string, amount: string): boolean {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return (amount.split('.')[1] ?? '').length <= digits;
  } catch {
    return false;
  }
}

const amounts = z.string().superRefine((text, context) => {
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const match = amountLine.exec(line);
    if (!match) return context.addIssue({ code: 'custom', message: `One currency and amount a line, such as GBP 5000.00 (not “${line}”)` });
    if (!fitsCurrency(match[1]!.toUpperCase(), match[2]!)) return context.addIssue({ code: 'custom', message: `${match[1]!.toUpperCase()} ${match[2]}: too many decimals, or not a currency` });
  }
});

const schema = z.object({
  noResponseAfterFinalDays: whole(1, 365),
  brokenPromises: whole(1, 20),
  daysOverdue: whole(1, 3650),
  largeBalance: amounts,
  noContactDays: whole(1, 365),
  settlementRate: percent,
  agencyRate: percent,
  agencyCommission: percent,
  claimRate: percent,
  courtFee: amounts,
});
type Values = z.infer<typeof schema>;

const amountsText = (map: Record<string, string>) =>
  Object.entries(map)
    .map(([currency, amount]) => `${currency} ${amount}`)
    .join('\n');
const amountsOf = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .map((line) => amountLine.exec(line.trim()))
      .filter((match) => match !== null)
      .map((match) => [match[1]!.toUpperCase(), match[2]!]),
  );

function toValues(policy: Policy): Values {
  return {
    noResponseAfterFinalDays: String(policy.noResponseAfterFinalDays),
    brokenPromises: String(policy.brokenPromises),
    daysOverdue: String(policy.daysOverdue),
    largeBalance: amountsText(policy.largeBalance),
    noContactDays: String(policy.noContactDays),
    settlementRate: String(policy.recovery.settlement.ratePercent),
    agencyRate: String(policy.recovery.agency.ratePercent),
    agencyCommission: String(policy.recovery.agency.commissionPercent),
    claimRate: String(policy.recovery.smallClaims.ratePercent),
    courtFee: amountsText(policy.recovery.smallClaims.courtFee),
  };
}

function toPolicy(values: Values): Policy {
  return {
    noResponseAfterFinalDays: Number(values.noResponseAfterFinalDays),
    brokenPromises: Number(values.brokenPromises),
    daysOverdue: Number(values.daysOverdue),
    largeBalance: amountsOf(values.largeBalance),
    noContactDays: Number(values.noContactDays),
    recovery: {
      settlement: { ratePercent: Number(values.settlementRate) },
      agency: { ratePercent: Number(values.agencyRate), commissionPercent: Number(values.agencyCommission) },
      smallClaims: { ratePercent: Number(values.claimRate), courtFee: amountsOf(values.courtFee) },
    },
  };
}

const fields: Array<{ name: keyof Values; label: string; multiline?: boolean }> = [
  { name: 'noResponseAfterFinalDays', label: 'No response this many days after the final notice' },
  { name: 'brokenPromises', label: 'Promises broken in the case (a defaulted plan counts at once)' },
  { name: 'daysOverdue', label: 'Oldest invoice more than this many days overdue' },
  { name: 'largeBalance', label: 'A balance at or above (one currency a line, e.g. GBP 5000.00; empty: never)', multiline: true },
  { name: 'noContactDays', label: '… with nothing heard for this many days' },
  { name: 'settlementRate', label: 'A settlement recovers (% of the balance)' },
  { name: 'agencyRate', label: 'An agency recovers (% of the balance)' },
  { name: 'agencyCommission', label: 'The agency’s commission (% of what it recovers)' },
  { name: 'claimRate', label: 'A small claim recovers (% of the balance)' },
  { name: 'courtFee', label: 'The court fee (one currency a line, e.g. GBP 115.00)', multiline: true },
];

export function ReviewRules() {
  const { role } = useSession();
  const isOwner = role === 'owner';
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['review-policy'], queryFn: () => unwrap(api.GET('/api/v1/review-policy')) });
  const form = useForm<Values>({ resolver: zodResolver(schema) });
  useEffect(() => {
    if (current.data) form.reset(toValues(current.data.policy));
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (values: Values) => unwrap(api.PUT('/api/v1/review-policy', { body: toPolicy(values) })),
    onSuccess: (saved) => queryClient.setQueryData(['review-policy'], saved),
  });
  const { errors } = form.formState;
  const defaults = current.data ? toValues(current.data.defaults) : null;
  const control = (name: keyof Values, multiline: boolean | undefined, error: FieldError | undefined) => {
    const id = `review-${name}`;
    const aria = { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined };
    return multiline ? <textarea id={id} rows={3} {...aria} {...form.register(name)} /> : <input id={id} inputMode="decimal" {...aria} {...form.register(name)} />;
  };
  return (
    <section className="panel" aria-labelledby="review-rules-title">
      <h2 id="review-rules-title">Review rules</h2>
      <p className="muted small">
        When the daily cycle puts an account in the review queue, and what each way of handing it over would recover (shown side by side on the review). Also <code>arrears review-policy</code>.
      </p>
      <ErrorText error={current.error} />
      {current.data && defaults && (
        <form aria-label="Review rules" noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
          <fieldset disabled={!isOwner}>
            <legend>Rules and recovery figures</legend>
            {fields.map(({ name, label, multiline }) => (
              <Field key={name} id={`review-${name}`} label={`${label} — default ${defaults[name].replaceAll('\n', ', ') || 'none'}`} error={errors[name]}>
                {control(name, multiline, errors[name])}
              </Field>
            ))}
          </fieldset>
          <ErrorText error={save.error} />
          {save.isSuccess && !form.formState.isDirty && (
            <p role="status" className="notice">
              Saved; the next daily cycle uses it.
            </p>
          )}
          {isOwner ? (
            <div className="buttons">
              <button type="submit" disabled={save.isPending}>
                {save.isPending ? 'Saving…' : 'Save the review rules'}
              </button>{' '}
              <button type="button" onClick={() => form.reset(defaults, { keepDefaultValues: true })}>
                Put back the defaults
              </button>
            </div>
          ) : (
            <p className="muted small">Only an owner can change the review rules.</p>
          )}
        </form>
      )}
    </section>
  );
}
