// The fonts letters are set in, embedded in every PDF so a name or an address prints as written in
// any of the scripts debtors' names come in: Noto Sans for Latin, Greek and Cyrillic (and most
// currency signs), Noto Sans Hans for Chinese and Japanese, Noto Sans KR for Korean. The files come
// with npm packages (@embedpdf/fonts-*, SIL Open Font License), read from node_modules, so the
// repository carries none. pdfmake sets each run of text in one font and falls back to nothing, so
// the text is cut into runs by the first family that has every character of the run (pdf-document.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fontCoverage, type Coverage } from './font-coverage.ts';

export interface FontFamily {
  /** pdfmake's name for the family. */
  name: string;
  files: { normal: string; bold: string; italics: string; bolditalics: string };
  covers: Coverage;
}

/** The family text is set in unless a character needs another. */
export const letterFont = 'NotoSans';

interface FamilySource {
  name: string;
  packageName: string;
  /** File names in the package's fonts/ folder; a family without italics slants nothing. */
  normal: string;
  bold: string;
  italics?: string;
  bolditalics?: string;
  /** The main family must be there; the others only widen what can be printed. */
  required: boolean;
}

const sources: readonly FamilySource[] = [
  { name: letterFont, packageName: '@embedpdf/fonts-latin', normal: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf', italics: 'NotoSans-Italic.ttf', bolditalics: 'NotoSans-BoldItalic.ttf', required: true },
  { name: 'NotoSansHans', packageName: '@embedpdf/fonts-sc', normal: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf', required: true },
  { name: 'NotoSansKR', packageName: '@embedpdf/fonts-kr', normal: 'NotoSansKR-Regular.otf', bold: 'NotoSansKR-Bold.otf', required: false },
];

/**
 * Noto Sans's line height as pdfmake computes it: (ascender − descender) / units per em =
 * (1069 + 293) / 1000. Laying out the address window depends on it.
 */
export const letterLineHeight = 1.362;

let loaded: FontFamily[] | null = null;

/** The families found, in the order a character is looked for in them. */
export function letterFontFamilies(): readonly FontFamily[] {
  loaded ??= sources.flatMap((source) => {
    const folder = packageFonts(source);
    if (folder === null) return [];
    const file = (name: string) => join(folder, name);
    const normal = file(source.normal);
    const bold = file(source.bold);
    return [
      {
        name: source.name,
        files: { normal, bold, italics: file(source.italics ?? source.normal), bolditalics: file(source.bolditalics ?? source.bold) },
        covers: fontCoverage(readFileSync(normal)),
      },
    ];
  });
  return loaded;
}

function packageFonts(source: FamilySource): string | null {
  try {
    // The package's entry point is dist/index.cjs; its font files sit in fonts/ beside dist/.
    return join(dirname(createRequire(import.meta.url).resolve(source.packageName)), '..', 'fonts');
  } catch {
    if (!source.required) return null;
    throw new Error(`the letter fonts are missing: the npm package ${source.packageName} is not installed (run npm ci)`);
  }
}

/** Characters that are laid out, not drawn: line breaks. */
const layoutCharacters = new Set([0x0a]);

/** The first family that can draw the character, or null when none can. */
export function familyFor(codePoint: number): FontFamily | null {
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return null;
  for (const family of letterFontFamilies()) if (family.covers(codePoint)) return family;
  return null;
}

/** Can the letters print this text as it is? */
export function canPrint(text: string): boolean {
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (!layoutCharacters.has(code) && familyFor(code) === null) return false;
  }
  return true;
}

/** One run of text and the family to set it in (null: the surrounding text's font). */
export interface TextRun {
  text: string;
  family: string | null;
}

/**
 * The text cut into runs of one family each: a letter goes in the first family that has it; what
 * is not a letter (a space, a digit, a comma, a combining accent) stays with the run it follows
 * when that run's family has it, so "山田 太郎" is one run. Characters no family has are returned
 * in `missing`, once each.
 */
export function fontRuns(text: string): { runs: TextRun[]; missing: string[] } {
  const runs: TextRun[] = [];
  const missing = new Set<string>();
  const main = letterFontFamilies()[0]!;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    const last = runs[runs.length - 1];
    if (layoutCharacters.has(code) || (last && !/\p{L}/u.test(character) && familyByName(last.family ?? letterFont)?.covers(code))) {
      if (last) last.text += character;
      else runs.push({ text: character, family: null });
      continue;
    }
    const family = familyFor(code);
    if (family === null) {
      missing.add(character);
      continue;
    }
    const name = family === main ? null : family.name;
    if (last && last.family === name) last.text += character;
    else runs.push({ text: character, family: name });
  }
  return { runs, missing: [...missing] };
}

function familyByName(name: string): FontFamily | undefined {
  return letterFontFamilies().find((family) => family.name === name);
}

/**
 * pdfmake's lineHeight factor that spaces lines `pitch` × the font size apart (baseline to
 * baseline). The layouts were measured in such pitches; Noto Sans's own line is taller than most
 * fonts' (its accents and scripts need the room), so a plain factor would spread every page.
 */
export function lineSpacing(pitch: number): number {
  return Math.round((pitch / letterLineHeight) * 1000) / 1000;
}
