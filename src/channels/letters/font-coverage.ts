// Which characters a font file can draw, read from its character map ('cmap' table) — the same
// table pdfkit looks a character up in. Formats 4 (the Basic Multilingual Plane) and 12 (all of
// Unicode) are the ones TrueType and OpenType fonts for Windows and the web carry.

/** A font's character map: does it have a glyph for this code point? */
export type Coverage = (codePoint: number) => boolean;

export function fontCoverage(font: Uint8Array): Coverage {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const cmap = tableOffset(view, 'cmap');
  if (cmap === null) throw new Error('the font has no cmap table');
  const count = view.getUint16(cmap + 2);
  let format4: number | null = null;
  let format12: number | null = null;
  for (let i = 0; i < count; i += 1) {
    const record = cmap + 4 + i * 8;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const offset = cmap + view.getUint32(record + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const format = view.getUint16(offset);
    if (format === 12) format12 ??= offset;
    if (format === 4) format4 ??= offset;
  }
  if (format12 !== null) return format12Coverage(view, format12);
  if (format4 !== null) return format4Coverage(view, format4);
  throw new Error('the font has no Unicode character map (cmap format 4 or 12)');
}

function tableOffset(view: DataView, tag: string): number | null {
  const tables = view.getUint16(4);
  for (let i = 0; i < tables; i += 1) {
    const record = 12 + i * 16;
    const name = String.fromCharCode(view.getUint8(record), view.getUint8(record + 1), view.getUint8(record + 2), view.getUint8(record + 3));
    if (name === tag) return view.getUint32(record + 8);
  }
  return null;
}

/** Sequential groups: [startCharCode, endCharCode, startGlyphId]; glyph 0 is "missing". */
function format12Coverage(view: DataView, offset: number): Coverage {
  const groups = view.getUint32(offset + 12);
  const ranges: [number, number][] = [];
  for (let i = 0; i < groups; i += 1) {
    const group = offset + 16 + i * 12;
    const start = view.getUint32(group);
    const end = view.getUint32(group + 4);
    const glyph = view.getUint32(group + 8);
    ranges.push([glyph === 0 ? start + 1 : start, end]);
  }
  return (codePoint) => inRanges(ranges, codePoint);
}

/** Segments of the BMP, each mapped by a delta or through the glyph index array (0 = missing). */
function format4Coverage(view: DataView, offset: number): Coverage {
  const segments = view.getUint16(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const glyphOf = (codePoint: number): number => {
    for (let i = 0; i < segments; i += 1) {
      const end = view.getUint16(ends + i * 2);
      if (codePoint > end) continue;
      const start = view.getUint16(starts + i * 2);
      if (codePoint < start) return 0;
      const delta = view.getInt16(deltas + i * 2);
      const rangeOffset = view.getUint16(rangeOffsets + i * 2);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyph = view.getUint16(rangeOffsets + i * 2 + rangeOffset + (codePoint - start) * 2);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
  return (codePoint) => codePoint <= 0xffff && glyphOf(codePoint) !== 0;
}

function inRanges(ranges: readonly [number, number][], codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = ranges[middle]!;
    if (codePoint < start) high = middle - 1;
    else if (codePoint > end) low = middle + 1;
    else return true;
  }
  return false;
}
