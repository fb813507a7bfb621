import { describe, expect, it } from 'vitest';
import { renderLetter } from '../../src/channels/letters/render-letter.ts';
import { itemizations } from '../../src/channels/letters/validation-notice.ts';
import { formatAmount, formatDate } from '../../src/domain/templates/format.ts';
import { validationEndDate } from '../../src/domain/templates/message-view.ts';
import { agencyConsumerModel, invoice, validationBody } from './fixtures.ts';
import { totalsOf } from '../../src/domain/messages/message-totals.ts';
import { pageCount, pageTexts, readingText, writePdf } from './pdf-tools.ts';

const flowing = (text: string) => text.replace(/\s+/g, ' ');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('validation notice (12 CFR 1006.34, Model Form B-1)', () => {
  const model = agencyConsumerModel();
  const render = async () => {
    const pdf = await renderLetter({ kind: 'validation-notice', model, body: validationBody, creditor: 'Northwind Design Studio LLC' });
    const path = writePdf(pdf);
    // The notice is set in two columns: -layout keeps a table row on one line, reading order keeps a column's sentences together.
    return { pdf, pages: pageTexts(path), notice: readingText(path, 1) };
  };

  it('names the collector, the consumer and the creditor', async () => {
    const { notice } = await render();
    expect(notice).toContain(
      'Summit Recovery Services Inc is a debt collector. We are trying to collect a debt that you owe to Northwind Design Studio LLC. We will use any information you give us to help collect the debt.',
    );
    expect(notice).toContain('88 Market Street, Floor 4');
    expect(notice).toContain('Jane Doe');
    expect(notice).toContain('1234 Elm Street');
    expect(notice).toContain('Springfield, IL 62704');
    expect(notice).toContain('SR-559102');
  });

  it('itemizes the debt from the latest invoice date: invoice totals, charges since, payments since, total now', async () => {
    const { pages } = await render();
    const notice = pages[0]!;
    const [itemization] = itemizations(model);
    expect(itemization).toEqual({ date: '2026-10-10', currency: 'USD', owedThen: 251_550n, interestAndFees: 4_000n, paymentsAndCredits: 20_000n, owedNow: 235_550n });
    const [total] = model.totals;
    const usd = (amount: bigint) => formatAmount('en-US', amount, 'USD');
    // Each label and its amount on one line of the layout (a long label wraps under itself).
    const row = (label: string, amount: string) => new RegExp(`${escape(label)}\\s+${escape(amount)}(\\s|$)`, 'm');
    expect(notice).toMatch(row(`As of ${formatDate('en-US', '2026-10-10')}, you owed:`, usd(total!.total)));
    expect(notice).toContain('Between October 10, 2026 and today:');
    expect(notice).toMatch(row('You were charged this amount in interest', `+ ${usd(total!.charges)}`));
    expect(notice).toMatch(/^\s*and fees:/m);
    expect(notice).toMatch(row('You paid or were credited this amount', `– ${usd(total!.paid)}`));
    expect(notice).toMatch(/^\s*toward the debt:/m);
    expect(notice).toMatch(row('Total amount of the debt now:', usd(total!.balance)));
    expect(usd(total!.balance)).toBe('$2,355.50');
  });

  it('gives the end of the validation period: 30 days after the assumed receipt five weekdays after sending', async () => {
    const { notice } = await render();
    // Sent Monday 23 November 2026: assumed received Monday 30 November, so the period ends 30 December.
    expect(validationEndDate(model.date)).toBe('2026-12-30');
    expect(notice).toContain('How can you dispute the debt?');
    expect(notice).toContain('Call or write to us by December 30, 2026, to dispute all or part of the debt.');
    expect(notice).toContain('If you write to us by December 30, 2026, we must stop collection on any amount you dispute');
    expect(notice).toContain('What else can you do?');
    expect(notice).toContain('Write to ask for the name and address of the original creditor, if different from the current creditor. If you write by December 30, 2026');
    expect(notice).toContain('Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law.');
    expect(notice).toContain('We accept disputes electronically at disputes@summitrecovery.com.');
  });

  it('ends the notice page with the tear-off response form', async () => {
    const { pages, notice } = await render();
    const form = notice.slice(notice.indexOf('How do you want to respond?'));
    expect(notice.indexOf('How do you want to respond?')).toBeGreaterThan(notice.indexOf('What else can you do?'));
    expect(notice).toContain('Mail this form to: Summit Recovery Services Inc 88 Market Street, Floor 4 Denver, CO 80202');
    for (const choice of [
      'Check all that apply:',
      'I want to dispute the debt because I think:',
      'This is not my debt.',
      'The amount is wrong.',
      'Other (please describe on reverse or attach additional information).',
      'I want you to send me the name and address of the original creditor.',
      'I enclosed this amount: $',
      'Make your check payable to Summit Recovery Services Inc. Include the reference number SR-559102.',
    ]) {
      expect(form).toContain(choice);
    }
    expect(pages[0]).toContain('Page 1 of 2');
  });

  it('puts the covering letter, the invoices and the disclosure on the next page', async () => {
    const { pdf, pages } = await render();
    expect(await pageCount(pdf)).toBe(2);
    const letter = flowing(pages[1]!);
    expect(letter).toContain('Dear Jane Doe,');
    expect(letter).toContain('This communication is from a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.');
    for (const each of model.invoices) expect(letter).toContain(each.number);
    expect(letter).toMatch(/Total \$2,515\.50 \$40\.00 \$200\.00 \$2,355\.50/);
    expect(letter).toContain('Daniel Reyes');
    expect(pages[1]).toContain('Page 2 of 2');
  });

  it('names the organisation as the creditor when no other creditor is given', async () => {
    const pdf = await renderLetter({ kind: 'validation-notice', model, body: '' });
    expect(flowing(pageTexts(writePdf(pdf))[0]!)).toContain('We are trying to collect a debt that you owe to Summit Recovery Services Inc.');
  });

  it('itemizes a single invoice from its own date, and each currency apart', () => {
    const one = [invoice({ number: 'A-1', issueDate: '2026-07-15', dueDate: '2026-08-14', daysOverdue: 101, currency: 'USD', total: 50_000n, charges: 2_500n, paid: 10_000n })];
    expect(itemizations({ ...model, invoices: one, totals: totalsOf(one) })).toEqual([
      { date: '2026-07-15', currency: 'USD', owedThen: 50_000n, interestAndFees: 2_500n, paymentsAndCredits: 10_000n, owedNow: 42_500n },
    ]);
    const two = [...one, invoice({ number: 'A-2', issueDate: '2026-06-01', dueDate: '2026-07-01', daysOverdue: 145, currency: 'CAD', total: 7_000n, charges: 0n, paid: 0n })];
    expect(itemizations({ ...model, invoices: two, totals: totalsOf(two) }).map((each) => [each.currency, each.date, each.owedNow])).toEqual([
      ['USD', '2026-07-15', 42_500n],
      ['CAD', '2026-07-15', 7_000n],
    ]);
  });
});
