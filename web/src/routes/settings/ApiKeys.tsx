// API keys for scripts and integrations: listed with their last use, created by an owner (the
// key is shown once: only its hash is stored), revoked.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { formatInstant } from '../../lib/format.ts';
import { useFormats, useSession } from '../../session.ts';

type Role = components['schemas']['ApiKey']['role'];

export function ApiKeys() {
  const { role: myRole } = useSession();
  const formats = useFormats();
  const owner = myRole === 'owner';
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/api/v1/api-keys', { params: { query: { limit: 500 } } })) });
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/api-keys', { body: { name: name.trim(), role } })),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/api-keys/{id}/revoke', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  return (
    <section aria-labelledby="keys-heading">
      <h2 id="keys-heading">API keys</h2>
      <ErrorText error={keys.error ?? revoke.error} />
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Role</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {keys.data?.data.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>
                  <code>arr_{key.prefix}…</code>
                </td>
                <td>{key.role}</td>
                <td>{key.lastUsedAt ? formatInstant(key.lastUsedAt, formats) : 'never'}</td>
                <td>
                  {key.revokedAt ? `Revoked ${formatInstant(key.revokedAt, formats)}` : 'Active'}{' '}
                  {owner && !key.revokedAt && (
                    <button type="button" className="link-button" onClick={() => revoke.mutate(key.id)} disabled={revoke.isPending}>
                      Revoke
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
          <form
            className="search-bar"
            onSubmit={(event) => {
              event.preventDefault();
              create.mutate();
            }}
          >
            <label htmlFor="key-name">New key’s name</label>
            <input id="key-name" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. accounting sync" />
            <label htmlFor="key-role">Role</label>
            <select id="key-role" value={role} onChange={(event) => setRole(event.target.value as Role)}>
              <option>viewer</option>
              <option>collector</option>
              <option>owner</option>
            </select>
            <button type="submit" disabled={create.isPending || !name.trim()}>
              Create key
            </button>
          </form>
          <ErrorText error={create.error} />
          {create.data && (
            <div className="panel once" role="status">
              <p>The key “{create.data.name}”, shown only now (only its hash is kept):</p>
              <p>
                <code className="secret">{create.data.key}</code>
              </p>
            </div>
          )}
        </>
      )}
    </section>
  );
}
