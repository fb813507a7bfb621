// /settings — what every message carries: the sender, the letterhead (name, address, phone, paper)
// and how debtors pay; the email server and its test email; users and invitations, API keys
// (owners); late charges and reference rates; the review rules; one's own password. Read by anyone; changed by an owner (the server checks the role again).
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { useSession } from '../../session.ts';
import { ApiKeys } from './ApiKeys.tsx';
import { ChargePolicy } from './ChargePolicy.tsx';
import { EmailServer } from './EmailServer.tsx';
import { ReferenceRates } from './ReferenceRates.tsx';
import { ReviewRules } from './ReviewRules.tsx';
import { Password } from './Password.tsx';
import { People } from './People.tsx';

type OrgSettings = components['schemas']['OrgSettings'];

const email = z.union([z.literal(''), z.email('Write an email address such as accounts@example.com')]);
const schema = z.object({
  senderName: z.string().trim().max(200),
  senderEmail: email,
  replyTo: email,
  phone: z.string().trim().max(50),
  postalAddress: z.string().refine((text) => text.split('\n').filter((line) => line.trim()).length <= 6, 'At most 6 lines'),
  paymentInstructions: z.string().trim().max(700, 'At most 700 characters'),
  paperSize: z.enum(['', 'A4', 'Letter']),
});
type Values = z.infer<typeof schema>;

function toValues(settings: OrgSettings): Values {
  return {
    senderName: settings.senderName ?? '',
    senderEmail: settings.senderEmail ?? '',
    replyTo: settings.replyTo ?? '',
    phone: settings.phone ?? '',
    postalAddress: settings.postalAddress.join('\n'),
    paymentInstructions: settings.paymentInstructions ?? '',
    paperSize: settings.paperSize,
  };
}

export function SettingsScreen() {
  const { role, org, user } = useSession();
  const isOwner = role === 'owner';
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: ['org-settings'], queryFn: () => unwrap(api.GET('/api/v1/org/settings')) });
  const form = useForm<Values>({ resolver: zodResolver(schema) });
  useEffect(() => {
    if (settings.data) form.reset(toValues(settings.data));
  }, [settings.data, form]);
  const save = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.PATCH('/api/v1/org/settings', {
          body: {
            senderName: values.senderName,
            senderEmail: values.senderEmail,
            replyTo: values.replyTo || null,
            phone: values.phone || null,
            postalAddress: values.postalAddress.split('\n').map((line) => line.trim()).filter(Boolean),
            paymentInstructions: values.paymentInstructions.trim() || null,
            paperSize: values.paperSize || null,
          },
        }),
      ),
    onSuccess: (saved) => queryClient.setQueryData(['org-settings'], saved),
  });
  const { errors } = form.formState;
  return (
    <div className="settings">
      <h1>Settings</h1>
      <ErrorText error={settings.error} />
      {settings.data && (
        <form className="panel settings-form" aria-label="Organisation and sender" noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
          <h2>
            {settings.data.name} <span className="muted small">({settings.data.slug}, {org.currency}, {org.timeZone}, {org.locale})</span>
          </h2>
          <fieldset disabled={!isOwner}>
            <legend>Sender</legend>
            <div className="field-row">
              <Field id="sender-name" label="Sender name" error={errors.senderName}>
                <input id="sender-name" {...form.register('senderName')} />
              </Field>
              <Field id="sender-email" label="Sender email" error={errors.senderEmail}>
                <input id="sender-email" type="email" {...form.register('senderEmail')} />
              </Field>
              <Field id="reply-to" label="Replies go to (optional)" error={errors.replyTo}>
                <input id="reply-to" type="email" {...form.register('replyTo')} />
              </Field>
            </div>
          </fieldset>
          <fieldset disabled={!isOwner}>
            <legend>Letterhead</legend>
            <div className="field-row">
              <Field id="postal-address" label="Postal address (one line each, up to 6)" error={errors.postalAddress}>
                <textarea id="postal-address" rows={4} {...form.register('postalAddress')} />
              </Field>
              <div>
                <Field id="phone" label="Phone (optional)" error={errors.phone}>
                  <input id="phone" type="tel" {...form.register('phone')} />
                </Field>
                <Field id="paper-size" label="Paper for letters" error={errors.paperSize}>
                  <select id="paper-size" {...form.register('paperSize')}>
                    <option value="">By the organisation’s country</option>
                    <option value="A4">A4</option>
                    <option value="Letter">US Letter</option>
                  </select>
                </Field>
              </div>
            </div>
          </fieldset>
          <fieldset disabled={!isOwner}>
            <legend>Payment instructions</legend>
            <Field id="payment-instructions" label="How debtors pay, printed in every email and letter that asks for payment (empty: they are pointed to the invoice)" error={errors.paymentInstructions}>
              <textarea id="payment-instructions" rows={3} {...form.register('paymentInstructions')} />
            </Field>
          </fieldset>
          <ErrorText error={save.error} />
          {save.isSuccess && !form.formState.isDirty && (
            <p role="status" className="notice">
              Saved; used from the next message.
            </p>
          )}
          {isOwner ? (
            <div className="buttons">
              <button type="submit" className="primary" disabled={save.isPending}>
                {save.isPending ? 'Saving…' : 'Save settings'}
              </button>
            </div>
          ) : (
            <p className="muted small">Only an owner can change the settings.</p>
          )}
        </form>
      )}
      {settings.data && <EmailServer settings={settings.data} />}
      {isOwner && <People />}
      {isOwner && <ApiKeys />}
      <ChargePolicy />
      <ReferenceRates />
      <ReviewRules />
      {user && <Password />}
    </div>
  );
}
