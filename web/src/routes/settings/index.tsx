// /settings — who messages come from, the letterhead, how debtors pay, the paper letters are
// printed on; users and invitations; API keys; one's own password. Owners change the
// organisation's; everyone else reads them. (Charges policy and reference rates are not here yet.)
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { useSession } from '../../session.ts';
import { ApiKeys } from './ApiKeys.tsx';
import { Password } from './Password.tsx';
import { People } from './People.tsx';

const settingsQuery = { queryKey: ['org-settings'], queryFn: () => unwrap(api.GET('/api/v1/org/settings')) };

const schema = z.object({
  senderName: z.string().trim().max(200),
  senderEmail: z.union([z.literal(''), z.string().trim().email('Write an email address such as billing@example.com')]),
  replyTo: z.union([z.literal(''), z.string().trim().email('Write an email address such as accounts@example.com')]),
  phone: z.string().trim().max(50),
  postalAddress: z.string().refine((text) => text.split('\n').filter((line) => line.trim()).length <= 6, 'At most 6 lines'),
  paymentInstructions: z.string().trim().max(700, 'At most 700 characters'),
  paperSize: z.enum(['', 'A4', 'Letter']),
});
type Values = z.infer<typeof schema>;

export function SettingsScreen() {
  const { role, org, user } = useSession();
  const queryClient = useQueryClient();
  const { data: settings } = useSuspenseQuery(settingsQuery);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      senderName: settings.senderName ?? '',
      senderEmail: settings.senderEmail ?? '',
      replyTo: settings.replyTo ?? '',
      phone: settings.phone ?? '',
      postalAddress: settings.postalAddress.join('\n'),
      paymentInstructions: settings.paymentInstructions ?? '',
      paperSize: settings.paperSize,
    },
  });
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
            paymentInstructions: values.paymentInstructions || null,
            paperSize: values.paperSize || null,
          },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['org-settings'] }),
  });
  const readOnly = role !== 'owner';
  const { errors } = form.formState;
  return (
    <div className="settings">
      <h1>Settings</h1>
      <p className="muted">
        {org.name} · {org.currency} · {org.timeZone} · amounts and dates shown in {org.locale}
      </p>
      {readOnly && <p className="muted">Only an owner can change these.</p>}
      <form className="panel action-form" onSubmit={form.handleSubmit((values) => save.mutate(values))} noValidate aria-label="Sender and letterhead">
        <fieldset disabled={readOnly} className="plain-fieldset">
          <legend>Sender and letterhead</legend>
          <Field id="sender-name" label="Sender name" error={errors.senderName}>
            <input id="sender-name" {...form.register('senderName')} />
          </Field>
          <Field id="sender-email" label="Sender email" error={errors.senderEmail}>
            <input id="sender-email" type="email" {...form.register('senderEmail')} />
          </Field>
          <Field id="reply-to" label="Replies go to" error={errors.replyTo}>
            <input id="reply-to" type="email" {...form.register('replyTo')} />
          </Field>
          <Field id="phone" label="Phone" error={errors.phone}>
            <input id="phone" {...form.register('phone')} />
          </Field>
          <Field id="postal-address" label="Postal address (one line each)" error={errors.postalAddress}>
            <textarea id="postal-address" rows={4} {...form.register('postalAddress')} />
          </Field>
          <Field id="payment-instructions" label="How debtors pay you" error={errors.paymentInstructions}>
            <textarea id="payment-instructions" rows={3} {...form.register('paymentInstructions')} />
          </Field>
          <Field id="paper-size" label="Paper" error={errors.paperSize}>
            <select id="paper-size" {...form.register('paperSize')}>
              <option value="">By the organisation’s country</option>
              <option value="A4">A4</option>
              <option value="Letter">Letter</option>
            </select>
          </Field>
          <p className="muted small">{settings.ownSmtpServer ? 'Emails go through your own SMTP server.' : 'Emails go through the server’s SMTP setting (SMTP_URL), or are written as files when none is set.'}</p>
        </fieldset>
        <ErrorText error={save.error} />
        {save.isSuccess && <p role="status">Saved.</p>}
        {!readOnly && (
          <button type="submit" className="primary" disabled={save.isPending}>
            Save
          </button>
        )}
      </form>
      {role === 'owner' && <People />}
      {role === 'owner' && <ApiKeys />}
      {user && <Password />}
    </div>
  );
}
