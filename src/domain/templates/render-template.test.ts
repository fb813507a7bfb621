import type { MessageChannel } from '../playbooks/playbook.ts';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../errors.ts';
import type { MessageInvoice, MessageModel } from '../messages/message-model.ts';
import { formatAmount, formatDate } from './format.ts';
import { collectorDisclosure } from './email-layout.ts';
import { handlebars } from './handlebars-env.ts';
import { renderTemplate } from './render-template.ts';
import { totalsOf } from '../messages/message-totals.ts';
import { sampleMessageModel } from './sample-model.ts';
import { shippedTemplate } from './shipped-templates.ts';
import { templateSource, type TemplateSource } from './template-source.ts';

function source(body: string, options: { channel?: MessageChannel; subject?: string | null; voicemail?: string | null; name?: string } = {}): TemplateSource {
  const channel = options.channel ?? 'email';
  return templateSource({
    name: options.name ?? 'test-template',
    channel,
    language: 'en-GB',
    version: 3,
    subject: options.subject !== undefined ? options.subject : channel === 'email' ? 'Your account' : null,
    body,
    voicemail: options.voicemail !== undefined ? options.voicemail : channel === 'call' ? 'Hello, this is [your name]. Please call me back on {{org.phone}}.' : null,
  });
}

function renderError(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the render to fail');
}

const consumer = (model: MessageModel = sampleMessageModel('en-GB')): MessageModel => ({ ...model, customer: { ...model.customer, kind: 'consumer' } });

