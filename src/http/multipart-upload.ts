// A CSV import sent as multipart/form-data, read as it arrives (busboy): the options from the form
// fields before the file, and the file itself as a stream handed to the importer, exactly as a raw
// text/csv body is — never the whole form in memory (a 50 MB upload buffered took the server ~20×
// its size). The options must therefore come before the file in the form (curl -F and browsers
// send the parts in the order they were given) or in the query string: one after the file fails
// the import, before anything is written.
import { PassThrough, type Readable } from 'node:stream';
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
 * cut off at its size limit) errors the file stream with it, so the import fails and writes nothing.
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
    let file: PassThrough | undefined;
    let fileEnded = false;
    let formEnded = false;
    const fail = (error: unknown) => {
      body.unpipe(parser);
      body.resume(); // drain what is left, so the request completes and the answer can be sent
      if (file) file.destroy(error as Error);
      else reject(error);
    };
    // The importer sees the end of the file only when the form is over: a field after it must
    // still be able to fail the import.
    const endWhenDone = () => {
      if (file && fileEnded && formEnded) file.end();
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new AppError('invalid_input', `the form field "${name}" is longer than ${fieldLimit / 1024} KiB`));
      if (file) return fail(new AppError('invalid_input', `the form field "${name}" comes after the file; put the options before the file in the form, or in the query string`));
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || file) {
        stream.resume();
        return;
      }
      file = new PassThrough();
      // The importer listens for errors on it; this one keeps an error raised after the upload was
      // dropped (e.g. a late field once the options were refused) from crashing the server.
      file.on('error', () => {});
      stream.on('end', () => {
        fileEnded = true;
        endWhenDone();
      });
      stream.pipe(file, { end: false });
      resolve({ fields, file, fileName: info.filename || undefined });
    });
    parser.on('fieldsLimit', () => fail(new AppError('invalid_input', 'the form has more than 20 fields; send the file and the import options only')));
    parser.on('close', () => {
      formEnded = true;
      if (!file) reject(new AppError('invalid_input', 'the form has no file; send the CSV in a form field named "file"'));
      else endWhenDone();
    });
    parser.on('error', (error) => fail(new AppError('invalid_input', `the multipart form cannot be read: ${(error as Error).message}`)));
    // e.g. the body cut off at its size limit (body-limit.ts): that error, as it is
    body.on('error', fail);
    body.pipe(parser);
  });
}
