// A customer's contacts: who, where each address came from, an address that bounced (nothing more
// is emailed to it until it is changed), and the opt-outs per channel. A collector or owner edits a
// contact here and sets its opt-outs (a contact who asked not to be emailed is not emailed).
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Field } from '../../components/Field.tsx';
import { formatInstant } from '../../lib/format.ts';
import { useCanChange, useFormats } from '../../session.ts';
import { customerQueries } from './data.ts';

type Contact = components['schemas']['Contact'];
type Channel = keyof Contact['optOut'];
const channels: Channel[] = ['email', 'sms', 'phone', 'letter'];

export function Contacts({ customerId }: { customerId: string }) {
  const canChange = useCanChange();
  const formats = useFormats();
  const queryClient = useQueryClient();
  const contacts = useQuery(customerQueries.contacts(customerId));
  const [editing, setEditing] = useState<string | null>(null);
  const setOptOut = useMutation({
    mutationFn: ({ id, channel, out }: { id: string; channel: Channel; out: boolean }) => unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id } }, body: { optOut: { [channel]: out } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['contacts', customerId] }),
  });
  return (
    <section aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Contacts</h2>
      <ErrorText error={contacts.error ?? setOptOut.error} />
      <ul className="plain contacts">
        {(contacts.data?.data ?? []).map((contact) =>
          editing === contact.id ? (
            <li key={contact.id}>
              <ContactForm
                contact={contact}
                onDone={() => {
                  setEditing(null);
                  void queryClient.invalidateQueries({ queryKey: ['contacts', customerId] });
                }}
                onCancel={() => setEditing(null)}
              />
            </li>
          ) : (
            <li key={contact.id}>
              <strong>{contact.name ?? 'No name'}</strong> <span className="muted">({contact.role})</span>
              {canChange && (
                <button type="button" className="link-button" onClick={() => setEditing(contact.id)} aria-label={`Edit ${contact.name ?? 'the contact'}`}>
                  Edit
                </button>
              )}
              {contact.email && (
                <div>
                  {contact.email} <span className="muted small">from {contact.emailSource ?? 'unknown'}</span>
                  {contact.emailBouncedAt && (
                    <span className="badge warning" title="Nothing more is emailed to this address until it is changed">
                      bounced {formatInstant(contact.emailBouncedAt, formats)}
                    </span>
                  )}
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
          ),
        )}
        {contacts.data?.data.length === 0 && <li className="muted">No contact on file.</li>}
      </ul>
    </section>
  );
}

const optional = <T extends z.ZodType<string>>(schema: T) => z.union([z.literal(''), schema]);
const schema = z.object({
  name: z.string().trim().max(200),
  email: optional(z.email('Write an email address such as ap@example.com')),
  phone: optional(z.string().trim().regex(/^\+?[0-9][0-9 ().-]{4,30}$/, 'Write a phone number, preferably international such as +44 20 7946 0000')),
  addressLine1: z.string().trim().max(200),
  addressLine2: z.string().trim().max(200),
  city: z.string().trim().max(100),
  postalCode: z.string().trim().max(20),
  country: optional(z.string().trim().regex(/^[A-Z]{2}$/, 'Two capital letters, such as GB or US')),
});
type Values = z.infer<typeof schema>;

/** Edits a contact's name and addresses; an address typed here is recorded as entered by a person. */
function ContactForm({ contact, onDone, onCancel }: { contact: Contact; onDone: () => void; onCancel: () => void }) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: contact.name ?? '',
      email: contact.email ?? '',
      phone: contact.phone ?? '',
      addressLine1: contact.addressLine1 ?? '',
      addressLine2: contact.addressLine2 ?? '',
      city: contact.city ?? '',
      postalCode: contact.postalCode ?? '',
      country: contact.country ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (values: Values) => {
      const changed = (key: keyof Values) => form.formState.dirtyFields[key];
      const body: components['schemas']['UpdateContact'] = {};
      for (const key of ['name', 'addressLine1', 'addressLine2', 'city', 'postalCode', 'country'] as const) if (changed(key)) body[key] = values[key].trim() || null;
      if (changed('email')) Object.assign(body, { email: values.email.trim() || null, emailSource: values.email.trim() ? 'staff' : null });
      if (changed('phone')) Object.assign(body, { phone: values.phone.trim() || null, phoneSource: values.phone.trim() ? 'staff' : null });
      if (changed('addressLine1') || changed('addressLine2') || changed('city') || changed('postalCode') || changed('country')) body.addressSource = 'staff';
      return unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id: contact.id } }, body }));
    },
    onSuccess: onDone,
  });
  const { errors } = form.formState;
  const input = (key: keyof Values, id: string, props: Record<string, unknown> = {}) => (
    <input id={id} {...props} aria-invalid={errors[key] ? true : undefined} aria-describedby={errors[key] ? `${id}-error` : undefined} {...form.register(key)} />
  );
  return (
    <form
      aria-label={`Edit ${contact.name ?? 'the contact'}`}
      noValidate
      onSubmit={form.handleSubmit((values) => save.mutate(values))}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className="field-row">
        <Field id={`c${contact.id}-name`} label="Name" error={errors.name}>
          {input('name', `c${contact.id}-name`, { autoFocus: true })}
        </Field>
        <Field id={`c${contact.id}-email`} label="Email" error={errors.email}>
          {input('email', `c${contact.id}-email`, { type: 'email' })}
        </Field>
        <Field id={`c${contact.id}-phone`} label="Phone" error={errors.phone}>
          {input('phone', `c${contact.id}-phone`, { type: 'tel' })}
        </Field>
      </div>
      <div className="field-row">
        <Field id={`c${contact.id}-line1`} label="Address" error={errors.addressLine1}>
          {input('addressLine1', `c${contact.id}-line1`)}
        </Field>
        <Field id={`c${contact.id}-line2`} label="Address, line 2" error={errors.addressLine2}>
          {input('addressLine2', `c${contact.id}-line2`)}
        </Field>
        <Field id={`c${contact.id}-city`} label="City" error={errors.city}>
          {input('city', `c${contact.id}-city`)}
        </Field>
        <Field id={`c${contact.id}-postcode`} label="Postal code" error={errors.postalCode}>
          {input('postalCode', `c${contact.id}-postcode`)}
        </Field>
        <Field id={`c${contact.id}-country`} label="Country" error={errors.country}>
          {input('country', `c${contact.id}-country`, { className: 'short' })}
        </Field>
      </div>
      {contact.emailBouncedAt && <p className="muted small">The email address bounced: a new one is emailed from the next message.</p>}
      <ErrorText error={save.error} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={save.isPending}>
          Save the contact
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
