/**
 * The random-edit soak's vocabulary and its seeded choices: insertions of Chinese citation text (titles, article
 * references, 文号, footnote references and definitions, 以下简称, quotations) and deletions into a real paper,
 * each placed at a random offset that does not split a surrogate pair. Deterministic for a seed.
 */
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { corpusVocabulary, snap } from './fuzz';

/** LEXCITE_SOAK_EDITS=N edits instead of the short run's 300 (≥ 5000 for the long run). */
export function soakEdits(defaultEdits = 300): number {
  const value = Number(process.env.LEXCITE_SOAK_EDITS);
  return Number.isInteger(value) && value > 0 ? value : defaultEdits;
}

/** A small seeded generator (mulberry32): the same run for the same seed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
}

const REFERENCES = ['第（八）项', '第（十三）项', '第十五条', '第7条', '第（三）项、第（六）项', '第五条', '第二百五十三条之一', '第（七）项', '第六部分第（二）项', '第'];
const PIECES = [
  '参见', '同上注。', '同前注〔1〕。', '（以下简称《行动意见》）', '《行动意见》', '（国发〔2025〕11号，以下简称《数据措施》）', '《数据措施》第（七）项',
  '提出“完善适配人工智能发展的数据产权和版权制度”', '要求“通知其2个月内完成资质认证”', '“加强数据供给创新”', '“', '”', '《', '》', '〔', '〕',
  '，载《中国法学》2025年第3期', '田野：', '时建中：', '。', '，', '；', '\n', '\n\n', '😀', '𠀀',
];

export interface SoakEdit {
  start: number;
  end: number;
  text: string;
}

export class EditGenerator {
  private readonly vocabulary: string[];
  private footnotes = 100;

  constructor(corpus: Corpus, private readonly random: Random) {
    this.vocabulary = corpusVocabulary(corpus);
  }

  /** One insertion, deletion or replacement; deletions win more often once the text is past `maxLength`. */
  next(text: string, maxLength: number): SoakEdit {
    const r = this.random;
    const at = snap(text, r.int(text.length + 1));
    const deleting = text.length > 0 && r.next() < (text.length > maxLength ? 0.8 : 0.25);
    if (deleting) {
      const end = snap(text, Math.min(text.length, at + 1 + r.int(40)));
      return { start: at, end: Math.max(at, end), text: r.next() < 0.3 ? this.piece() : '' };
    }
    return { start: at, end: at, text: this.piece() };
  }

  private piece(): string {
    const r = this.random;
    switch (r.int(6)) {
      case 0: return r.pick(this.vocabulary) + (r.next() < 0.6 ? r.pick(REFERENCES) : '') + '。';
      case 1: return `[^${r.int(4) === 0 ? 'x' : 1 + r.int(9)}]`;
      case 2: return `\n\n[^${this.footnotes++}]: ${r.pick(this.vocabulary)}${r.pick(REFERENCES)}。\n`;
      case 3: return `${r.pick(this.vocabulary)}（以下简称《简称${r.int(5)}》）`;
      case 4: return `“${r.pick(PIECES)}${r.pick(PIECES)}”`;
      default: return r.pick(PIECES);
    }
  }
}

/** The resident set size of a process, in bytes (Linux /proc); undefined elsewhere. */
export function residentBytes(pid: number, readFile: (file: string) => string): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFile(`/proc/${pid}/status`));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
