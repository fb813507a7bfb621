// Writes a CSV file row by row (RFC 4180 quoting, CRLF-free "\n" lines, UTF-8), in chunks, and
// waits whenever the file stream's buffer is full: a million rows stream to disk in constant memory.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';

/** A field quoted only when it must be: it holds a comma, a quote, a line break, or edge spaces. */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export function csvLine(fields: ReadonlyArray<string | null | undefined>): string {
  return `${fields.map(csvField).join(',')}\n`;
}

export class CsvFileWriter {
  readonly #stream: WriteStream;
  #chunk = '';
  rows = 0;

  constructor(
    readonly path: string,
    header: readonly string[],
    /** Characters gathered before a write: fewer, larger writes are much faster than one per row. */
    readonly chunkSize = 1 << 16,
  ) {
    this.#stream = createWriteStream(path, { encoding: 'utf8' });
    this.#chunk = csvLine(header);
  }

  async row(fields: ReadonlyArray<string | null | undefined>): Promise<void> {
    this.#chunk += csvLine(fields);
    this.rows += 1;
    if (this.#chunk.length >= this.chunkSize) await this.#write();
  }

  async close(): Promise<void> {
    await this.#write();
    this.#stream.end();
    await once(this.#stream, 'close');
  }

  async #write(): Promise<void> {
    if (this.#chunk === '') return;
    const chunk = this.#chunk;
    this.#chunk = '';
    // Backpressure: write() returns false once the stream buffers more than its highWaterMark.
    // `once` also rejects if the stream errors meanwhile (disk full, permissions).
    if (!this.#stream.write(chunk)) await once(this.#stream, 'drain');
  }

  /** Abandons the file (after a failure elsewhere), releasing its descriptor. */
  destroy(): void {
    this.#stream.destroy();
  }
}
