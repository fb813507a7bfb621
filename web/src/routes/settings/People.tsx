// Users and invitations: the owner invites by email with a role (the link is shown once, and
// emailed when an SMTP server is set), changes roles and deactivates; everyone sees who has access.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { formatInstant } from '../../lib/format.ts';
import { useFormats, useSession } from '../../session.ts';

type Role = components['schemas']['User']['role'];
const roles: Role[] = ['owner', 'collector', 'viewer'];

export function People() {
  const { role: myRole, user: me } = useSession();
  const formats = useFormats();
  const owner = myRole === 'owner';
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { limit: 500 } } })) });
  const invites = useQuery({ queryKey: ['invites'], queryFn: () => unwrap(api.GET('/api/v1/invites', { params: { query: { limit: 500 } } })), enabled: owner });
  const refresh = () => queryClient.invalidateQueries({ predicate: (query) => ['users', 'invites'].includes(query.queryKey[0] as string) });
  const change = useMutation({
    mutationFn: ({ id, body }: { id: string; body: components['schemas']['UpdateUser'] }) => unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('collector');
  const invite = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/invites', { body: { email: email.trim(), role } })),
    onSuccess: () => {
      setEmail('');
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => unwrap(api.POST('/api/v1/invites/{id}/revoke', { params: { path: { id } } })), onSuccess: refresh });
  return (
    <section aria-labelledby="people-heading">
      <h2 id="people-heading">Users</h2>
      <ErrorText error={users.error ?? change.error} />
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {users.data?.data.map((user) => (
              <tr key={user.id}>
                <td>{user.name ?? '—'}</td>
                <td>{user.email}</td>
                <td>
                  {owner && user.id !== me?.id ? (
                    <>
                      <label htmlFor={`role-${user.id}`} className="visually-hidden">
                        Role of {user.email}
                      </label>
                      <select id={`role-${user.id}`} value={user.role} onChange={(event) => change.mutate({ id: user.id, body: { role: event.target.value as Role } })}>
                        {roles.map((choice) => (
                          <option key={choice}>{choice}</option>
                        ))}
                      </select>
                    </>
                  ) : (
                    user.role
                  )}
                </td>
                <td>
                  {user.active ? 'Active' : `Deactivated ${user.deactivatedAt ? formatInstant(user.deactivatedAt, formats) : ''}`}{' '}
                  {owner && user.id !== me?.id && (
                    <button type="button" className="link-button" onClick={() => change.mutate({ id: user.id, body: { active: !user.active } })}>
                      {user.active ? 'Deactivate' : 'Reactivate'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {owner && (
        <>
          <h3>Invite someone</h3>
          <form
            className="search-bar"
            onSubmit={(event) => {
              event.preventDefault();
              invite.mutate();
            }}
          >
            <label htmlFor="invite-email">Email</label>
            <input id="invite-email" type="email" value={email} onChange={(event) => setEmail(event.target.value)} required />
            <label htmlFor="invite-role">Role</label>
            <select id="invite-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {roles.map((choice) => (
                <option key={choice}>{choice}</option>
              ))}
            </select>
            <button type="submit" disabled={invite.isPending || !email.trim()}>
              Invite
            </button>
          </form>
          <ErrorText error={invite.error ?? revoke.error} />
          {invite.data && (
            <div className="panel once" role="status">
              <p>
                Invitation for {invite.data.email} ({invite.data.role}).{' '}
                {invite.data.emailed ? 'The link was emailed to them.' : `Not emailed${invite.data.notEmailedBecause ? `: ${invite.data.notEmailedBecause}` : ''}. Pass the link on yourself.`} It is shown only
                now:
              </p>
              <p>
                <code className="secret" data-testid="invite-link">{invite.data.link}</code>
              </p>
            </div>
          )}
          {(invites.data?.data.length ?? 0) > 0 && (
            <>
              <h3>Pending invitations</h3>
              <ul className="plain">
                {invites.data?.data.map((pending) => (
                  <li key={pending.id}>
                    {pending.email} ({pending.role}), expires {formatInstant(pending.expiresAt, formats)}{' '}
                    <button type="button" className="link-button" onClick={() => revoke.mutate(pending.id)}>
                      Withdraw
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
