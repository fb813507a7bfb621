// A message in the customer's language from end to end: the language chosen from the customer,
// its dates and amounts, and the fallback for a language Arrears has no templates in.
import { describe, expect, it } from 'vitest';
import { buildMessageModel, type OrgFacts } from '../messages/build-message-model.ts';
import { noHistory, type MessageLanguage } from '../messages/message-model.ts';
import { invoiceTableText } from './invoice-table.ts';
import { messageView } from './message-view.ts';
import { renderTemplate } from './render-template.ts';
import { sampleMessageModel } from './sample-model.ts';
import { shippedTemplate } from '../../app/templates/shipped-templates.ts';
import { templateSource } from './template-source.ts';

const org: OrgFacts = { name: 'Acme Ltd', senderName: null, senderEmail: 'accounts@acme.test', replyTo: null, phone: null, postalAddress: ['1 Market St', 'Leeds'], country: 'GB', agency: false, legalEnabled: false, paymentInstructions: null };

function modelFor(language: string | null, country: string | null) {
  return buildMessageModel({
    org,
    customer: { id: 7n, externalId: 'C-7', name: 'Bolt & Co', kind: 'business', country, region: null, language, creditorName: null },
    contacts: [],
    invoices: [{ number: 'I-1', issueDate: '2026-09-07', dueDate: '2026-10-07', currency: 'EUR', total: 123_456n, charged: 0n, allocated: 0n, balance: 123_456n, terms: null, chaseable: 123_456n, disputed: 0n }],
    step: { key: 'reminder', name: 'Reminder', tone: 'friendly', channel: 'email' },
    nextStep: null,
    history: noHistory,
    template: 'reminder-missed',
    date: '2026-11-23',
  }).model;
}

describe('the language of a message', () => {
  it("is chosen from the customer's language: German for de-AT, British English with ISO dates for ja-JP", () => {
    expect(modelFor('de-AT', 'AT')).toMatchObject({ language: 'de-DE' });
    expect(modelFor('de-AT', 'AT').isoDates).toBeFalsy();
    expect(modelFor('fr-CA', 'CA')).toMatchObject({ language: 'fr-FR' });
    expect(modelFor('ja-JP', 'JP')).toMatchObject({ language: 'en-GB', isoDates: true });
  });

  it('writes a Japanese customer ISO dates, never US date order, in the view and the invoice table', () => {
    const model = modelFor('ja-JP', 'JP');
    const view = messageView(model);
    expect(view.oldestDueDate).toBe('2026-10-07');
    expect(view.invoices[0]!.issueDate).toBe('2026-09-07');
    expect(view.date).toBe('2026-11-23');
    expect(view.total).toBe('€1,234.56');
    const table = invoiceTableText(model);
    expect(table).toContain('2026-09-07  2026-10-07');
    expect(table).not.toMatch(/10\/07\/2026|07\/10\/2026/);
  });

  it('renders a Japanese customer’s message in en-GB wording with ISO dates', () => {
    const source = templateSource({ name: 'probe', channel: 'email', language: 'en-GB', version: 0, subject: 'Due on {{oldestDueDate}}', body: 'Dear {{contact.greetingName}},\n\n{{total}} was due on {{oldestDueDate}}.\n\n{{> invoice_table}}\n\nKind regards,', voicemail: null });
    const rendered = renderTemplate(source, modelFor('ja-JP', 'JP'));
    expect(rendered.subject).toBe('Due on 2026-10-07');
    expect(rendered.text).toContain('€1,234.56 was due on 2026-10-07.');
    expect(rendered.text).toMatch(/^I-1 +2026-09-07 +2026-10-07 +47 +€1,234\.56$/m);
  });
});

