// The letters use the standard PDF fonts (Helvetica), which need no font files but can only show
// the characters of their WinAnsi (Windows-1252) encoding; anything else would print as a wrong
// glyph. Names and addresses come from accounting exports, so they are made printable here:
// accents are kept where the encoding has them, dropped where it does not (Ő → O), and the few
// letters that do not decompose are spelled the nearest Latin way (Ł → L); the rest become "?".

/** The characters Windows-1252 assigns in 0x80–0x9F; 0x20–0x7E and 0xA0–0xFF are Latin-1 as in Unicode. */
const windows1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const nearestLatin: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŧ: 'T', ŧ: 't', ĸ: 'k',
  '\u2009': ' ', '\u202F': ' ', '\u2007': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u2212': '-', '\u2010': '-', '\u2011': '-', '\u2032': "'", '\u2033': '"',
};

export function isPrintable(character: string): boolean {
  const code = character.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || windows1252Extras.has(character);
}

/** The text with every character the standard fonts cannot show replaced by the nearest one that they can. */
export function printable(text: string): string {
  let result = '';
  for (const character of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    if (isPrintable(character)) result += character;
    else result += nearestPrintable(character);
  }
  return result;
}

function nearestPrintable(character: string): string {
  const mapped = nearestLatin[character];
  if (mapped !== undefined) return mapped;
  // Recompose what is left after dropping the combining marks: "ő" → "o", "ș" → "s".
  const base = character.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');
  if (base !== '' && [...base].every(isPrintable)) return base;
  return '?';
}
