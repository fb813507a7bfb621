// Letters print every script a debtor's name and address come in (the embedded Noto fonts), and a
// letter with a character no font has is refused rather than printed with a wrong one.
import { describe, expect, it } from 'vitest';
import { UnprintableText } from '../../src/channels/letters/pdf-document.ts';
import { renderLetter } from '../../src/channels/letters/render-letter.ts';
import type { MessageModel } from '../../src/domain/messages/message-model.ts';
import { gbModel } from './fixtures.ts';
import { pdfText, writePdf } from './pdf-tools.ts';

function addressedTo(name: string, lines: string[], country: string): MessageModel {
  const model = gbModel();
  return { ...model, customer: { ...model.customer, name, country }, contact: { ...model.contact, name, address: { lines, country } } };
}

const debtors = [
  { name: 'Ζωή Παπαδοπούλου', lines: ['Οδός Ερμού 25', '105 63 Αθήνα', 'Ελλάδα'], country: 'GR' },
  { name: 'Дмитрий Иванов', lines: ['ул. Тверская, д. 7, кв. 12', 'Москва, 125009', 'Россия'], country: 'RU' },
  { name: '山田太郎', lines: ['〒100-0001', '東京都千代田区千代田1-1', '日本'], country: 'JP' },
  { name: '김민준', lines: ['서울특별시 종로구 세종대로 175', '03154', '대한민국'], country: 'KR' },
];

describe('letters in any script', () => {
  it.each(debtors)('prints $name and the address as written', async ({ name, lines, country }) => {
    const model = addressedTo(name, lines, country);
    const text = pdfText(writePdf(await renderLetter({ kind: 'reminder', model, body: `Dear ${name},\n\nPlease pay.` })));
    expect(text).toContain(name);
    for (const line of lines) expect(text).toContain(line);
    expect(text).toContain(`Dear ${name},`);
    expect(text).not.toContain('?');
  });

  it('refuses a letter with a character none of its fonts has, naming it', async () => {
    const model = addressedTo('Ann \u{1D11E} Smith', ['1 High St'], 'GB');
    const rendering = renderLetter({ kind: 'reminder', model, body: 'Dear Ann,\n\nPlease pay.' });
    await expect(rendering).rejects.toBeInstanceOf(UnprintableText);
    await expect(rendering).rejects.toThrow(/U\+1D11E.*retry the send/);
  });
});
