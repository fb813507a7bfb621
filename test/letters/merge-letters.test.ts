import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { mergeLetters } from '../../src/channels/letters/merge-letters.ts';
import { renderLetter } from '../../src/channels/letters/render-letter.ts';
import { demandBody, gbModel, invoice, shortReminderBody, usModel } from './fixtures.ts';
import { totalsOf } from '../../src/domain/messages/message-totals.ts';
import { pageCount, pageTexts, writePdf } from './pdf-tools.ts';

async function oneTwoPageLetters() {
  const one = await renderLetter({ kind: 'reminder', model: usModel(), body: shortReminderBody });
  const invoices = Array.from({ length: 40 }, (_, index) =>
    invoice({ number: `HP-${3000 + index}`, issueDate: '2026-08-01', dueDate: '2026-08-31', daysOverdue: 84, currency: 'GBP', total: 25_000n, charges: 0n, paid: 0n }),
  );
  const two = await renderLetter({ kind: 'demand', model: gbModel({ invoices, totals: totalsOf(invoices) }), body: demandBody });
  return { one, two };
}

describe('mergeLetters', () => {
  it('starts every letter on an odd page: a blank page follows a letter with an odd page count', async () => {
    const { one, two } = await oneTwoPageLetters();
    expect(await pageCount(one)).toBe(1);
    expect(await pageCount(two)).toBe(2);

    const merged = await mergeLetters([one, two]);
    expect(await pageCount(merged)).toBe(4);
    const pages = pageTexts(writePdf(merged, 'post'));
    expect(pages[0]).toContain('Cedar Ridge Dental Group');
    expect(pages[0]).toContain('Page 1 of 1');
    expect(pages[1]!.trim()).toBe('');
    expect(pages[2]).toContain('Thomas Fletcher');
    expect(pages[2]).toContain('Page 1 of 2');
    expect(pages[2]).toContain('HP-3000');
    expect(pages[3]).toContain('Page 2 of 2');
    expect(pages[3]).toContain('HP-3039');
    // The blank page is the size of the letter it follows (US Letter), the next letter keeps its A4.
    const document = await PDFDocument.load(merged);
    expect(document.getPage(1).getSize()).toEqual({ width: 612, height: 792 });
    expect(document.getPage(2).getSize().width).toBeCloseTo(595.28, 1);
  });

  it('adds no blank page after a letter with an even page count', async () => {
    const { one, two } = await oneTwoPageLetters();
    const merged = await mergeLetters([two, one, one]);
    expect(await pageCount(merged)).toBe(6);
    const pages = pageTexts(writePdf(merged, 'post'));
    expect(pages.map((page) => page.trim() === '')).toEqual([false, false, false, true, false, true]);
  });

  it('makes the same file from the same letters', async () => {
    const { one, two } = await oneTwoPageLetters();
    const first = await mergeLetters([one, two]);
    const second = await mergeLetters([one, two]);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('refuses nothing to merge and a file that is not a PDF', async () => {
    await expect(mergeLetters([])).rejects.toThrow(/no letters to merge/);
    const { one } = await oneTwoPageLetters();
    await expect(mergeLetters([one, new TextEncoder().encode('not a pdf')])).rejects.toThrow(/letter 2 is not a readable PDF/);
  });
});