describe('strict variables', () => {
  it('refuses a misspelt variable, naming the template and the variable as written', () => {
    const error = renderError(() => renderTemplate(source('Dear {{customer.nmae}},'), sampleMessageModel('en-GB')));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('"test-template"');
    expect(error.message).toContain('version 3');
    expect(error.message).toContain('"customer.nmae"');
    expect(error.message).toContain('did you mean "customer.name"');
    expect(error.message).toContain('body line 1, column 8');
  });

  it('refuses a misspelt variable in a branch the sample data does not take', () => {
    const model = { ...sampleMessageModel('en-GB'), deadline: null };
    const error = renderError(() => renderTemplate(source('Hello.\n{{#if deadline}}\nBy {{deadline.onn}}.\n{{/if}}'), model));
    expect(error.message).toContain('"deadline.onn"');
    expect(error.message).toContain('body line 3');
  });

  it('refuses a value that may be empty unless it is inside {{#if}}', () => {
    const error = renderError(() => renderTemplate(source('Pay by {{deadline.on}}.'), sampleMessageModel('en-GB')));
    expect(error.message).toContain('{{#if deadline}}');
    const guarded = renderTemplate(source('Pay{{#if deadline}} by {{deadline.on}}{{/if}}.'), { ...sampleMessageModel('en-GB'), deadline: null });
    expect(guarded.text.startsWith('Pay.')).toBe(true);
  });

  it('refuses a payment or portal link, or the last message, outside {{#if}}: they are empty until they exist', () => {
    for (const [text, guard] of [
      ['Pay at {{payOnline.url}}.', 'payOnline'],
      ['See {{portalLink.url}}.', 'portalLink'],
      ['Our {{history.lastMessage.channel}} of {{history.lastMessage.on}}.', 'history.lastMessage'],
    ] as const) {
      expect(renderError(() => renderTemplate(source(text), sampleMessageModel('en-GB'))).message).toContain(`{{#if ${guard}}}`);
    }
    // a group cannot be printed as a whole either
    expect(renderError(() => renderTemplate(source('Pay at {{#if payOnline}}{{payOnline}}{{/if}}.'), sampleMessageModel('en-GB'))).message).toContain('payOnline.url');
    const guarded = source('Hello.{{#if payOnline}} Pay at {{payOnline.url}}.{{/if}}{{#with portalLink}} See {{url}}.{{/with}}');
    expect(renderTemplate(guarded, sampleMessageModel('en-GB')).text.startsWith('Hello.\n')).toBe(true);
    expect(renderTemplate(guarded, { ...sampleMessageModel('en-GB'), payOnline: { url: 'https://pay.example/x' }, portalLink: { url: 'https://portal.example/y' } }).text).toMatch(
      /^Hello\. Pay at https:\/\/pay\.example\/x\. See https:\/\/portal\.example\/y\./,
    );
  });

  it('gives the deadline as a plain date beside the text, and says it in the message language', () => {
    const model = { ...sampleMessageModel('en-GB'), deadline: { on: '2026-12-02', days: 9, rule: 'minimum-7-days' } };
    const rendered = renderTemplate(source('Please pay{{#if deadline}} by {{deadline.on}}{{/if}}.', { channel: 'letter' }), model);
    expect(rendered.text).toBe('Please pay by 2 December 2026.');
    expect(rendered.deadlineOn).toBe('2026-12-02');
    expect(renderTemplate(source('Hello.', { channel: 'letter' }), { ...model, deadline: null }).deadlineOn).toBeNull();
  });

  it('says what reached the debtor before, in words of the message language', () => {
    const text = '{{#if history.messagesSent}}We wrote {{history.messagesSent}} times{{#with history.lastMessage}}, last by {{channel}} on {{on}}{{/with}}.{{else}}Hello.{{/if}}{{#if history.spokenWith}} We spoke.{{/if}}';
    const model = sampleMessageModel('en-US', { history: { messagesSent: 2, lastMessage: { on: '2026-11-09', channel: 'sms' }, spokenWith: true } });
    const us = source(text, { channel: 'letter' });
    expect(renderTemplate({ ...us, language: 'en-US' }, model).text).toBe('We wrote 2 times, last by text message on November 9, 2026. We spoke.');
    expect(renderTemplate(source(text, { channel: 'letter' }), sampleMessageModel('en-GB', { history: { messagesSent: 0, lastMessage: null, spokenWith: false } })).text).toBe('Hello.');
  });

  it('checks names inside {{#each}} against the item, and ../ against the outer context', () => {
    expect(renderError(() => renderTemplate(source('{{#each invoices}}{{nuber}}{{/each}}'), sampleMessageModel('en-GB'))).message).toContain('"nuber"');
    const ok = renderTemplate(source('{{#each invoices}}{{number}} for {{../customer.name}}\n{{/each}}', { channel: 'letter' }), sampleMessageModel('en-GB'));
    expect(ok.text.split('\n')).toEqual(['INV-2026-0412 for Brightwell Café Ltd', 'INV-2026-0468 for Brightwell Café Ltd', 'INV-2026-0503 for Brightwell Café Ltd']);
  });

  it('refuses helpers, unknown partials and the invoice table outside emails', () => {
    expect(renderError(() => renderTemplate(source('{{lookup customer "name"}}'), sampleMessageModel('en-GB'))).message).toMatch(/helper/);
    expect(renderError(() => renderTemplate(source('{{> signature}}'), sampleMessageModel('en-GB'))).message).toContain('no partial "signature"');
    expect(renderError(() => renderTemplate(source('Dear {{contact.greetingName}},\n\n{{> invoice_table}}', { channel: 'letter' }), sampleMessageModel('en-GB'))).message).toContain(
      'the letter layout adds the invoice table',
    );
  });

  it('reports a syntax error with its line', () => {
    expect(renderError(() => renderTemplate(source('Hello\n{{#if legalEnabled}}\nunclosed'), sampleMessageModel('en-GB'))).message).toMatch(/body line 3: .*needs its \{\{\/…\}\}/);
  });

  it('refuses a template in another language than the message', () => {
    expect(renderError(() => renderTemplate(source('Hi'), sampleMessageModel('en-US'))).message).toContain('choose the en-US template');
  });

  it('compiles a source once, however many messages it renders', () => {
    const once = source('Compiled once: {{total}} {{date}}.');
    const compile = vi.spyOn(handlebars, 'compile');
    try {
      renderTemplate(once, sampleMessageModel('en-GB'));
      expect(compile).toHaveBeenCalledTimes(2); // subject and body
      renderTemplate(once, consumer());
      renderTemplate({ ...once }, sampleMessageModel('en-GB', { date: '2026-12-01' }));
      expect(compile).toHaveBeenCalledTimes(2);
    } finally {
      compile.mockRestore();
    }
  });

  it('renders the text a source holds even when another source claimed the same hash first', () => {
    const first = source('First wording.', { channel: 'letter' });
    const impostor = { ...source('Second wording.', { channel: 'letter' }), hash: first.hash };
    expect(renderTemplate(first, sampleMessageModel('en-GB')).text).toBe('First wording.');
    expect(renderTemplate(impostor, sampleMessageModel('en-GB')).text).toBe('Second wording.');
  });
});

