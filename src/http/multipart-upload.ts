// A CSV import sent as multipart/form-data, read as it arrives (busboy): the options from the form
// fields before the file, and the file itself as a stream handed to the importer, exactly as a raw
// text/csv body is — never the whole form in memory (a 50 MB upload buffered took the server ~20×
// its size). The options must therefore come before the file in the form (curl -F and browsers
// send the parts in the order they were given) or in the query string: one after the file fails
// the import, before anything is written.
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { AppError } from '../errors.ts';

export interface MultipartUpload {
  /** The form fields sent before the file. */
  fields: Record<string, string>;
  /** The bytes of the part named "file"; ends only once the whole form has been read. */
  file: Readable;
  fileName: string | undefined;
}

const fieldLimit = 64 * 1024;

/**
 * Resolves when the part named "file" begins (with the fields before it); rejects when the form
 * ends without one, or cannot be read. A problem found later (a field after the file, the body
 * cut off at its size limit) fails the file stream with it, so the import fails and writes nothing.
 */
export function readMultipartUpload(contentType: string, body: Readable): Promise<MultipartUpload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fields: 20, fieldSize: fieldLimit } });
    } catch (error) {
      reject(new AppError('invalid_input', `the multipart form cannot be read (${(error as Error).message}); send it with its boundary, as a form library does`));
      return;
    }
    const fields: Record<string, string> = {};
    let filePart: Readable | undefined;
    // Settles when the whole form has been read: the file's end waits for it, as a field after
    // the file must still be able to fail the import.
    let formRead!: () => void;
    let formFailed!: (error: unknown) => void;
    const formDone = new Promise<void>((done, failed) => {
      formRead = done;
      formFailed = failed;
    });
    formDone.catch(() => {}); // also when nobody reads the file any more (the upload was refused)
    const fail = (error: unknown) => {
      body.unpipe(parser);
      body.resume(); // drain what is left, so the request completes and the answer can be sent
      if (!filePart) return reject(error);
      formFailed(error);
      filePart.destroy(); // ends the file's reading, which then takes the form's error (fileThenForm)
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new AppError('invalid_input', `the form field "${name}" is longer than ${fieldLimit / 1024} KiB`));
      if (filePart) return fail(new AppError('invalid_input', `the form field "${name}" comes after the file; put the options before the file in the form, or in the query string`));
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || filePart) {
        stream.resume();
        return;
      }
      filePart = stream;
      // Pulled by the importer: an error surfaces when it reads, never before it listens.
      const file = Readable.from(fileThenForm(stream, formDone), { objectMode: false });
      // The importer listens for errors on it; this one keeps an error raised after the upload was
      // dropped (e.g. a late field once the options were refused) from crashing the server.
      file.on('error', () => {});
      resolve({ fields, file, fileName: info.filename || undefined });
    });
    parser.on('fieldsLimit', () => fail(new AppError('invalid_input', 'the form has more than 20 fields; send the file and the import options only')));
    parser.on('close', () => {
      if (!filePart) reject(new AppError('invalid_input', 'the form has no file; send the CSV in a form field named "file"'));
      formRead();
    });
    parser.on('error', (error) => fail(new AppError('invalid_input', `the multipart form cannot be read: ${(error as Error).message}`)));
    // e.g. the body cut off at its size limit (body-limit.ts): that error, as it is
    body.on('error', fail);
    body.pipe(parser);
  });
}

/** The file's bytes, then (before its end) the outcome of reading the rest of the form: its error, if it failed. */
async function* fileThenForm(part: Readable, formDone: Promise<void>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of part) yield chunk as Buffer;
  } catch (error) {
    await formDone; // the form's own error (a late field, the size limit) says more than "premature close"
    throw error;
  }
  await formDone;
}
