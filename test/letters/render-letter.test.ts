import { describe, expect, it } from 'vitest';
import { letterKinds, letterTitle } from '../../src/channels/letters/letter-kind.ts';
import { renderLetter } from '../../src/channels/letters/render-letter.ts';
import type { MessageModel } from '../../src/domain/messages/message-model.ts';
import { formatAmount, formatDate } from '../../src/domain/templates/format.ts';
import { demandBody, gbModel, invoice, usModel } from './fixtures.ts';
import { totalsOf } from '../../src/domain/messages/message-totals.ts';
import { pageCount, pageTexts, pageWords, pdfInfo, pdfText, writePdf } from './pdf-tools.ts';

const collectorSentence = 'This communication is from a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.';

/** pdftotext -layout separates columns by runs of spaces; a row is its cells in order. */
function rowPattern(cells: string[]): RegExp {
  return new RegExp(`^\\s*${cells.map((cell) => cell.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')}\\s*$`, 'm');
}

/** The text with line breaks inside paragraphs removed, for sentences that wrap. */
function flowing(text: string): string {
  return text.replace(/\s+/g, ' ');
}

describe('renderLetter', () => {
  it('prints a demand letter: title, invoices, totals equal to the model, footer', async () => {
    const model = usModel();
    const pdf = await renderLetter({ kind: 'demand', model, body: demandBody });
    const path = writePdf(pdf);
    const text = pdfText(path);

    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(text).toContain('Demand for payment');
    expect(text).toContain('Northwind Design Studio LLC');
    expect(text).toContain('410 SW Alder Street, Suite 300');
    expect(text).toContain('Phone (503) 555-0142');
    expect(text).toContain('billing@northwinddesign.com');
    expect(text).toContain(formatDate('en-US', model.date));
    expect(text).toContain('Reference: C-1042');
    for (const each of model.invoices) expect(text).toContain(each.number);
    // Each invoice row: number, dates, days overdue and the four amounts.
    expect(text).toMatch(rowPattern(['INV-2026-0468', '09/22/2026', '10/22/2026', '32', '$860.50', '$40.00', '$200.00', '$700.50']));
    const [total] = model.totals;
    expect(text).toMatch(rowPattern(['Total', ...[total!.total, total!.charges, total!.paid, total!.balance].map((amount) => formatAmount('en-US', amount, 'USD'))]));
    expect(formatAmount('en-US', total!.balance, 'USD')).toBe('$2,355.50');
    // The body's paragraphs, the sign-off, and the page footer.
    expect(flowing(text)).toContain('Please pay the balance by December 7, 2026, online at https://pay.example.com/a/7Kq2mX/pay or by check');
    expect(text).toMatch(/Sincerely,\s+Maria Lopez\s+Northwind Design Studio LLC/);
    expect(text).toContain('Page 1 of 1');
    expect(text).not.toContain('debt collector');
    expect(await pageCount(pdf)).toBe(1);
  });

  it('says under the invoices which part of a partly disputed invoice is under review and not asked for', async () => {
    const model = usModel();
    const [first, ...rest] = model.invoices;
    const disputed: MessageModel = { ...model, invoices: [{ ...first!, balance: first!.balance - 100_00n, disputed: 100_00n }, ...rest] };
    const text = flowing(pdfText(writePdf(await renderLetter({ kind: 'demand', model: disputed, body: demandBody }))));
    expect(text).toContain(`$100.00 of invoice ${first!.number} is under review and is not included.`);
    expect(flowing(pdfText(writePdf(await renderLetter({ kind: 'demand', model, body: demandBody }))))).not.toContain('under review');
  });

  it('gives a total row per currency, in pounds and euros, on A4', async () => {
    const model = gbModel();
    const path = writePdf(await renderLetter({ kind: 'final-notice', model, body: 'Dear Mr Fletcher,\n\nYour account remains unpaid.' }));
    const text = pdfText(path);

    expect(model.totals.map((total) => total.currency)).toEqual(['GBP', 'EUR']);
    for (const total of model.totals) {
      const amounts = [total.total, total.charges, total.paid, total.balance].map((amount) => formatAmount('en-GB', amount, total.currency));
      expect(text).toMatch(rowPattern([`Total ${total.currency}`, ...amounts]));
    }
    expect(text).toContain('£3,003.50');
    expect(text).toContain('€512.75');
    expect(text).toContain('23 November 2026');
    expect(text).toMatch(rowPattern(['HP-1187', '14/08/2026', '13/09/2026', '71', '£2,450.00', '£73.50', '£500.00', '£2,023.50']));
    expect(text).toContain('Final notice');
    // A named salutation closes "Yours sincerely"; "Dear Sir or Madam" would close "Yours faithfully".
    expect(text).toContain('Yours sincerely');
    const page = pageWords(path, 1);
    expect(page.width).toBeCloseTo(595.28, 1);
    expect(page.height).toBeCloseTo(841.89, 1);
  });

  it('closes a letter to "Dear Sir or Madam" with "Yours faithfully" in British English', async () => {
    const path = writePdf(await renderLetter({ kind: 'reminder', model: gbModel(), body: 'Dear Sir or Madam,\n\nA reminder.' }));
    expect(pdfText(path)).toContain('Yours faithfully');
  });

  it('signs with the sender and the organisation, and with the organisation once when they are the same name', async () => {
    const named = pdfText(writePdf(await renderLetter({ kind: 'reminder', model: gbModel(), body: 'Dear Tom,\n\nA reminder.' })));
    expect(named).toMatch(/Yours sincerely\s+Sarah Collins\s+Harbour & Pine Ltd/);
    const model = gbModel();
    const same = { ...model, org: { ...model.org, senderName: 'Harbour & Pine Ltd' } };
    const text = pdfText(writePdf(await renderLetter({ kind: 'reminder', model: same, body: 'Dear Tom,\n\nA reminder.' })));
    const signature = text.slice(text.indexOf('Yours sincerely'));
    expect(signature.match(/Harbour & Pine Ltd/g)).toHaveLength(2); // the signature once, the page footer once
  });

  it("prints on the organisation's paper, whatever the letter's language", async () => {
    const onA4 = pageWords(writePdf(await renderLetter({ kind: 'reminder', model: usModel(), body: 'Dear James,\n\nA reminder.', paperSize: 'A4' })), 1);
    expect(onA4.width).toBeCloseTo(595.28, 1);
    const onLetter = pageWords(writePdf(await renderLetter({ kind: 'reminder', model: gbModel(), body: 'Dear Tom,\n\nA reminder.', paperSize: 'Letter' })), 1);
    expect(onLetter.height).toBeCloseTo(792, 1);
  });

  it('prints each kind with its own title', async () => {
    for (const kind of letterKinds.filter((each) => each !== 'validation-notice')) {
      for (const model of [usModel(), gbModel()]) {
        const text = pdfText(writePdf(await renderLetter({ kind, model, body: 'Dear customer,\n\nThe text of the letter.' })));
        expect(text, `${kind} ${model.language}`).toContain(letterTitle(kind, model.language));
        expect(text, `${kind} ${model.language}`).toContain('The text of the letter.');
      }
    }
  });

  it('prints a payment plan letter with its title and no invoice table: it is about one instalment, not the invoices the plan covers', async () => {
    const model = gbModel();
    const text = pdfText(writePdf(await renderLetter({ kind: 'payment-plan', model, body: 'Dear Tom,\n\nInstalment 2 of your payment plan, £333.33, is due on 26 November 2026.' })));
    expect(text).toContain('Your payment plan');
    expect(text).toContain('Instalment 2 of your payment plan');
    for (const each of model.invoices) expect(text).not.toContain(each.number);
    expect(text).not.toContain('Days overdue');
    // the same body in the reminder layout does list them
    const reminder = pdfText(writePdf(await renderLetter({ kind: 'reminder', model, body: 'Dear Tom,\n\nA reminder.' })));
    for (const each of model.invoices) expect(reminder).toContain(each.number);
  });

  it('renders the same bytes for the same input, and stamps the message date as the creation date', async () => {
    const input = { kind: 'demand' as const, model: usModel(), body: demandBody };
    const first = await renderLetter(input);
    const second = await renderLetter({ ...input, model: usModel() });
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const later = await renderLetter({ ...input, model: usModel({ date: '2026-11-24' }) });
    expect(Buffer.from(first).equals(Buffer.from(later))).toBe(false);
    const info = pdfInfo(writePdf(first));
    expect(info).toMatchObject({ CreationDate: '2026-11-23T00:00:00Z', Title: 'Demand for payment: Cedar Ridge Dental Group', Author: 'Northwind Design Studio LLC' });
  });

  it('adds the debt-collector disclosure only for a consumer debt an agency collects', async () => {
    const consumer = (model: MessageModel): MessageModel => ({ ...model, customer: { ...model.customer, kind: 'consumer' } });
    const render = async (model: MessageModel) => flowing(pdfText(writePdf(await renderLetter({ kind: 'reminder', model, body: 'Dear customer,\n\nPlease pay.' }))));
    expect(await render(consumer(usModel({ agency: true })))).toContain(collectorSentence);
    expect(await render(usModel({ agency: true }))).not.toContain('debt collector');
    expect(await render(consumer(usModel({ agency: false })))).not.toContain('debt collector');
  });

  it('prints a statement of account as a ledger with the balance due per currency', async () => {
    const model = gbModel();
    const text = pdfText(writePdf(await renderLetter({ kind: 'statement-of-account', model, body: 'Dear Mr Fletcher,\n\nYour statement is below.' })));
    expect(text).toContain('Statement of account');
    expect(text).toContain('Amounts in GBP');
    expect(text).toContain('Amounts in EUR');
    for (const each of model.invoices) expect(text).toContain(`Invoice ${each.number}`);
    expect(text).toMatch(rowPattern(['Payments and credits on HP-1187', '£500.00', '£2,023.50']));
    expect(text).toMatch(rowPattern(['Fees and interest on HP-1187', '£73.50', '£2,523.50']));
    for (const total of model.totals) {
      expect(text).toMatch(rowPattern(['Balance due on 23 November 2026', formatAmount('en-GB', total.balance, total.currency)]));
    }
  });

  it('runs onto more pages with the table header repeated and "Page X of Y" on each', async () => {
    const invoices = Array.from({ length: 60 }, (_, index) =>
      invoice({ number: `INV-${String(index + 1).padStart(4, '0')}`, issueDate: '2026-08-01', dueDate: '2026-09-01', daysOverdue: 83, currency: 'USD', total: 10_000n + BigInt(index), charges: 0n, paid: 0n }),
    );
    const model = usModel({ invoices, totals: totalsOf(invoices) });
    const pdf = await renderLetter({ kind: 'reminder', model, body: demandBody });
    const path = writePdf(pdf);
    const pages = pageTexts(path);
    const count = await pageCount(pdf);
    expect(count).toBeGreaterThanOrEqual(2);
    expect(pages).toHaveLength(count);
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${count}`));
    expect(pages[1]).toMatch(/Invoice\s+Issued\s+Due\s+Days\s+Amount\s+Charges\s+Paid\s+Balance/);
    expect(pdfText(path)).toMatch(rowPattern(['Total', '$6,017.70', '$0.00', '$0.00', '$6,017.70']));
    for (const each of invoices) expect(pdfText(path)).toContain(each.number);
  });

  it('prints names, addresses and currency signs as written, in any script', async () => {
    const invoices = [invoice({ number: 'R-1', issueDate: '2026-10-01', dueDate: '2026-10-31', daysOverdue: 23, currency: 'INR', total: 1_234_56n, charges: 0n, paid: 0n })];
    const model = usModel({
      customer: { id: '5', externalId: 'C-9', name: 'Łukasz Wójcik Sp. z o.o.', kind: 'business', country: 'PL' },
      contact: { name: 'Łukasz Wójcik', email: null, phone: null, address: { lines: ['ul. Świętokrzyska 12', '00-916 Warszawa', 'Poland'], country: 'PL' } },
      invoices,
      totals: totalsOf(invoices),
    });
    const text = pdfText(writePdf(await renderLetter({ kind: 'reminder', model, body: 'Dear Łukasz,\n\nPlease pay.' })));
    expect(text).toContain('Łukasz Wójcik Sp. z o.o.');
    expect(text).toContain('ul. Świętokrzyska 12');
    expect(text).toContain('Dear Łukasz,');
    expect(text).toContain('₹1,234.56');
  });

  it('renders a statement for a customer without a postal address (an email attachment) with the name alone', async () => {
    const model = usModel({ contact: { name: 'James Carter', email: 'jcarter@cedarridgedental.com', phone: null, address: { lines: [], country: null } } });
    const text = pdfText(writePdf(await renderLetter({ kind: 'statement-of-account', model, body: '' })));
    expect(text).toContain('James Carter');
    expect(text).toContain('Cedar Ridge Dental Group');
    expect(text).toMatch(rowPattern(['Balance due on November 23, 2026', '$2,355.50']));
  });
});
