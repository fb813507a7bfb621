import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../compliance/template-lint.ts';
import { messageLanguages, type MessageLanguage, type MessageModel } from '../messages/message-model.ts';
import { findTemplate, templateCatalog } from './catalog.ts';
import { checkTemplate, smsMaxLength } from './check-template.ts';
import { fixedWording } from './fixed-wording.ts';
import { formatAmount } from './format.ts';
import { withoutLegalSections } from './legal-sections.ts';
import { renderTemplate, templateParts } from './render-template.ts';
import { sampleMessageModel } from './sample-model.ts';
import { shippedTemplate, shippedTemplates } from '../../app/templates/shipped-templates.ts';
import { templateHash } from './template-source.ts';

const debtors: { label: string; model: (language: MessageLanguage, legalEnabled: boolean) => MessageModel }[] = [
  { label: 'business', model: (language, legalEnabled) => sampleMessageModel(language, { legalEnabled }) },
  { label: 'business, no next step', model: (language, legalEnabled) => sampleMessageModel(language, { legalEnabled, nextStep: null }) },
  { label: 'consumer', model: (language, legalEnabled) => sampleMessageModel(language, { legalEnabled, customer: { kind: 'consumer', name: 'Jordan Miles' }, contact: { name: 'Jordan Miles' } }) },
  {
    label: 'consumer, agency',
    model: (language, legalEnabled) => sampleMessageModel(language, { legalEnabled, agency: true, customer: { kind: 'consumer', name: 'Jordan Miles' }, contact: { name: 'Jordan Miles' } }),
  },
  { label: 'business, one invoice partly disputed', model: (language, legalEnabled) => sampleMessageModel(language, { legalEnabled, invoices: partlyDisputed(language) }) },
];

/** The sample invoices, the first with £100.00 (or 100.00 in its currency) of it under review. */
function partlyDisputed(language: MessageLanguage) {
  return sampleMessageModel(language).invoices.map((invoice, n) => (n === 0 ? { ...invoice, balance: invoice.balance - 100_00n, disputed: 100_00n } : invoice));
}

const all = shippedTemplates();
const label = (t: { name: string; channel: string; language: string }) => `${t.language}/${t.name}.${t.channel}`;
const escape = (text: string) => text.replace(/[$.*+?()[\]{}|^\\]/g, '\\$&');

/** What each language's texts must look like: salutation, letter ending, voicemail wording. */
const conventions: Record<MessageLanguage, { salutation: RegExp; letterEnd: RegExp; callBack: RegExp; aboutTheDebt: RegExp }> = {
  'en-US': { salutation: /^Dear James Carter:/, letterEnd: /[^,]$/, callBack: /call me back/, aboutTheDebt: /debt|owe|overdue|invoice|balance|payment|collect/i },
  'en-GB': { salutation: /^Dear Tom Fletcher,/, letterEnd: /[^,]$/, callBack: /call me back/, aboutTheDebt: /debt|owe|overdue|invoice|balance|payment|collect/i },
  // The letter layout prints "Mit freundlichen Grüßen" / "Atentamente," above the signature; a
  // French letter closes with its formule de politesse inside the body.
  'de-DE': { salutation: /^Guten Tag Jonas Becker,\n\n(?:[a-zäöü]|Sie |Ihr)/, letterEnd: /[.!?]$/, callBack: /rufen Sie mich .*zurück|zurückrufen/, aboutTheDebt: /Rechnung|Zahlung|Betrag|Schuld|offen|überfällig|Forderung|Inkasso|Konto|Mahn/i },
  'fr-FR': { salutation: /^Madame, Monsieur,\n\n[A-ZÀ-Ý]/, letterEnd: /salutations distinguées\.$/, callBack: /me rappeler/, aboutTheDebt: /facture|paiement|règlement|dette|solde|montant|recouvrement|retard|compte|relance/i },
  'es-ES': { salutation: /^Estimado\/a Javier Romero:\n\n[A-ZÁÉÍÓÚ¿]/, letterEnd: /[.!?]$/, callBack: /me devolviera la llamada/, aboutTheDebt: /factura|pago|deuda|saldo|importe|cobro|vencid|cuenta|moros/i },
};

