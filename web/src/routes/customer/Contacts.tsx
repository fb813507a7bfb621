// A customer's contacts: who, where each address came from, and the opt-outs per channel, which a
// collector or owner can set here (a contact who asked not to be emailed is not emailed).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useCanChange } from '../../session.ts';
import { customerQueries } from './data.ts';

type Channel = keyof components['schemas']['Contact']['optOut'];
const channels: Channel[] = ['email', 'sms', 'phone', 'letter'];

export function Contacts({ customerId }: { customerId: string }) {
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const contacts = useQuery(customerQueries.contacts(customerId));
  const setOptOut = useMutation({
    mutationFn: ({ id, channel, out }: { id: string; channel: Channel; out: boolean }) => unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id } }, body: { optOut: { [channel]: out } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contacts', customerId] }),
  });
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Contacts</h2>
      <ErrorText error={contacts.error ?? setOptOut.error} />
      <ul className="plain contacts">
        {(contacts.data?.data ?? []).map((contact) => (
          <li key={contact.id}>
            <strong>{contact.name ?? 'No name'}</strong> <span className="muted">({contact.role})</span>
            {contact.email && (
              <div>
                {contact.email} <span className="muted small">from {contact.emailSource ?? 'unknown'}</span>
              </div>
            )}
            {contact.phone && (
              <div>
                {contact.phone} <span className="muted small">from {contact.phoneSource ?? 'unknown'}</span>
              </div>
            )}
            {contact.addressLine1 && <div>{[contact.addressLine1, contact.addressLine2, contact.city, contact.postalCode, contact.country].filter(Boolean).join(', ')}</div>}
            <fieldset className="opt-outs" disabled={!canChange || setOptOut.isPending}>
              <legend>Opted out of</legend>
              {channels.map((channel) => (
                <label key={channel}>
                  <input type="checkbox" checked={contact.optOut[channel]} onChange={(event) => setOptOut.mutate({ id: contact.id, channel, out: event.target.checked })} /> {channel}
                </label>
              ))}
            </fieldset>
          </li>
        ))}
        {contacts.data?.data.length === 0 && <li className="muted">No contact on file.</li>}
      </ul>
    </section>
  );
}
