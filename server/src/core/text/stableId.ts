/**
 * Stable short ids from a grouping key (FNV-1a over UTF-16 units): an item keeps its id when others are added,
 * for the corpus builder's cited instruments and for imported statutes alike.
 */
export function stableId(prefix: string, key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${prefix}-${hash.toString(16).padStart(8, '0')}`;
}
