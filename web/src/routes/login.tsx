// /login: email and password. The server's refusal is shown as it is (it never says which of the
// two was wrong, and says when to try again after too many attempts).
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ErrorText } from '../components/ErrorText.tsx';
import { signIn } from '../session.ts';

const credentials = z.object({
  email: z.string().trim().min(1, 'Enter your email address').email('Enter an email address like name@example.com'),
  password: z.string().min(1, 'Enter your password'),
});
type Credentials = z.infer<typeof credentials>;

const route = getRouteApi('/login');

/** Only a path of this app: a `next` pointing at another site would make the login page a redirector. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginScreen() {
  const { next } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<Credentials>({ resolver: zodResolver(credentials), defaultValues: { email: '', password: '' } });
  const login = useMutation({
    mutationFn: signIn,
    onSuccess: async (session) => {
      queryClient.setQueryData(['session'], session);
      await navigate({ href: safeNext(next) });
    },
  });
  const { errors } = form.formState;
  return (
    <main id="main" className="login">
      <form className="panel login-form" onSubmit={form.handleSubmit((values) => login.mutate(values))} noValidate>
        <h1>Sign in to Arrears</h1>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" type="email" autoComplete="username" autoFocus aria-invalid={!!errors.email} aria-describedby={errors.email ? 'email-error' : undefined} {...form.register('email')} />
          {errors.email && <p id="email-error" className="field-error">{errors.email.message}</p>}
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" type="password" autoComplete="current-password" aria-invalid={!!errors.password} aria-describedby={errors.password ? 'password-error' : undefined} {...form.register('password')} />
          {errors.password && <p id="password-error" className="field-error">{errors.password.message}</p>}
        </div>
        <ErrorText error={login.error} />
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">The owner’s first password is printed by the server on its first start.</p>
      </form>
    </main>
  );
}
