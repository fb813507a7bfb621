// The day's post as one PDF to print: every letter to be posted, one after another, each starting
// on the front of a sheet. A letter with an odd number of pages is followed by a blank page, so a
// duplex printer never prints the start of one customer's letter on the back of another's.
import { PDFDocument } from 'pdf-lib';

export async function mergeLetters(pdfs: readonly Uint8Array[]): Promise<Uint8Array> {
  if (pdfs.length === 0) throw new Error('no letters to merge: there is nothing to print');
  // No metadata update: pdf-lib would stamp the current time, and the same letters should make the same file.
  const merged = await PDFDocument.create({ updateMetadata: false });
  merged.setProducer('Arrears (pdf-lib)');
  merged.setCreator('Arrears');
  for (const [index, pdf] of pdfs.entries()) {
    const letter = await loadLetter(pdf, index);
    const pages = await merged.copyPages(letter, letter.getPageIndices());
    if (pages.length === 0) throw new Error(`letter ${index + 1} of ${pdfs.length} has no pages`);
    for (const page of pages) merged.addPage(page);
    if (pages.length % 2 === 1) {
      const { width, height } = pages[pages.length - 1]!.getSize();
      merged.addPage([width, height]);
    }
  }
  return merged.save();
}

async function loadLetter(pdf: Uint8Array, index: number): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(pdf, { updateMetadata: false });
  } catch (error) {
    throw new Error(`letter ${index + 1} is not a readable PDF: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
