// The SMTP server the organisation's emails go by, and "send me a test email": the owner learns
// from the server itself whether the settings work, before the first reminder depends on them.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { useSession } from '../../session.ts';

const schema = z.object({
  smtpUrl: z.union([z.literal(''), z.string().trim().regex(/^smtps?:\/\/[^/\s]+/, 'Write an smtp:// or smtps:// address such as smtps://user:password@smtp.example.com:465')]),
});
type Values = z.infer<typeof schema>;

export function EmailServer({ settings }: { settings: components['schemas']['OrgSettings'] }) {
  const { role, user } = useSession();
  const isOwner = role === 'owner';
  const queryClient = useQueryClient();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { smtpUrl: '' } });
  const save = useMutation({
    mutationFn: (values: Values) => unwrap(api.PATCH('/api/v1/org/settings', { body: { smtpUrl: values.smtpUrl || null } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(['org-settings'], saved);
      form.reset({ smtpUrl: '' });
      test.reset();
    },
  });
  const test = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/org/settings/test-email')) });
  const { errors } = form.formState;
  return (
    <section className="panel" aria-labelledby="smtp-title">
      <h2 id="smtp-title">Email server</h2>
      <p>
        {settings.smtpServer ? (
          <>
            Emails go out through your own SMTP server <code>{settings.smtpServer}</code> (its password is kept encrypted and never shown).
          </>
        ) : (
          'Emails go out through the server configured for this installation (SMTP_URL), if it has one.'
        )}
      </p>
      {isOwner && (
        <form aria-label="Email server" noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
          <Field id="smtp-url" label="Your own SMTP server (empty: the installation’s)" error={errors.smtpUrl}>
            <input id="smtp-url" autoComplete="off" placeholder="smtps://user:password@smtp.example.com:465" aria-invalid={errors.smtpUrl ? true : undefined} aria-describedby={errors.smtpUrl ? 'smtp-url-error' : undefined} {...form.register('smtpUrl')} />
          </Field>
          <ErrorText error={save.error} />
          <div className="buttons">
            <button type="submit" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save the server'}
            </button>
            {user && (
              <button type="button" className="primary" onClick={() => test.mutate()} disabled={test.isPending}>
                {test.isPending ? 'Sending…' : 'Send me a test email'}
              </button>
            )}
          </div>
          <ErrorText error={test.error} />
          {test.data &&
            (test.data.sent ? (
              <p role="status" className="notice">
                Sent to {test.data.to}; the server answered “{test.data.serverReply}”.
              </p>
            ) : (
              <p role="alert" className="error">
                Not sent to {test.data.to}: {test.data.error}
              </p>
            ))}
        </form>
      )}
    </section>
  );
}
