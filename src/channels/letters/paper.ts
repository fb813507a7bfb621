// The paper an organisation prints its letters on and where the envelope window falls on it. All
// lengths are PDF points (1/72 in), the unit pdfmake lays out in; the helpers below convert from
// the inches and millimetres the envelope standards are written in.
export const inches = (value: number): number => value * 72;
export const millimetres = (value: number): number => (value * 72) / 25.4;

/** A rectangle on the page, measured from its top-left corner (as pdfmake and pdftotext do). */
export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LetterPaper {
  /** pdfmake's name for the sheet. */
  size: 'LETTER' | 'A4';
  width: number;
  height: number;
  margins: { left: number; top: number; right: number; bottom: number };
  /** Where the envelope window shows the page once folded in three. */
  window: Rectangle;
  /** Space kept free inside the window edges: the letter shifts a few millimetres in the envelope. */
  windowInset: { x: number; y: number };
}

// US: the #10 window envelope (4⅛ × 9½ in, a 4½ × 1⅛ in window ⅞ in from the left edge), the size
// USPS letter mail and most US billing envelopes use. A US Letter sheet folded in three puts the
// window's area about 2 in below the top of the page. The address block is kept ⅛ in inside the
// window's edges so the whole address still shows when the sheet shifts in the envelope.
const usLetter: LetterPaper = {
  size: 'LETTER',
  width: inches(8.5),
  height: inches(11),
  margins: { left: inches(1), top: inches(0.6), right: inches(1), bottom: inches(0.8) },
  window: { x: inches(0.875), y: inches(2), width: inches(4), height: inches(1.125) },
  windowInset: { x: inches(0.125), y: inches(0.08) },
};

// UK: DL and C5 window envelopes (ISO 269 sizes) are made for the address field of DIN 5008 Form B
// / DIN 676, which British stationers follow: a window of about 90 × 45 mm whose top sits 45 mm
// (to 50 mm, by maker) below the top of an A4 sheet and whose left edge is 20 mm from the page's.
// The text starts 5 mm inside, so it shows whichever of the 45–50 mm makes the envelope is.
const a4: LetterPaper = {
  size: 'A4',
  width: millimetres(210),
  height: millimetres(297),
  margins: { left: millimetres(25), top: millimetres(12), right: millimetres(20), bottom: millimetres(20) },
  window: { x: millimetres(20), y: millimetres(45), width: millimetres(90), height: millimetres(45) },
  windowInset: { x: millimetres(5), y: millimetres(5) },
};

/** The sheet an organisation prints on: its own setting (orgs.paper_size), see defaultPaperSize. */
export const paperSizes = ['A4', 'Letter'] as const;
export type PaperSize = (typeof paperSizes)[number];

/**
 * The paper the organisation's printer holds is the same for every letter, whoever it goes to:
 * US Letter in the United States and Canada (and the few others that use it), A4 everywhere else.
 */
export function defaultPaperSize(orgCountry: string | null): PaperSize {
  return orgCountry !== null && letterCountries.has(orgCountry.toUpperCase()) ? 'Letter' : 'A4';
}

/** Where US Letter is the usual office paper (ISO 216 A4 elsewhere). */
const letterCountries = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'GT', 'CR', 'PR', 'DO', 'SV', 'NI', 'PA']);

export function paperFor(size: PaperSize): LetterPaper {
  return size === 'Letter' ? usLetter : a4;
}

/** The width between the side margins, where the flowing text goes. */
export function contentWidth(paper: LetterPaper): number {
  return paper.width - paper.margins.left - paper.margins.right;
}
