// Runs a format reader over CSV text in memory and collects what it emits, for reader unit tests.
import { Readable } from 'node:stream';
import { readCsvRecords } from '../../src/app/import/csv-records.ts';
import type { FormatReader, ReaderContext, ReaderEvent } from '../../src/app/import/types.ts';

export const testContext: ReaderContext = { fileName: 'test.csv', dateFormat: undefined, currency: 'GBP', today: '2026-11-23' };

export async function readerEvents<T>(reader: FormatReader<T>, csv: string | Buffer, context: Partial<ReaderContext> = {}): Promise<ReaderEvent<T>[]> {
  const events: ReaderEvent<T>[] = [];
  for await (const event of reader(readCsvRecords(Readable.from([csv])), { ...testContext, ...context })) events.push(event);
  return events;
}

export function recordsOf<T>(events: ReaderEvent<T>[]): T[] {
  return events.flatMap((event) => (event.type === 'record' ? [event.record] : []));
}

export function problemsOf<T>(events: ReaderEvent<T>[]) {
  return events.flatMap((event) => (event.type === 'problem' || event.type === 'fatal' ? [event.problem] : []));
}
