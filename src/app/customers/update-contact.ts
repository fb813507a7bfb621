// Changes some fields of a contact, including its per-channel opt-outs; fields left out keep their value.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Contact } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { contactColumns, type ContactFields } from './create-contact.ts';

export async function updateContact(db: Executor, orgId: bigint, id: bigint, input: Partial<ContactFields>): Promise<Contact> {
  const row = await db
    .updateTable('contacts')
    .set({
      ...contactColumns(input),
      // a new email address has not bounced: the old one's bounce goes with it
      ...(input.email !== undefined ? { email_bounced_at: sql<string | null>`case when email is distinct from ${input.email} then null else email_bounced_at end` } : {}),
      updated_at: sql<string>`now()`,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `there is no contact ${id}`);
  return row;
}
