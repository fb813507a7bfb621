// /invite#token=… — accepting an invitation: choose a name and a password, and be signed in. The
// token is in the fragment, which the browser never sends to a server.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { ErrorText } from '../components/ErrorText.tsx';

export function InviteScreen() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/invites/accept', { body: { token, name: name.trim(), password } })),
    onSuccess: async (session) => {
      queryClient.setQueryData(['session'], session);
      await navigate({ to: '/' });
    },
  });
  return (
    <main id="main" className="login">
      <form
        className="panel login-form"
        onSubmit={(event) => {
          event.preventDefault();
          accept.mutate();
        }}
      >
        <h1>Join Arrears</h1>
        {!token && <p className="error" role="alert">This link has no invitation in it: open the whole link you were sent.</p>}
        <div className="field">
          <label htmlFor="invite-name">Your name</label>
          <input id="invite-name" autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="invite-password">Choose a password (at least 10 characters)</label>
          <input id="invite-password" type="password" autoComplete="new-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        </div>
        <ErrorText error={accept.error} />
        <button type="submit" className="primary" disabled={!token || !name.trim() || !password || accept.isPending}>
          Join and sign in
        </button>
      </form>
    </main>
  );
}