describe('shipped templates', () => {
  it('exist for every catalog entry, every channel but review, in every language', () => {
    const expected = messageLanguages.flatMap((language) =>
      templateCatalog.flatMap((entry) => entry.channels.filter((channel) => channel !== 'review').map((channel) => `${language}/${entry.name}.${channel}`)),
    );
    expect(all.map(label).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(50);
    expect(shippedTemplate('review-escalation', 'review' as never, 'en-GB')).toBeUndefined();
  });

  it('are version 0, carry their hash, and have a subject only for email and a voicemail only for calls', () => {
    for (const template of all) {
      expect(template.version).toBe(0);
      expect(template.hash).toBe(templateHash(template.subject, template.body, template.voicemail));
      expect(template.subject !== null, label(template)).toBe(template.channel === 'email');
      expect(template.voicemail !== null, label(template)).toBe(template.channel === 'call');
      expect(template.body).not.toMatch(/^Subject:/);
    }
  });

  it.each(all.map((template) => [label(template), template] as const))('%s passes the template check with legal steps disabled and enabled', (_, template) => {
    expect(checkTemplate(template, { legalEnabled: false })).toEqual([]);
    expect(checkTemplate(template, { legalEnabled: true })).toEqual([]);
  });

  it.each(all.map((template) => [label(template), template] as const))('%s passes lint as written (legal enabled) and as readable without legal steps', (_, template) => {
    for (const [, text] of templateParts(template)) {
      expect(lintTemplate(text, { legalEnabled: true })).toEqual([]);
      expect(lintTemplate(withoutLegalSections(text), { legalEnabled: false })).toEqual([]);
    }
  });

  // Emails in every language say it under their invoice table (the table adds it, in the
  // message's language); English call scripts say it on the invoice's own line.
  const listsInvoices = (t: (typeof all)[number]) => (t.channel === 'call' && t.language.startsWith('en-')) || (t.channel === 'email' && t.body.includes('{{> invoice_table}}'));
  it.each(all.filter(listsInvoices).map((template) => [label(template), template] as const))('%s says which part of an invoice is under review, and only when there is one', (_, template) => {
    const [first] = sampleMessageModel(template.language).invoices;
    const amount = formatAmount(template.language, 100_00n, first!.currency);
    const rendered = renderTemplate(template, sampleMessageModel(template.language, { invoices: partlyDisputed(template.language) }));
    const sentence = fixedWording[template.language].underReview(amount, first!.number);
    expect(rendered.text).toContain(template.channel === 'call' ? `(a further ${amount} is under review and not included)` : sentence);
    if (template.channel === 'email') expect(rendered.html).toContain(sentence.replace(/'/g, '&#39;'));
    const undisputed = renderTemplate(template, sampleMessageModel(template.language)).text;
    expect(undisputed).not.toContain('under review');
    expect(undisputed).not.toContain(fixedWording[template.language].underReview(amount, first!.number));
  });

  it.each(all.map((template) => [label(template), template] as const))('%s renders for every kind of debtor, and says nothing lint refuses', (_, template) => {
    for (const debtor of debtors) {
      for (const legalEnabled of [false, true]) {
        const rendered = renderTemplate(template, debtor.model(template.language, legalEnabled));
        expect(rendered.text.length, debtor.label).toBeGreaterThan(40);
        expect(rendered.text, debtor.label).not.toMatch(/\{\{|\}\}|undefined|null|\[object/);
        for (const part of [rendered.subject, rendered.text, rendered.voicemail]) {
          if (part !== null) expect(lintTemplate(part, { legalEnabled, rendered: true }), `${debtor.label}, legal ${legalEnabled}`).toEqual([]);
        }
      }
    }
  });
});

describe('shipped templates say only what is true', () => {
  const first = (language: MessageLanguage) => sampleMessageModel(language, { history: { messagesSent: 0, lastMessage: null, spokenWith: false }, org: { paymentInstructions: null } });

  it.each(all.map((template) => [label(template), template] as const))('%s: a first message claims no earlier contact and no link that does not exist', (_, template) => {
    const { text, subject } = renderTemplate(template, first(template.language));
    const said = `${subject ?? ''}\n${text}`;
    expect(said).not.toMatch(/earlier reminders|following up on our|as we wrote|previous (?:letter|email)|we have sent reminders|when we spoke/i);
    expect(said).not.toMatch(/not available yet|\[payment link|\[link to/);
  });

  // The lint's phrases, in every language, are what a claim of earlier contact (or of none) looks like.
  const claims = (text: string, ruleId: string) => lintTemplate(text, { legalEnabled: true }).filter((problem) => problem.ruleId === ruleId).map((problem) => problem.phrase);

  it.each(all.map((template) => [label(template), template] as const))('%s: a first message says nothing the lint reads as earlier contact, a later one nothing as none', (_, template) => {
    const step = { key: template.name, channel: template.channel as MessageModel['step']['channel'] };
    for (const [model, ruleId] of [
      [sampleMessageModel(template.language, { step, history: { messagesSent: 0, lastMessage: null, spokenWith: false } }), 'claims-earlier-contact'],
      [sampleMessageModel(template.language, { step }), 'claims-no-earlier-contact'],
    ] as const) {
      const { text, subject, voicemail } = renderTemplate(template, model);
      for (const part of [subject, text, voicemail]) if (part !== null) expect(claims(part, ruleId), `${ruleId}: ${part}`).toEqual([]);
    }
  });

  it('says how to pay in the organisation’s words, or points to the invoice', () => {
    const template = shippedTemplate('final-notice', 'letter', 'en-GB')!;
    const withInstructions = renderTemplate(template, sampleMessageModel('en-GB', { org: { paymentInstructions: 'Sort code 20-00-00, account 55779911, reference C-1042.' } })).text;
    expect(withInstructions).toContain('How to pay: Sort code 20-00-00, account 55779911, reference C-1042.');
    expect(renderTemplate(template, first('en-GB')).text).toContain('You can pay using the payment details on your invoices.');
  });

  it('gives the deadline of the message, not the next step’s date, and mentions earlier reminders only after some', () => {
    const template = shippedTemplate('final-notice', 'letter', 'en-GB')!;
    const model = sampleMessageModel('en-GB', { date: '2026-12-06', step: { key: 'final-notice', channel: 'letter' }, nextStep: { name: 'Review' } });
    const { text, deadlineOn } = renderTemplate(template, model);
    // printed Sunday 6 December: deemed received Tuesday 8th (CPR 6.26), seven days later
    expect(deadlineOn).toBe('2026-12-15');
    expect(text).toContain('Please pay the full balance by 15 December 2026.');
    expect(text).toContain('despite our earlier reminders');
    expect(renderTemplate(template, first('en-GB')).text).not.toContain('despite');
  });

  it('tells a personal call to mention reminders only when none went out', () => {
    const template = shippedTemplate('call-personal', 'call', 'en-GB')!;
    expect(renderTemplate(template, first('en-GB')).text).toContain('before any reminders go out');
    expect(renderTemplate(template, sampleMessageModel('en-GB')).text).not.toContain('before any reminders go out');
  });
});

describe('shipped letters', () => {
  const letters = all.filter((template) => template.channel === 'letter');

  it.each(letters.map((template) => [label(template), template] as const))('%s is the body only: salutation first, no table, no signature, no address block', (_, template) => {
    const model = sampleMessageModel(template.language, { legalEnabled: true });
    const { text } = renderTemplate(template, model);
    const { salutation, letterEnd } = conventions[template.language];
    const [invoice, issued] = fixedWording[template.language].tableHeaders;
    expect(text).toMatch(salutation);
    expect(text).not.toContain(fixedWording[template.language].tableHeaders[3]);
    expect(text).not.toMatch(new RegExp(`^${invoice} +${issued}`, 'm'));
    expect(text).not.toContain(model.org.senderName);
    for (const line of model.contact.address.lines) expect(text).not.toContain(line);
    expect(text).not.toMatch(/(regards|sincerely|Grüßen|atentamente|saludo),?\s*$/i);
    expect(text.trim()).toMatch(letterEnd);
    expect(text.split(/\n{2,}/).length).toBeGreaterThan(2);
  });
});

describe('shipped emails and SMS', () => {
  // a payment plan's messages are about its instalment, not the invoices it covers
  it.each(all.filter((t) => t.channel === 'email' && !findTemplate(t.name)?.planMessage).map((t) => [label(t), t] as const))('%s shows the invoice table in the text and HTML', (_, template) => {
    const model = sampleMessageModel(template.language);
    const { text, html } = renderTemplate(template, model);
    const total = formatAmount(template.language, model.totals[0]!.balance, model.totals[0]!.currency);
    const wording = fixedWording[template.language];
    expect(text).toMatch(new RegExp(`^${wording.tableHeaders.map(escape).join(' +')}$`, 'm'));
    expect(text).toMatch(new RegExp(`^${escape(wording.total(null))} +${escape(total)}$`, 'm'));
    expect(html).toContain('<table');
    expect(html).toContain(`>${total}</td></tr>`);
  });

  it.each(all.filter((t) => t.channel === 'sms').map((t) => [label(t), t] as const))(`%s stays within ${smsMaxLength} characters and ends a consumer's with STOP`, (_, template) => {
    for (const debtor of debtors) {
      const { text } = renderTemplate(template, debtor.model(template.language, false));
      expect(text.length, debtor.label).toBeLessThanOrEqual(smsMaxLength);
      expect(text.startsWith(`${sampleMessageModel(template.language).org.name}: `)).toBe(true);
      if (debtor.label.startsWith('consumer')) expect(text.endsWith(fixedWording[template.language].smsOptOut), debtor.label).toBe(true);
      else expect(text, debtor.label).not.toContain('STOP');
    }
  });
});

describe('shipped call scripts', () => {
  const calls = all.filter((template) => template.channel === 'call');

  it.each(calls.map((t) => [label(t), t] as const))('%s leaves a voicemail with no amount, no invoice number and nothing about the debt', (_, template) => {
    for (const debtor of debtors) {
      const model = debtor.model(template.language, true);
      const { voicemail, text } = renderTemplate(template, model);
      const { callBack, aboutTheDebt } = conventions[template.language];
      expect(voicemail).toMatch(callBack);
      expect(voicemail).toContain(model.org.phone!);
      expect(voicemail).not.toMatch(/[$£€]\s?\d|\d[\d,.\s]*[.,]\d{2}/);
      for (const invoice of model.invoices) expect(voicemail).not.toContain(invoice.number);
      expect(voicemail).not.toMatch(aboutTheDebt);
      // An agency's name may itself say what the call is about.
      if (model.agency) expect(voicemail).not.toContain(model.org.name);
      else expect(voicemail).toContain(model.org.name);
      // The script itself is for the caller: it does carry the facts.
      expect(text).toContain(model.invoices[0]!.number);
    }
  });

  it('tells the caller to confirm who they are speaking to, and an agency caller to give the disclosure, for consumers only', () => {
    const template = shippedTemplate('call-firm', 'call', 'en-US')!;
    const [business, , consumer, agencyConsumer] = debtors.map((debtor) => renderTemplate(template, debtor.model('en-US', false)).text);
    expect(business).not.toContain('Make sure you are speaking to');
    expect(consumer).toContain('Make sure you are speaking to Jordan Miles');
    expect(consumer).not.toContain('debt collector');
    expect(agencyConsumer).toContain('This communication is from a debt collector.');
  });
});

describe('shipped wording', () => {
  it('uses British spelling in en-GB and American in en-US', () => {
    const text = (language: MessageLanguage) =>
      all
        .filter((t) => t.language === language)
        .flatMap((t) => templateParts(t).map(([, part]) => part))
        .join('\n');
    expect(text('en-GB')).toMatch(/instalments/);
    // "check" the verb is British too; paying by check is not.
    expect(text('en-GB')).not.toMatch(/or check\b|organization|installment|\btoward\b|Dear [^\n]*:$/m);
    expect(text('en-US')).toMatch(/installments/);
    expect(text('en-US')).not.toMatch(/cheque|organisation|instalment|towards|Kind regards/);
    // How to pay is the organisation's own instructions: no payment method of our invention.
    for (const language of ['en-GB', 'en-US'] as const) expect(text(language)).not.toMatch(/cheque|\bcheck using|\bACH\b|bank transfer/);
  });

  it('addresses the reader formally: Sie in German, vous in French, usted in Spanish', () => {
    const text = (language: MessageLanguage) =>
      all
        .filter((t) => t.language === language)
        .flatMap((t) => templateParts(t).map(([, part]) => part))
        .join('\n');
    expect(text('de-DE')).toMatch(/\bSie\b/);
    expect(text('de-DE')).toMatch(/\bIhre?\b/);
    // Whole words in any script: JavaScript's \b counts "é" as a word boundary.
    const word = (words: string) => new RegExp(`(?<!\\p{L})(?:${words})(?!\\p{L})`, 'u');
    expect(text('de-DE')).not.toMatch(word('du|dich|dir|dein\\p{L}*|euch|euer'));
    // After the salutation's comma a German letter goes on in lower case, but "Sie" never does.
    expect(text('de-DE')).not.toMatch(/\n\nsie /);
    expect(text('fr-FR')).toMatch(/\bvous\b/);
    expect(text('fr-FR')).not.toMatch(word('tu|toi|ton|ta|tes|te'));
    // French spacing: a no-break space before a colon, semicolon, question or exclamation mark.
    expect(text('fr-FR')).not.toMatch(/ [:;?!]/);
    expect(text('es-ES')).toMatch(/\busted\b|\bsu\b/);
    expect(text('es-ES')).not.toMatch(word('tú|tu|tus|te|ti|contigo|vosotros|os'));
  });

  it('writes the letter before claim with the Pre-Action Protocol content when legal steps are enabled', () => {
    const template = shippedTemplate('letter-before-claim', 'letter', 'en-GB')!;
    const { text } = renderTemplate(template, sampleMessageModel('en-GB', { legalEnabled: true, customer: { kind: 'consumer' }, step: { key: 'letter-before-claim', channel: 'letter' } }));
    // The title ("Letter of claim") is the letter layout's; the body starts with the salutation.
    expect(text.startsWith('Dear Tom Fletcher,\n\nYou owe us £2,355.50')).toBe(true);
    for (const phrase of ['£2,355.50', 'Interest and charges added so far: £40.00', 'by 29 December 2026', 'Pre-Action Protocol for Debt Claims', 'Reply Form', 'Financial Statement', 'Information Sheet', 'court proceedings']) {
      expect(text).toContain(phrase);
    }
    const disabled = renderTemplate(template, sampleMessageModel('en-GB', { legalEnabled: false })).text;
    expect(disabled).not.toMatch(/court|letter before claim|protocol/i);
  });

  it('gives the Regulation F validation notice, with its period end date, in the email', () => {
    const template = shippedTemplate('validation-notice', 'email', 'en-US')!;
    // Sent Monday 23 November 2026: assumed received five weekdays later (Monday 30), plus 30 days.
    const { text } = renderTemplate(template, sampleMessageModel('en-US', { agency: true, customer: { kind: 'consumer' } }));
    expect(text).toContain('Call or write to us by December 30, 2026 to dispute all or part of the debt.');
    expect(text).toContain('Northwind Design Studio LLC is a debt collector.');
    expect(text).toContain('Total amount of the debt now: $2,355.50');
    expect(text).toContain('www.cfpb.gov/debt-collection');
  });

  it('writes the validation notice letter as the covering letter: the letter layout prints the notice form itself', () => {
    const template = shippedTemplate('validation-notice', 'letter', 'en-US')!;
    const { text } = renderTemplate(template, sampleMessageModel('en-US', { agency: true, customer: { kind: 'consumer' } }));
    expect(text).toContain('dispute all or part of it by December 30, 2026');
    // The layout prints the itemization and the debt-collector disclosure; the body must not repeat them.
    expect(text).not.toContain('Total amount of the debt now');
    expect(text).not.toContain('This communication is from a debt collector');
  });

  it('verifies satisfaction with the invoice, its due date and its terms', () => {
    const template = shippedTemplate('satisfaction-verification', 'letter', 'en-GB')!;
    const model = sampleMessageModel('en-GB');
    const { text } = renderTemplate(template, { ...model, invoices: [model.invoices[0]!], totals: [{ ...model.totals[0]!, balance: 124_000n, total: 124_000n, paid: 0n, charges: 0n }] });
    expect(text).toContain('Invoice INV-2026-0412, dated 1 September 2026, is for £1,240.00 and is due for payment on 1 October 2026.');
    expect(text).toContain('Payment terms: Payment is due within 30 days of the invoice date.');
    expect(text).toMatch(/please contact us now/);
  });
});
