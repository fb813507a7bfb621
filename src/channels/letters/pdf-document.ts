// pdfmake 0.3 on the server: its Node entry point is one shared, configured instance. Letters are
// set in the embedded Noto fonts (letter-fonts.ts) and may not fetch anything from the network, nor
// read any file but those fonts, so a document can only contain what the letter code put in it.
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { IsoDate } from '../../domain/calendar.ts';
import { fontRuns, letterFont, letterFontFamilies } from './letter-fonts.ts';

export { letterFont } from './letter-fonts.ts';

/** A letter with characters no embedded font has: it is not printed (it would show them as boxes or "?"). */
export class UnprintableText extends Error {
  constructor(readonly characters: readonly string[]) {
    super(
      `the letter cannot be printed: its fonts have no glyph for ${characters.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}; ` +
        'correct the name, address or template text that holds it, then retry the send',
    );
  }
}

let configured = false;

function configure(): void {
  if (configured) return;
  const families = letterFontFamilies();
  pdfmake.setFonts(Object.fromEntries(families.map((family) => [family.name, family.files])));
  pdfmake.setUrlAccessPolicy(() => false);
  // pdfmake asks this policy about every file it reads: only the font files.
  const fontFiles = new Set(families.flatMap((family) => Object.values(family.files)));
  pdfmake.setLocalAccessPolicy((path) => fontFiles.has(path));
  configured = true;
}

type Definition = Omit<TDocumentDefinitions, 'info'> & { info: { title: string; author: string; subject?: string } };

/**
 * The PDF bytes of a document definition. pdfkit stamps a document with its creation time and
 * derives the file identifier from it; both are set from the letter's business date (midnight UTC),
 * so the same letter renders to the same bytes every time. Throws UnprintableText when some
 * character of it has no glyph in any of the fonts.
 */
export async function printPdf(definition: Definition, date: IsoDate): Promise<Uint8Array> {
  configure();
  const missing = new Set<string>();
  const set = (node: unknown) => setInFonts(node, missing);
  const { footer, header } = definition;
  const laidOut = {
    ...definition,
    content: set(definition.content) as TDocumentDefinitions['content'],
    ...(typeof footer === 'function' ? { footer: (...args: Parameters<typeof footer>) => set(footer(...args)) as ReturnType<typeof footer> } : footer ? { footer: set(footer) as typeof footer } : {}),
    ...(typeof header === 'function' ? { header: (...args: Parameters<typeof header>) => set(header(...args)) as ReturnType<typeof header> } : header ? { header: set(header) as typeof header } : {}),
  };
  // The footer is a function pdfmake calls per page: try it once here, so what it prints is checked too.
  if (typeof footer === 'function') set(footer(1, 1, { width: 0, height: 0, orientation: 'portrait' } as never));
  if (missing.size > 0) throw new UnprintableText([...missing]);
  const creationDate = new Date(`${date}T00:00:00Z`);
  const document = pdfmake.createPdf({
    ...laidOut,
    defaultStyle: { font: letterFont, ...definition.defaultStyle },
    info: { ...definition.info, creator: 'Arrears', producer: 'Arrears (pdfmake)', creationDate },
  });
  const buffer = await document.getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The keys of a pdfmake node that hold more content (text is handled on its own). */
const contentKeys = ['stack', 'columns', 'ul', 'ol'] as const;

/**
 * The content with every text cut into runs of one font each (letter-fonts.ts fontRuns): a run in
 * another family than the letter's gets that `font`; the rest inherit bold, size and colour as
 * before. The characters no font has are added to `missing`.
 */
function setInFonts(node: unknown, missing: Set<string>): unknown {
  if (typeof node === 'string') {
    const runs = textRuns(node, missing);
    return typeof runs === 'string' ? runs : { text: runs };
  }
  if (Array.isArray(node)) return node.map((child) => setInFonts(child, missing));
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = { ...(node as Record<string, unknown>) };
  if ('text' in result) result.text = inlineText(result.text, missing);
  for (const key of contentKeys) if (key in result) result[key] = setInFonts(result[key], missing);
  const table = result.table as { body?: unknown[][] } | undefined;
  if (table?.body) result.table = { ...table, body: table.body.map((row) => row.map((cell) => setInFonts(cell, missing))) };
  return result;
}

/** A node's `text`: a string, or an array of strings and inline nodes. */
function inlineText(text: unknown, missing: Set<string>): unknown {
  if (typeof text === 'string') return textRuns(text, missing);
  if (Array.isArray(text)) return text.flatMap((part) => (typeof part === 'string' ? [textRuns(part, missing)].flat() : [setInFonts(part, missing)]));
  return text;
}

/** The text itself when it is all in the letter's font, else its runs. */
function textRuns(text: string, missing: Set<string>): string | { text: string; font?: string }[] {
  const { runs, missing: lacking } = fontRuns(text);
  for (const character of lacking) missing.add(character);
  if (runs.every((run) => run.family === null) && lacking.length === 0) return text;
  return runs.map((run) => (run.family === null ? { text: run.text } : { text: run.text, font: run.family }));
}
