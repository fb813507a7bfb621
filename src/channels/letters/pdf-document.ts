// pdfmake 0.3 on the server: its Node entry point is one shared, configured instance. Letters use
// the standard PDF fonts only (no font files to ship or load) and may not fetch anything, from the
// network or the disk, so a document can only contain what the letter code put in it.
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { IsoDate } from '../../domain/calendar.ts';

/** The font family the letters are set in: Helvetica, one of the 14 fonts every PDF reader has. */
export const letterFont = 'Helvetica';

const standardFonts = {
  [letterFont]: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' },
};
const standardFontNames = new Set(Object.values(standardFonts[letterFont]));

let configured = false;

function configure(): void {
  if (configured) return;
  pdfmake.setFonts(standardFonts);
  pdfmake.setUrlAccessPolicy(() => false);
  // pdfmake asks this policy about every font "file" too; the standard fonts are names, not files.
  pdfmake.setLocalAccessPolicy((path) => standardFontNames.has(path));
  configured = true;
}

/**
 * The PDF bytes of a document definition. pdfkit stamps a document with its creation time and
 * derives the file identifier from it; both are set from the letter's business date (midnight UTC),
 * so the same letter renders to the same bytes every time.
 */
export async function printPdf(definition: Omit<TDocumentDefinitions, 'info'> & { info: { title: string; author: string; subject?: string } }, date: IsoDate): Promise<Uint8Array> {
  configure();
  const creationDate = new Date(`${date}T00:00:00Z`);
  const document = pdfmake.createPdf({
    ...definition,
    info: { ...definition.info, creator: 'Arrears', producer: 'Arrears (pdfmake)', creationDate },
  });
  const buffer = await document.getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
