/**
 * Pinyin of titles for search: full syllables and initials, toneless, ü written v (as typed on a keyboard).
 * pinyin-pro resolves polyphones from word context (银行 háng, 行政 xíng, 重大 zhòng, 重新 chóng, 调解 tiáo,
 * 调查 diào); the few legal terms it gets wrong are fixed in LEGAL_VOCABULARY.
 */
import { customPinyin, pinyin } from 'pinyin-pro';
import type { Pinyin } from '../corpus/model';

/** Legal vocabulary whose reading pinyin-pro's general dictionary gets wrong. */
const LEGAL_VOCABULARY: Record<string, string> = {
  '单行条例': 'dān xíng tiáo lì',
  '单行法': 'dān xíng fǎ',
  '单行规定': 'dān xíng guī dìng',
};

let vocabularyInstalled = false;

function ensureVocabulary(): void {
  if (vocabularyInstalled) return;
  customPinyin(LEGAL_VOCABULARY);
  vocabularyInstalled = true;
}

/** Syllables of the text; characters without a reading (digits, Latin, punctuation) are left out. */
export function syllables(text: string): string[] {
  ensureVocabulary();
  const out: string[] = [];
  const readings = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'removed', v: true });
  for (const reading of readings) {
    const syllable = reading.trim().toLowerCase();
    if (/^[a-z]+$/.test(syllable)) out.push(syllable);
  }
  return out;
}

export function pinyinOf(text: string): Pinyin {
  const list = syllables(text);
  return { full: list.join(' '), initials: list.map((s) => s[0]).join('') };
}