describe('German, French and Spanish messages', () => {
  const cases: { language: MessageLanguage; due: string; total: string; table: RegExp; optOut: string }[] = [
    { language: 'de-DE', due: 'am 1. Oktober 2026 fällig', total: '2.355,50\u00a0€', table: /^INV-2026-0412 +01\.09\.2026 +01\.10\.2026 +53 +1\.240,00\u00a0€$/m, optOut: 'antworten Sie mit dem Wort STOP' },
    { language: 'fr-FR', due: 'échue le 1er octobre 2026', total: '2\u202f355,50\u00a0€', table: /^INV-2026-0412 +01\/09\/2026 +01\/10\/2026 +53 +1\u202f240,00\u00a0€$/m, optOut: 'répondez avec le mot STOP' },
    { language: 'es-ES', due: 'vencía el 1 de octubre de 2026', total: '2355,50\u00a0€', table: /^INV-2026-0412 +01\/09\/2026 +01\/10\/2026 +53 +1240,00\u00a0€$/m, optOut: 'responda con la palabra STOP' },
  ];

  it.each(cases)('$language: dates and amounts as its readers write them, table headings and opt-out in the language', ({ language, due, total, table, optOut }) => {
    const model = sampleMessageModel(language, { customer: { kind: 'consumer' } });
    const { subject, text, html } = renderTemplate(shippedTemplate('firm-reminder', 'email', language)!, model);
    // A subject is one line of plain spaces; the body keeps the no-break spaces inside amounts.
    expect(subject).toContain(total.replace(/\s/gu, ' '));
    expect(text).toContain(total);
    expect(text).toContain(due);
    expect(text).toMatch(table);
    expect(text).not.toMatch(/Days overdue|not yet due|Reply STOP|\bDear\b/);
    expect(text).toContain(optOut);
    expect(html).toContain(`lang="${language}"`);
  });

  it('keeps a German sign-off on the line above the sender’s name, without a comma', () => {
    const { text } = renderTemplate(shippedTemplate('reminder-missed', 'email', 'de-DE')!, sampleMessageModel('de-DE'));
    expect(text).toMatch(/\n\nMit freundlichen Grüßen\nKatrin Weber\nLindenhof Werkstätten GmbH\n/);
  });

  it('names the organisation’s own payment instructions, never a method it did not set', () => {
    for (const language of ['de-DE', 'fr-FR', 'es-ES'] as const) {
      const model = sampleMessageModel(language);
      const own = renderTemplate(shippedTemplate('firm-reminder', 'letter', language)!, model).text;
      expect(own).toContain(model.org.paymentInstructions!);
      const none = renderTemplate(shippedTemplate('firm-reminder', 'letter', language)!, { ...model, org: { ...model.org, paymentInstructions: null } }).text;
      expect(none).not.toMatch(/ACH|check|cheque|Scheck|chèque/i);
      expect(none).toMatch(/Zahlungsangaben auf unseren Rechnungen|coordonnées de paiement figurant sur nos factures|datos de pago que figuran en nuestras facturas/);
    }
  });

  it('opens a follow-up with the last message sent, by channel and date, only when there was one', () => {
    const opening = {
      'de-DE': 'ich komme auf unsere Nachricht per E-Mail vom 9. November 2026 zurück',
      'fr-FR': 'Je fais suite à notre e-mail du 9 novembre 2026.',
      'es-ES': 'Le escribo en relación con el mensaje que le enviamos por correo electrónico el 9 de noviembre de 2026.',
    } as const;
    for (const language of ['de-DE', 'fr-FR', 'es-ES'] as const) {
      const template = shippedTemplate('follow-up', 'email', language)!;
      expect(renderTemplate(template, sampleMessageModel(language)).text).toContain(opening[language]);
      const first = renderTemplate(template, sampleMessageModel(language, { history: noHistory })).text;
      expect(first).not.toContain(opening[language].slice(0, 20));
      // A German letter goes on in lower case after the salutation's comma.
      if (language === 'de-DE') expect(first).toMatch(/^Guten Tag Jonas Becker,\n\n[a-zäöü]/);
    }
  });

  it('gives the deadline of the message, and without one invents no number of days', () => {
    for (const language of ['de-DE', 'fr-FR', 'es-ES'] as const) {
      const template = shippedTemplate('firm-reminder', 'letter', language)!;
      const model = sampleMessageModel(language, { step: { key: 'firm-reminder', channel: 'letter' } });
      const { text, deadlineOn } = renderTemplate(template, model);
      expect(deadlineOn).not.toBeNull();
      expect(text).toContain(messageView(model).deadline!.on);
      const none = renderTemplate(template, { ...model, deadline: null }).text;
      expect(none).not.toMatch(/\d+ (?:Tagen|jours|días)/);
    }
  });

  it('has a personal call mention reminders going out only when none have', () => {
    const before = { 'de-DE': 'bevor Erinnerungen verschickt werden', 'fr-FR': 'avant l’envoi de tout rappel', 'es-ES': 'antes de enviar ningún recordatorio' } as const;
    for (const language of ['de-DE', 'fr-FR', 'es-ES'] as const) {
      const template = shippedTemplate('call-personal', 'call', language)!;
      expect(renderTemplate(template, sampleMessageModel(language, { history: noHistory })).text).toContain(before[language]);
      expect(renderTemplate(template, sampleMessageModel(language)).text).not.toContain(before[language]);
    }
  });

  it('claims earlier reminders only when some were sent', () => {
    const earlier = { 'de-DE': 'trotz unserer bisherigen Erinnerungen', 'fr-FR': 'malgré nos précédents rappels', 'es-ES': 'a pesar de nuestros recordatorios anteriores' } as const;
    for (const language of ['de-DE', 'fr-FR', 'es-ES'] as const) {
      const template = shippedTemplate('final-notice', 'email', language)!;
      expect(renderTemplate(template, sampleMessageModel(language)).text).toContain(earlier[language]);
      expect(renderTemplate(template, sampleMessageModel(language, { history: noHistory })).text).not.toContain(earlier[language]);
    }
  });
});
