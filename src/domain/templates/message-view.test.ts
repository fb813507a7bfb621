import { describe, expect, it } from 'vitest';
import { messageView, messageViewShape, validationEndDate, type ViewShape } from './message-view.ts';
import { sampleMessageModel } from './sample-model.ts';
import { templateHash, templateSource } from './template-source.ts';

/** The keys a shape promises, as paths; lists as "name[]". */
function shapePaths(shape: ViewShape, prefix = ''): string[] {
  if (shape.kind === 'value') return [prefix];
  if (shape.kind === 'list') return shapePaths(shape.item, `${prefix}[]`);
  return Object.entries(shape.fields).flatMap(([name, field]) => shapePaths(field, prefix ? `${prefix}.${name}` : name));
}

function valuePaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return valuePaths(value[0], `${prefix}[]`);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([name, field]) => valuePaths(field, prefix ? `${prefix}.${name}` : name));
  return [prefix];
}

describe('messageView', () => {
  it('has exactly the names the template check allows', () => {
    // every nullable group filled in, so that its names are listed too
    const model = sampleMessageModel('en-GB', { payOnline: { url: 'https://pay.example/1' }, portalLink: { url: 'https://portal.example/1' } });
    expect(valuePaths(messageView(model)).sort()).toEqual(shapePaths(messageViewShape).sort());
  });

  it('gives formatted strings, never bigints or ISO dates', () => {
    const view = messageView(sampleMessageModel('en-US'));
    expect(view.invoices[1]).toMatchObject({ total: '$860.50', charges: '$40.00', paid: '$200.00', balance: '$700.50', dueDate: 'October 22, 2026' });
    expect(view.totals[0]).toMatchObject({ balance: '$2,355.50', hasCharges: true, hasPayments: true });
    expect(view.total).toBe('$2,355.50');
    expect(view.invoiceNumbers).toBe('INV-2026-0412, INV-2026-0468, and INV-2026-0503');
    expect(messageView(sampleMessageModel('en-GB')).invoiceNumbers).toBe('INV-2026-0412, INV-2026-0468 and INV-2026-0503');
    expect(JSON.stringify(view, (_, value) => (typeof value === 'bigint' ? 'BIGINT' : value))).not.toMatch(/BIGINT|\d{4}-\d{2}-\d{2}/);
  });

  it('greets the contact by name, or the customer when the contact has none', () => {
    expect(messageView(sampleMessageModel('en-GB')).contact.greetingName).toBe('Tom Fletcher');
    expect(messageView(sampleMessageModel('en-GB', { contact: { name: null } })).contact).toEqual({ name: '', greetingName: 'Brightwell Café Ltd' });
  });

  it('states shared terms once, and different terms per invoice', () => {
    const model = sampleMessageModel('en-GB');
    expect(messageView(model).terms).toBe('Payment is due within 30 days of the invoice date.');
    const mixed = { ...model, invoices: model.invoices.map((invoice, index) => ({ ...invoice, terms: index === 0 ? '14 days net.' : index === 1 ? null : '30 days net.' })) };
    expect(messageView(mixed).terms).toBe('INV-2026-0412: 14 days net.\nINV-2026-0503: 30 days net.');
  });
});

describe('validationEndDate', () => {
  it('is 30 days after receipt assumed five weekdays after sending', () => {
    expect(validationEndDate('2026-11-23')).toBe('2026-12-30'); // Monday → received Monday 30 Nov
    expect(validationEndDate('2026-11-27')).toBe('2027-01-03'); // Friday → received Friday 4 Dec
    expect(validationEndDate('2026-11-28')).toBe('2027-01-03'); // Saturday → received Friday 4 Dec
  });
});

describe('templateHash', () => {
  it('is the first 16 hex characters of a SHA-256, and changes when text moves between parts', () => {
    const hash = templateHash('Subject', 'Body', null);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(templateHash('Subject', 'Body', null)).toBe(hash);
    expect(templateHash('Subjec', 'tBody', null)).not.toBe(hash);
    expect(templateHash('Subject', 'Body', '')).toBe(hash);
    expect(templateSource({ name: 'x', channel: 'email', language: 'en-GB', version: 1, subject: 'Subject', body: 'Body', voicemail: null }).hash).toBe(hash);
  });
});
