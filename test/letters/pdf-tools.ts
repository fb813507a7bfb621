// What the letter tests read PDFs with: poppler's pdftotext and pdftoppm (installed on the test
// machines and in CI), run on a file in a temporary directory, and pdf-lib for the page count.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll } from 'vitest';

const directory = mkdtempSync(join(tmpdir(), 'arrears-letters-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

/** Writes the PDF to the test's temporary directory and returns its path. */
export function writePdf(pdf: Uint8Array, name = 'letter'): string {
  files += 1;
  const path = join(directory, `${name}-${files}.pdf`);
  writeFileSync(path, pdf);
  return path;
}

export function tempPath(name: string): string {
  return join(directory, name);
}

/** The text as `pdftotext -layout` lays it out; pages are separated by form feeds. */
export function pdfText(path: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return execFileSync('pdftotext', ['-layout', ...range, path, '-'], { encoding: 'utf8' });
}

/** The text of each page, in order. */
export function pageTexts(path: string): string[] {
  return pdfText(path).split('\f').slice(0, -1);
}

export async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PageWords {
  width: number;
  height: number;
  words: Word[];
}

/** Every word of a page with its box in points from the top-left corner (`pdftotext -bbox`). */
export function pageWords(path: string, page: number): PageWords {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' });
  const size = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html);
  if (!size) throw new Error(`no page ${page} in ${path}`);
  const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((match) => ({
    xMin: Number(match[1]),
    yMin: Number(match[2]),
    xMax: Number(match[3]),
    yMax: Number(match[4]),
    text: unescapeXml(match[5]!),
  }));
  return { width: Number(size[1]), height: Number(size[2]), words };
}

/** The words of one line of text, found as a run of consecutive words on the page. */
export function findLine(page: PageWords, line: string): Word[] {
  const wanted = line.split(/\s+/).filter(Boolean);
  for (let start = 0; start + wanted.length <= page.words.length; start += 1) {
    const run = page.words.slice(start, start + wanted.length);
    if (run.every((word, index) => word.text === wanted[index])) return run;
  }
  throw new Error(`"${line}" is not on the page; its words are: ${page.words.map((word) => word.text).join(' ')}`);
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Runs pdftoppm on one page and returns the PNG's bytes. */
export function renderPng(path: string, page: number, resolution: number): Buffer {
  const prefix = tempPath(`page-${files}-${page}`);
  execFileSync('pdftoppm', ['-png', '-r', String(resolution), '-f', String(page), '-l', String(page), '-singlefile', path, prefix]);
  return readFileSync(`${prefix}.png`);
}

/** `pdfinfo -isodates` as field → value ("Title", "CreationDate", "Pages", "Page size" …). */
export function pdfInfo(path: string): Record<string, string> {
  const output = execFileSync('pdfinfo', ['-isodates', path], { encoding: 'utf8' });
  return Object.fromEntries(output.split('\n').flatMap((line) => {
    const match = /^([^:]+):\s+(.*)$/.exec(line);
    return match ? [[match[1]!, match[2]!]] : [];
  }));
}

/** The text in reading order (`pdftotext` without -layout): a column's sentences stay together. */
export function readingText(path: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}
