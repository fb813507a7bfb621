// 32-bit FNV-1a over a string's UTF-16 code units: a fast, well-spread hash for keys in memory
// (the import's duplicate check, the demo's seeded streams). Not for anything an attacker chooses
// against, nor stored: it may change with the code.

export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
