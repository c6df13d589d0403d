/**
 * Case numbers (案号) the way language models invent them, for the generated draft set: placeholders (12345,
 * 0001, XXX, 20XX, 某) and plausible numbers in the courts' form that no one can confirm without a case database.
 * The first must be flagged; the second can never be verified — LexCite holds no judgments — and must not be.
 */
import type { Corpus } from '../../server/src/core/corpus/corpus';
import { checkPaper } from '../../server/src/core/checks/diagnostics';
import { Verdict, VerdictContext, paperVerdicts } from '../../server/src/core/checks/verdicts';
import { makePaper } from '../../server/src/core/paper/paperCache';
import { PAPER_DATE, random } from './draftSet';

export const CASE_KINDS = ['case-placeholder', 'case-invented'] as const;
export type CaseKind = typeof CASE_KINDS[number];

export interface CaseDraft {
  kind: CaseKind;
  text: string;
}

export interface CaseOutcome {
  draft: CaseDraft;
  warned: boolean;
  verdict: Verdict | undefined;
}

const PROVINCES = [...'京沪粤浙苏鲁川鄂湘豫闽皖'];
const TYPES = ['民初', '民终', '刑初', '刑终', '行初', '行终', '执', '民申', '知民终', '执异'];
const PLACEHOLDER_SEQUENCES = ['12345', '123456', '0001', '00001', '11111', 'XXX', '××', '某'];

/** 20 of each kind, the same on every run. */
export function makeCaseDrafts(seed = 17, each = 20): CaseDraft[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const court = () => `${pick(PROVINCES)}${next() < 0.5 ? String(1 + Math.floor(next() * 9)).padStart(2, '0') : `0${1 + Math.floor(next() * 9)}0${1 + Math.floor(next() * 9)}`}`;
  const year = () => 2016 + Math.floor(next() * 9);
  const drafts: CaseDraft[] = [];
  for (let i = 0; i < each; i++) {
    const placeholder = i % 4 === 3 ? `（20XX）${court()}${pick(TYPES)}${1 + Math.floor(next() * 900)}号` : `（${year()}）${court()}${pick(TYPES)}${PLACEHOLDER_SEQUENCES[i % PLACEHOLDER_SEQUENCES.length]}号`;
    drafts.push({ kind: 'case-placeholder', text: `参见${placeholder}民事判决书。\n` });
    // A sequence number of 2–4 digits that neither counts up nor repeats one digit: what a real one looks like.
    let sequence = '';
    do sequence = String(10 + Math.floor(next() * 9000)); while (/^(\d)\1+$/.test(sequence) || '0123456789'.includes(sequence));
    drafts.push({ kind: 'case-invented', text: `参见（${year()}）${court()}${pick(TYPES)}${sequence}号民事判决书。\n` });
  }
  return drafts;
}

export function evaluateCases(corpus: Corpus, drafts: CaseDraft[]): CaseOutcome[] {
  return drafts.map((draft) => {
    const paper = makePaper(corpus, 'file:///case-draft.md', 1, draft.text, PAPER_DATE);
    const diagnostics = checkPaper(corpus, paper);
    const verdicts = paperVerdicts(new VerdictContext(corpus, paper, diagnostics, 'zh-cn'));
    return { draft, warned: diagnostics.some((d) => d.severity! <= 2), verdict: verdicts.find((v) => v.kind === 'caseNumber')?.verdict };
  });
}

export function formatCaseTable(outcomes: CaseOutcome[]): string {
  const lines = ['| 案号 drafts | n | parsed as a 案号 | warning or error | verified |', '|---|---|---|---|---|'];
  for (const kind of CASE_KINDS) {
    const of = outcomes.filter((o) => o.draft.kind === kind);
    const pct = (n: number) => `${n} (${((100 * n) / Math.max(1, of.length)).toFixed(1)}%)`;
    lines.push(`| ${kind} | ${of.length} | ${pct(of.filter((o) => o.verdict).length)} | ${pct(of.filter((o) => o.warned).length)} | ${pct(of.filter((o) => o.verdict === 'verified').length)} |`);
  }
  return lines.join('\n');
}
