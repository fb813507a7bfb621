// Changing one's own password (the current one is required; one's other sessions end).
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';

export function Password() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/session/password', { body: { currentPassword, newPassword } })),
    onSuccess: () => {
      setCurrent('');
      setNew('');
    },
  });
  return (
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Your password</h2>
      <form
        className="panel action-form"
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate();
        }}
      >
        <div className="field">
          <label htmlFor="current-password">Current password</label>
          <input id="current-password" type="password" autoComplete="current-password" value={currentPassword} onChange={(event) => setCurrent(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-password">New password (at least 10 characters)</label>
          <input id="new-password" type="password" autoComplete="new-password" value={newPassword} onChange={(event) => setNew(event.target.value)} />
        </div>
        <ErrorText error={change.error} />
        {change.data && <p role="status">Changed. {change.data.endedSessions > 0 ? `Your ${change.data.endedSessions} other session(s) ended.` : ''}</p>}
        <button type="submit" disabled={change.isPending || !currentPassword || !newPassword}>
          Change password
        </button>
      </form>
    </section>
  );
}
