/**
 * What the benchmark asks the server: the corpus sizes and, for each, the probes — one request each at a
 * cursor inside a realistic paper. Every probe gets its own document (a 20 KB generated paper with the probe's
 * paragraph at the end of the body), so an unclosed 《 in one probe cannot change what another one parses.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LineIndex } from '../server/src/core';
import type { Position, Range } from './lsp';
import { REPO_ROOT } from './lsp';
import { makePaper } from './papers';

export const BENCH_TMP = path.join(REPO_ROOT, 'bench', 'tmp');
export const SYNTHETIC_LAWS = path.join(BENCH_TMP, 'synthetic-laws');

/** `book`: what every user gets (the bulletin and the bundled statute book); `synthetic`: that plus 3,500 laws in a folder. */
export type CorpusKey = 'book' | 'synthetic';

export interface CorpusSize {
  key: CorpusKey;
  label: string;
  /** Statute folders loaded next to the bulletin. */
  folders: string[];
  /** A statute this corpus holds, for the probes that cite one (the bulletin only knows it as cited elsewhere). */
  statuteForArticleList: string;
  statuteArticle: string;
}

/** The synthetic collection's largest law (most articles), found from the file names and sizes. */
function largestSyntheticLaw(): string {
  let largest = { title: '', size: -1 };
  for (const folder of fs.readdirSync(SYNTHETIC_LAWS)) {
    for (const file of fs.readdirSync(path.join(SYNTHETIC_LAWS, folder))) {
      const size = fs.statSync(path.join(SYNTHETIC_LAWS, folder, file)).size;
      if (size > largest.size) largest = { title: file.replace(/\(\d{4}-\d{2}-\d{2}\)\.md$/, ''), size };
    }
  }
  return largest.title;
}

/** The statute article of the cold-start and statute-book measurements. */
export const CIVIL_CODE_ARTICLE = '《民法典》第一千零三十四条';

export function corpusSizes(): CorpusSize[] {
  const synthetic = largestSyntheticLaw();
  return [
    { key: 'book', label: 'bulletin + statute book', folders: [], statuteForArticleList: '个人信息保护法', statuteArticle: CIVIL_CODE_ARTICLE },
    // The book stays in (the server always loads it), so search quality is measured with the real titles among 3,500 look-alikes.
    { key: 'synthetic', label: '+ synthetic 3,500 laws', folders: [SYNTHETIC_LAWS], statuteForArticleList: synthetic, statuteArticle: `《${synthetic}》第十三条` },
  ];
}

type ProbeKind = 'completion' | 'hover' | 'definition' | 'codeAction';

export interface Probe {
  name: string;
  kind: ProbeKind;
  /** The paragraph added to the paper. */
  paragraph: string;
  /** The cursor: at the end of the paragraph, or in the middle of this part of it. */
  cursorIn?: string;
  /** Completion: the title expected as the first item. */
  expectFirst?: string;
  /** Whether an empty answer means something is wrong. */
  expectAnswer: boolean;
}

const XIAMEN = '厦门市促进数据产业高质量发展若干措施';
export const AI_PLUS = '国务院关于深入实施“人工智能+”行动的意见';

/** Hover over a bulletin title: also the request of the statute-folder loading measurements. */
export const TITLE_HOVER: Probe = { name: 'hover · title', kind: 'hover', paragraph: `地方层面，《${XIAMEN}》规定了数据资产登记。`, cursorIn: XIAMEN, expectAnswer: true };

/** Hover over an article of the statute book: the cold-start request (the first request loads the book). */
export const STATUTE_HOVER: Probe = { name: 'hover · statute article', kind: 'hover', paragraph: `依照${CIVIL_CODE_ARTICLE}的规定。`, cursorIn: '第一千零三十四条', expectAnswer: true };

