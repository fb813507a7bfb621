// Text from accounting exports, made ready to lay out: line ends and tabs normalised, and the
// narrow and figure spaces some exports put in numbers made ordinary spaces. Every other character
// is kept as written: the letters embed fonts for Latin, Greek, Cyrillic, Chinese, Japanese and
// Korean (letter-fonts.ts), and a letter with a character none of them has is not printed at all
// (pdf-document.ts UnprintableText) rather than printed with a wrong one.
import { canPrint } from './letter-fonts.ts';

const spaces = /[\u2002\u2003\u2007\u2009\u202F]/g;

/** Can the letters' fonts print this character? */
export function isPrintable(character: string): boolean {
  return canPrint(character);
}

/** The text with its line ends, tabs and odd spaces normalised; the characters themselves unchanged. */
export function printable(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(spaces, ' ');
}