describe('email', () => {
  const email = source('Dear {{contact.greetingName}},\n\nYou owe {{total}}.\n\n{{> invoice_table}}\n\nPay at {{#if payOnline}}{{payOnline.url}}{{/if}}.\n\nKind regards,');

  it('shows the ledger’s amounts, formatted, in the text and the HTML, and a total equal to the sum of the balances', () => {
    const model = sampleMessageModel('en-GB');
    const { text, html } = renderTemplate(email, model);
    const sum = model.invoices.reduce((total, invoice) => total + invoice.balance, 0n);
    expect(model.totals[0]!.balance).toBe(sum);
    const total = formatAmount('en-GB', sum, 'GBP');
    expect(total).toBe('£2,355.50');
    expect(text).toContain(`You owe ${total}.`);
    for (const invoice of model.invoices) {
      const balance = formatAmount('en-GB', invoice.balance, invoice.currency);
      expect(text).toMatch(new RegExp(`^${invoice.number} .* ${balance.replace(/[$.]/g, '\\$&')}$`, 'm'));
      expect(html).toMatch(new RegExp(`<td[^>]*>${invoice.number}</td>.*<td style="[^"]*text-align:right[^"]*">${balance.replace(/[$.]/g, '\\$&')}</td></tr>`));
    }
    expect(text).toMatch(new RegExp(`^Total +${total.replace(/[$.]/g, '\\$&')}$`, 'm'));
    expect(html).toMatch(new RegExp(`<tfoot>\\n<tr><td[^>]*>Total</td>.*>${total.replace(/[$.]/g, '\\$&')}</td></tr>`));
  });

  it('aligns the text table: every balance ends in the same column', () => {
    const { text } = renderTemplate(email, sampleMessageModel('en-GB'));
    const table = text.split('\n').filter((line) => /^(Invoice|INV-|Total)/.test(line));
    expect(table).toHaveLength(5);
    expect(new Set(table.map((line) => Array.from(line).length)).size).toBe(1);
    expect(table[0]).toMatch(/^Invoice +Issued +Due +Days overdue +Balance$/);
  });

  it('writes a total per currency, joined with "and"', () => {
    const base = sampleMessageModel('en-GB');
    const euro: MessageInvoice = { ...base.invoices[0]!, number: 'INV-EU-7', currency: 'EUR', total: 30_000n, charges: 0n, paid: 0n, balance: 30_000n };
    const invoices = [...base.invoices, euro];
    const model = sampleMessageModel('en-GB', { invoices, totals: totalsOf(invoices) });
    const { text, html } = renderTemplate(email, model);
    expect(text).toContain('You owe £2,355.50 and €300.00.');
    expect(text).toMatch(/^Total GBP +£2,355\.50$/m);
    expect(text).toMatch(/^Total EUR +€300\.00$/m);
    expect(html!.match(/<tfoot>[\s\S]*<\/tfoot>/)![0].match(/<tr>/g)).toHaveLength(2);
  });

  it('formats dates in the message language', () => {
    const dated = source('Due on {{oldestDueDate}}.');
    expect(renderTemplate(dated, sampleMessageModel('en-GB')).text).toContain('Due on 1 October 2026.');
    expect(renderTemplate({ ...dated, language: 'en-US' }, sampleMessageModel('en-US')).text).toContain('Due on October 1, 2026.');
    expect(renderTemplate(email, sampleMessageModel('en-GB')).text).toMatch(/^INV-2026-0412 +01\/09\/2026 +01\/10\/2026 /m);
    expect(renderTemplate({ ...email, language: 'en-US' }, sampleMessageModel('en-US')).text).toMatch(/^INV-2026-0412 +09\/01\/2026 +10\/01\/2026 /m);
    expect(formatDate('en-US', '2026-10-01')).toBe('October 1, 2026');
  });

  it('signs with the sender, the organisation, its address and phone, keeping the sign-off above the name', () => {
    const { text } = renderTemplate(email, sampleMessageModel('en-GB'));
    expect(text.endsWith('Kind regards,\nSarah Collins\nHarbour & Pine Ltd\n12 Quay Street\nBristol\nBS1 4DJ\n0117 496 0123')).toBe(true);
  });

  it('adds the opt-out line to a consumer’s email, in the text and the HTML, and not to a business’s', () => {
    const optOut = 'To stop receiving emails about this account, reply with the word STOP or write to us at accounts@harbourandpine.co.uk.';
    const toConsumer = renderTemplate(email, consumer());
    expect(toConsumer.text.endsWith(optOut)).toBe(true);
    expect(toConsumer.html).toContain(optOut);
    const toBusiness = renderTemplate(email, sampleMessageModel('en-GB'));
    expect(toBusiness.text).not.toContain('STOP');
    expect(toBusiness.html).not.toContain('STOP');
  });

  it('adds the debt-collector disclosure when an agency writes to a consumer, and only then', () => {
    const agencyConsumer = renderTemplate(email, { ...consumer(), agency: true });
    expect(agencyConsumer.text.endsWith(collectorDisclosure)).toBe(true);
    expect(agencyConsumer.html).toContain(collectorDisclosure);
    expect(renderTemplate(email, { ...sampleMessageModel('en-GB'), agency: true }).text).not.toContain('debt collector');
    expect(renderTemplate(email, consumer()).text).not.toContain('debt collector');
  });

  it('escapes the HTML part but not the text part', () => {
    const model = sampleMessageModel('en-GB', { customer: { name: '<b>&Co</b>' }, contact: { name: null } });
    const { text, html, subject } = renderTemplate(source('Dear {{contact.greetingName}},', { subject: 'For {{customer.name}}' }), model);
    expect(text.startsWith('Dear <b>&Co</b>,')).toBe(true);
    expect(subject).toBe('For <b>&Co</b>');
    expect(html).toContain('Dear &lt;b&gt;&amp;Co&lt;/b&gt;,');
    expect(html).toContain('<title>For &lt;b&gt;&amp;Co&lt;/b&gt;</title>');
    expect(html).not.toContain('<b>');
  });

  it('builds one paragraph per blank-line-separated block, with clickable links', () => {
    const { html } = renderTemplate(email, sampleMessageModel('en-GB', { payOnline: { url: 'https://pay.harbourandpine.co.uk/a/7Kq2mX/pay' } }));
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(html).toContain('<p style="margin:0 0 16px">You owe £2,355.50.</p>');
    expect(html).toContain('Pay at <a href="https://pay.harbourandpine.co.uk/a/7Kq2mX/pay" style="color:#0969da">https://pay.harbourandpine.co.uk/a/7Kq2mX/pay</a>.</p>');
    expect(html!.indexOf('<table')).toBeGreaterThan(html!.indexOf('You owe'));
    expect(html!.indexOf('<table')).toBeLessThan(html!.indexOf('Pay at'));
  });

  it('records which template produced the message', () => {
    const rendered = renderTemplate(email, sampleMessageModel('en-GB'));
    expect(rendered.template).toEqual({ name: 'test-template', channel: 'email', language: 'en-GB', version: 3, hash: email.hash });
    expect(rendered.voicemail).toBeNull();
  });
});

