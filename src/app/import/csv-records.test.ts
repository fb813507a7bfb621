import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-records.ts';

async function lines(text: string): Promise<Array<[number, string[]]>> {
  const out: Array<[number, string[]]> = [];
  for await (const record of readCsvRecords(Readable.from([Buffer.from(text)]))) out.push([record.line, record.fields]);
  return out;
}

describe('readCsvRecords', () => {
  it('numbers records by the line they start on, past blank lines and quoted line breaks', async () => {
    expect(await lines('a,b\n1,2\n\n3,"x\ny"\n4,5')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [4, ['3', 'x\ny']],
      [6, ['4', '5']],
    ]);
  });

  it('counts a CRLF inside a quoted field as one line (Excel exports)', async () => {
    expect(await lines('a,b\r\n1,2\r\n\r\n3,"Flat 2\r\n17 Church Lane"\r\n   \r\n4,5\r\n').then((r) => r.map(([line]) => line))).toEqual([1, 2, 4, 7]);
  });

  it('skips a byte-order mark and keeps counting across chunks', async () => {
    const records: number[] = [];
    const chunks = ['\ufeffa,b\n1,', '2\n\n', '3,4\n'].map((s) => Buffer.from(s));
    for await (const record of readCsvRecords(Readable.from(chunks))) records.push(record.line);
    expect(records).toEqual([1, 2, 4]);
  });
});