export function probesFor(size: CorpusSize): Probe[] {
  return [
    { name: 'completion · title prefix 《厦门市促', kind: 'completion', paragraph: '数据产业的地方实践，参见《厦门市促', expectFirst: XIAMEN, expectAnswer: true },
    { name: 'completion · pinyin initials 《xmscj', kind: 'completion', paragraph: '数据产业的地方实践，参见《xmscj', expectFirst: XIAMEN, expectAnswer: true },
    { name: 'completion · typo’d long title', kind: 'completion', paragraph: '数据产业的地方实践，参见《厦门市促进数据产业高质量发展若干举措', expectFirst: XIAMEN, expectAnswer: true },
    { name: 'completion · articles after 《…意见》第', kind: 'completion', paragraph: `人工智能治理，参见《${AI_PLUS}》第`, expectAnswer: true },
    { name: 'completion · articles after 《statute》第', kind: 'completion', paragraph: `个人信息的处理，参见《${size.statuteForArticleList}》第`, expectAnswer: true },
    TITLE_HOVER,
    { name: 'hover · article 第（八）项', kind: 'hover', paragraph: `《${AI_PLUS}》第（八）项要求完善数据产权制度。`, cursorIn: '第（八）项', expectAnswer: true },
    { name: 'hover · 文号 国发〔2025〕11号', kind: 'hover', paragraph: '国务院印发的国发〔2025〕11号文件对此作了部署。', cursorIn: '国发〔2025〕11号', expectAnswer: true },
    { name: 'hover · statute article', kind: 'hover', paragraph: `依照${size.statuteArticle}的规定。`, cursorIn: size.statuteArticle.replace(/^《[^》]*》/, ''), expectAnswer: true },
    { name: 'definition · article 第（八）项', kind: 'definition', paragraph: `《${AI_PLUS}》第（八）项要求完善数据产权制度。`, cursorIn: '第（八）项', expectAnswer: true },
    { name: 'code action · 国发[2025]11号', kind: 'codeAction', paragraph: '国务院印发的国发[2025]11号文件对此作了部署。', cursorIn: '国发[2025]11号', expectAnswer: true },
    { name: 'code action · typo’d title', kind: 'codeAction', paragraph: '参见《厦门市促进数据产业高质量发展若干举措》。', cursorIn: '厦门市促进数据产业高质量发展若干举措', expectAnswer: true },
  ];
}

export interface ProbeDocument {
  text: string;
  position: Position;
  /** The range of `cursorIn` (or the cursor itself), for code actions. */
  range: Range;
}

const HOST_PAPER_BYTES = 20_000;

/** A 20 KB paper with the probe's paragraph at the end of the body (before the footnote definitions). */
export function probeDocument(probe: Probe, seed: number): ProbeDocument {
  const host = makePaper(HOST_PAPER_BYTES, seed);
  const notesAt = host.indexOf('\n[^n0]:');
  const insertAt = notesAt >= 0 ? notesAt + 1 : host.length;
  const text = `${host.slice(0, insertAt)}${probe.paragraph}\n\n${host.slice(insertAt)}`;
  const lines = new LineIndex(text);
  if (!probe.cursorIn) {
    const end = lines.positionAt(insertAt + probe.paragraph.length);
    return { text, position: end, range: { start: end, end } };
  }
  const start = insertAt + probe.paragraph.indexOf(probe.cursorIn);
  const end = start + probe.cursorIn.length;
  return { text, position: lines.positionAt(start + Math.floor(probe.cursorIn.length / 2)), range: lines.range(start, end) };
}

/** Where a one-character edit goes in a paper: inside a prose line in the middle of the body. */
export function editPosition(text: string): Position {
  const lines = text.split('\n');
  for (let line = Math.floor(lines.length / 2); line < lines.length; line++) {
    if (lines[line].length > 20 && !/^(#|\[\^|---)/.test(lines[line])) return { line, character: 10 };
  }
  throw new Error('no prose line in the second half of the paper');
}

/** The first occurrence of `needle` in a text, as an LSP position in its middle. */
export function positionOf(text: string, needle: string): Position {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} is not in the text`);
  return new LineIndex(text).positionAt(at + Math.floor(needle.length / 2));
}
