import { describe, expect, it } from 'vitest';
import { defaultPaperSize, paperFor, type Rectangle } from '../../src/channels/letters/paper.ts';
import { renderLetter } from '../../src/channels/letters/render-letter.ts';
import type { MessageModel } from '../../src/domain/messages/message-model.ts';
import { agencyConsumerModel, gbModel, usModel } from './fixtures.ts';
import { findLine, pageWords, writePdf, type Word } from './pdf-tools.ts';

function inside(word: Word, window: Rectangle): boolean {
  return word.xMin >= window.x && word.xMax <= window.x + window.width && word.yMin >= window.y && word.yMax <= window.y + window.height;
}

describe('the recipient shows through the envelope window', () => {
  it.each([
    ['en-US on US Letter, #10 window', usModel(), 612, 792],
    ['en-GB on A4, DL/C5 window', gbModel(), 595.28, 841.89],
  ] as const)('%s', async (_, model, width, height) => {
    const path = writePdf(await renderLetter({ kind: 'demand', model, body: 'Dear customer,\n\nPlease pay.' }));
    const page = pageWords(path, 1);
    expect(page.width).toBeCloseTo(width, 1);
    expect(page.height).toBeCloseTo(height, 1);
    const { window } = paperFor(defaultPaperSize(model.org.country));
    const firstAddressLine = findLine(page, model.contact.address.lines[0]!);
    for (const word of firstAddressLine) expect(inside(word, window), `${word.text} at ${JSON.stringify(word)} in ${JSON.stringify(window)}`).toBe(true);
    for (const line of model.contact.address.lines) for (const word of findLine(page, line)) expect(inside(word, window)).toBe(true);
    for (const word of findLine(page, model.customer.name)) expect(inside(word, window)).toBe(true);
    // Nothing else shows through the window: the letterhead, date and body stay outside it.
    const recipient = new Set([model.customer.name, model.contact.name ?? '', ...model.contact.address.lines].flatMap((line) => line.split(/\s+/)));
    for (const word of page.words.filter((each) => inside(each, window))) expect(recipient.has(word.text), `${word.text} shows in the window`).toBe(true);
  });

  it('keeps a long address inside the window by setting it smaller', async () => {
    const base = usModel();
    const model: MessageModel = {
      ...base,
      contact: { ...base.contact, address: { lines: ['Accounts Payable Department', 'Building 7, Floor 3', '2200 NE Broadway', 'Portland, OR 97232', 'United States'], country: 'US' } },
    };
    const path = writePdf(await renderLetter({ kind: 'reminder', model, body: 'Dear James,' }));
    const page = pageWords(path, 1);
    const { window } = paperFor('Letter');
    for (const line of ['James Carter', 'Cedar Ridge Dental Group', ...model.contact.address.lines]) {
      for (const word of findLine(page, line)) expect(inside(word, window), `${word.text}`).toBe(true);
    }
  });

  it('places the validation notice consumer in the window too', async () => {
    const model = agencyConsumerModel();
    const path = writePdf(await renderLetter({ kind: 'validation-notice', model, body: '' }));
    const page = pageWords(path, 1);
    for (const word of findLine(page, '1234 Elm Street')) expect(inside(word, paperFor('Letter').window)).toBe(true);
  });
});
