import { describe, expect, it } from 'vitest';
import { renderLetter } from '../../src/channels/letters/render-letter.ts';
import { formatAmount } from '../../src/domain/templates/format.ts';
import { claimBody, gbModel } from './fixtures.ts';
import { pageCount, pageTexts, writePdf } from './pdf-tools.ts';

const flowing = (text: string) => text.replace(/\s+/g, ' ');

describe('letter of claim pack (Pre-Action Protocol for Debt Claims)', () => {
  const model = gbModel({ legalEnabled: true });

  it('is the letter, a statement of account, the Reply Form and a Financial Statement, each from a new page', async () => {
    const pdf = await renderLetter({ kind: 'letter-of-claim', model, body: claimBody });
    const count = await pageCount(pdf);
    const pages = pageTexts(writePdf(pdf));
    expect(count).toBeGreaterThanOrEqual(4);
    expect(pages).toHaveLength(count);

    // Each part's heading is the first text of a page of its own, in this order.
    const firstLine = (page: string) => page.split('\n').find((line) => line.trim() !== '')!.trim();
    const startOf = (heading: string) => pages.findIndex((page) => firstLine(page) === heading);
    expect(pages[0]).toContain('Letter of claim');
    const parts = ['Statement of account', 'Reply Form', 'Financial Statement'].map(startOf);
    expect(parts.every((index) => index > 0)).toBe(true);
    expect(parts).toEqual([...parts].sort((a, b) => a - b));
    expect(new Set(parts).size).toBe(3);
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${count}`));

    // The letter: the body as written, with the invoices.
    const letter = flowing(pages[0]!);
    expect(letter).toContain('Please reply within 30 days of the date of this letter using the enclosed Reply Form.');
    for (const each of model.invoices) expect(letter).toContain(each.number);

    // The statement: the balance due per currency is the model's.
    const statement = flowing(pages[parts[0]!]!);
    for (const total of model.totals) expect(statement).toContain(`Balance due on 23 November 2026 ${formatAmount('en-GB', total.balance, total.currency)}`);

    // The Reply Form: the debtor's choices, who it goes back to, the amount claimed.
    const reply = flowing(pages[parts[1]!]!);
    expect(reply).toContain('Harbour & Pine Ltd 12 Quay Street Bristol BS1 4DJ');
    expect(reply).toContain('Thomas Fletcher Flat 2, 7 Mill Lane Bath BA1 2QH');
    expect(reply).toContain('Amount claimed £3,003.50 and €512.75');
    for (const choice of ['I agree I owe the debt.', 'I dispute the debt because:', 'I need more time before I can reply', 'I want to pay by instalments of £', 'per month', 'I have enclosed documents', 'Signed', 'Date']) {
      expect(reply).toContain(choice);
    }

    // The Financial Statement: income and outgoings to fill in, per month.
    const finances = flowing(pages[parts[2]!]!);
    for (const field of ['Income per month', 'Wages or salary (after tax)', 'Total income', 'Outgoings per month', 'Mortgage or rent', 'Council tax', 'Food and housekeeping', 'Total outgoings', 'Other debts', 'I can offer to pay per month']) {
      expect(finances).toContain(field);
    }
  });

  it('adds no enclosures to other letters', async () => {
    const pdf = await renderLetter({ kind: 'final-notice', model, body: claimBody });
    const text = pageTexts(writePdf(pdf)).join('\n');
    expect(text).not.toContain('Reply Form\n');
    expect(text).not.toContain('Financial Statement');
    expect(await pageCount(pdf)).toBe(1);
  });
});
