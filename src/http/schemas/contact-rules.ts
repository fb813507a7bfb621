// The contact-rules contract: may a customer be contacted now (and if not, from when, or why
// not), and the facts a person records that limit contact.
import { messageChannels } from '../../domain/playbooks/playbook.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { z } from '@hono/zod-openapi';
import type { Customer } from '../../db/schema.ts';
import { Id, IsoDate } from './common.ts';

const channel = z.enum(messageChannels);

export const ContactCheckQuery = z.object({ channel: channel.openapi({ param: { name: 'channel', in: 'query' }, example: 'call' }) });

export const ContactCheck = z
  .object({
    channel,
    answer: z.enum(['now', 'later', 'blocked']),
    allowedFrom: z.string().nullable().openapi({ description: 'when contact is allowed, ISO 8601 with the debtor’s offset; null when blocked', example: '2026-11-24T08:00:00-05:00' }),
    rule: z.string().nullable().openapi({ description: 'the rule that defers or blocks it' }),
    reason: z.string().openapi({ example: 'You may call this customer again from 2026-11-24T08:00:00-05:00 (their time).' }),
    rules: z.array(z.object({ id: z.string(), citation: z.string() })).openapi({ description: 'the contact rules that apply to this customer' }),
  })
  .openapi('ContactCheck');

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'write a time as HH:MM (24-hour)');

export const ContactFlagsChange = z
  .strictObject({
    reason: z.string().max(textLimits.reason).openapi({ description: 'how you learned it (required)', example: 'letter from the customer dated 2026-11-20' }),
    ceaseRequestedOn: IsoDate.nullable().optional().openapi({ description: 'the customer asked for contact to stop on this date; null: withdrawn' }),
    attorneyRepresented: z.boolean().optional(),
    bankruptcy: z.boolean().optional(),
    breathingSpaceUntil: IsoDate.nullable().optional().openapi({ description: 'UK breathing space until this date, inclusive; null: ended' }),
    inconvenientTimes: z.array(z.strictObject({ from: time, to: time })).max(10).optional().openapi({ description: 'local times the customer said are inconvenient, every day' }),
  })
  .openapi('ContactFlagsChange');

export const ContactFlags = z
  .object({
    customerId: Id,
    ceaseRequestedOn: IsoDate.nullable(),
    attorneyRepresented: z.boolean(),
    bankruptcy: z.boolean(),
    breathingSpaceUntil: IsoDate.nullable(),
    inconvenientTimes: z.array(z.object({ from: z.string(), to: z.string() })),
  })
  .openapi('ContactFlags');

export function toContactFlags(customer: Customer): z.input<typeof ContactFlags> {
  return {
    customerId: customer.id.toString(),
    ceaseRequestedOn: customer.cease_requested_on,
    attorneyRepresented: customer.attorney_represented,
    bankruptcy: customer.bankruptcy,
    breathingSpaceUntil: customer.breathing_space_until,
    inconvenientTimes: customer.inconvenient_times,
  };
}

export const ContactOverrideRequest = z
  .strictObject({
    channel,
    rule: z.string().openapi({ description: 'the organisation-chosen rule to set aside for this one contact', example: 'no-weekend-contact' }),
    reason: z.string().max(textLimits.reason).openapi({ example: 'the customer asked us to call on Saturday' }),
  })
  .openapi('ContactOverrideRequest');