describe('other channels', () => {
  it('prefixes an SMS with the organisation and ends a consumer’s with the opt-out', () => {
    const sms = source('{{total}} is due.\n{{#if payOnline}}Pay at {{payOnline.url}}{{/if}}', { channel: 'sms' });
    expect(renderTemplate(sms, sampleMessageModel('en-GB', { payOnline: { url: 'https://pay.harbourandpine.co.uk/a/7Kq2mX/pay' } })).text).toBe('Harbour & Pine Ltd: £2,355.50 is due. Pay at https://pay.harbourandpine.co.uk/a/7Kq2mX/pay');
    const toConsumer = renderTemplate(sms, consumer()).text;
    expect(toConsumer.endsWith(' Reply STOP to opt out.')).toBe(true);
    expect(renderTemplate(sms, { ...consumer(), agency: true }).text).toMatch(/This communication is from a debt collector\. Reply STOP to opt out\.$/);
  });

  it('renders a call script and its voicemail separately', () => {
    const call = source('Call {{contact.greetingName}} about {{total}}.', { channel: 'call' });
    const rendered = renderTemplate(call, sampleMessageModel('en-GB'));
    expect(rendered.text).toBe('Call Tom Fletcher about £2,355.50.');
    expect(rendered.voicemail).toBe('Hello, this is [your name]. Please call me back on 0117 496 0123.');
  });

  it('holds the voicemail to what a limited-content message may say', () => {
    const call = source('Call.', { channel: 'call', voicemail: 'Please call about {{total}}.' });
    expect(renderError(() => renderTemplate(call, sampleMessageModel('en-GB'))).message).toContain('limited-content message (12 CFR 1006.2(j))');
  });

  it('renders a letter as its body alone, blank lines left by empty blocks removed', () => {
    const letter = source('Dear {{contact.greetingName}},\n\n{{#if legalEnabled}}\nCourt wording.\n\n{{/if}}\n\nPlease pay {{total}}.\n', { channel: 'letter' });
    expect(renderTemplate(letter, sampleMessageModel('en-GB')).text).toBe('Dear Tom Fletcher,\n\nPlease pay £2,355.50.');
    expect(renderTemplate(letter, sampleMessageModel('en-GB', { legalEnabled: true })).text).toBe('Dear Tom Fletcher,\n\nCourt wording.\n\nPlease pay £2,355.50.');
  });
});

describe('shipped final notice', () => {
  it('mentions court only when legal steps are enabled', () => {
    for (const language of ['en-GB', 'en-US'] as const) {
      for (const channel of ['email', 'letter'] as const) {
        const template = shippedTemplate('final-notice', channel, language)!;
        expect(renderTemplate(template, sampleMessageModel(language, { legalEnabled: false })).text).not.toMatch(/court/i);
        expect(renderTemplate(template, sampleMessageModel(language, { legalEnabled: true })).text).toMatch(/court/i);
      }
    }
  });
});
