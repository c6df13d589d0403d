/**
 * Does what the citation states agree with the index?
 *   citation.date-mismatch     “2025年7月，国务院印发《…意见》” when the opinion is dated 2025-08-21
 *   citation.issuer-mismatch   “北京市人民政府印发《厦门市…措施》” — only for issuers the index knows
 *   paper.author-mismatch      作者 of a journal citation not among the record's authors
 *   paper.title-mismatch       a near miss of a recorded paper title
 *   paper.journal-mismatch     载《现代法学》 for a paper the record places in 《中国法学》
 *   paper.year-mismatch, paper.issue-mismatch
 * Each with a fix to the recorded value.
 */
import type { Corpus } from '../corpus/corpus';
import { t } from '../text/messages';
import type { BibRecord, CorpusDocument } from '../corpus/model';
import { titleKeyWithoutPrc } from '../text/normalize';
import type { JournalCitation, TitleCitation } from '../paper/parser';
import { resolveTitle } from '../corpus/resolver';
import { documentForTitle } from '../corpus/citationAt';
import { CheckContext, Finding, inScope } from './context';
import { footnoteContaining } from '../paper/paperIndex';

export function checkConsistency(context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const issuers = knownIssuers(context.corpus);
  const titles = inScope(context, context.paper.parsed.titles);
  for (let i = 0; i < titles.length; i++) {
    const title = titles[i];
    if (title.journalRole) continue;
    const document = documentForTitle(context.corpus, title, context.paper.scope);
    if (!document) continue;
    checkDate(context, title, document, findings);
    checkIssuer(context, title, document, issuers, findings);
  }
  const journals = inScope(context, context.paper.parsed.journals);
  for (let i = 0; i < journals.length; i++) checkPaperCitation(context, journals[i], findings);
  return findings;
}

const issuerCache = new WeakMap<Corpus, Set<string>>();

function knownIssuers(corpus: Corpus): Set<string> {
  let set = issuerCache.get(corpus);
  if (!set) {
    set = new Set(corpus.documents.flatMap((d) => d.issuers));
    issuerCache.set(corpus, set);
  }
  return set;
}

const VERB_WORDS = ['印发', '发布', '出台', '公布', '颁布', '下发', '制定', '通过'];
const VERB = `(?:${VERB_WORDS.join('|')})`;
// 2025年8月，国务院印发《…》 / 2025年8月21日发布的《…》: a date in the clause before the title, with a verb of issue.
const DATE_BEFORE = new RegExp(`(\\d{4})[ \\t]*年(?:[ \\t]*(\\d{1,2})[ \\t]*月(?:[ \\t]*(\\d{1,2})[ \\t]*日)?)?([^。；;《》\\n]{0,24}?${VERB}(?:了)?(?:的)?)$`);
// 《…》（2025年8月21日）, 《…》于2025年8月21日印发, 《…》（厦府办规〔2025〕10号，2025年8月14日）: a date after the title,
// or after the 文号 in its parenthesis.
const DATE_AFTER = /^(?:[（(](?:[^（）()\n]{0,30}?[，,；;][ \t]*)?|[ \t]*于[ \t]*)(\d{4})[ \t]*年(?:[ \t]*(\d{1,2})[ \t]*月(?:[ \t]*(\d{1,2})[ \t]*日)?)?/;
// [^4]: 《…》，厦府办规〔2025〕10号，2025年8月14日。: the date that ends a note citing the document.
const DATE_ENDING_NOTE = /[，,][ \t]*(\d{4})[ \t]*年[ \t]*(\d{1,2})[ \t]*月[ \t]*(\d{1,2})[ \t]*日(?:发布|印发|公布)?[ \t]*[。.]?[ \t]*$/;
// 2025年9月1日起施行, 2021年修正: the date a text took effect or was amended, not the date it was issued.
const NOT_ISSUE_DATE = /^[ \t]*(?:起|开始)?(?:施行|实施|生效|修正|修订)/;

function checkDate(context: CheckContext, title: TitleCitation, document: CorpusDocument, findings: Finding[]): void {
  if (!document.date) return;
  const text = context.paper.parsed.text;
  const before = verbBefore(text, title.start) ? DATE_BEFORE.exec(text.slice(Math.max(0, title.start - 60), title.start)) : null;
  let match: { year: string; month?: string; day?: string; start: number; end: number } | undefined;
  if (before) {
    const start = title.start - before[0].length;
    const end = start + before[0].length - before[4].length;
    match = { year: before[1], month: before[2], day: before[3], start, end };
  } else {
    const after = mayOpenDateAfter(text.charCodeAt(title.end)) ? DATE_AFTER.exec(text.slice(title.end, title.end + 50)) : null;
    // （2021年修正） is a version tag, not a date of issue.
    if (after && after[2] !== undefined && !NOT_ISSUE_DATE.test(text.slice(title.end + after[0].length))) {
      const start = title.end + after[0].lastIndexOf(after[1]);
      match = { year: after[1], month: after[2], day: after[3], start, end: title.end + after[0].length };
    } else {
      match = dateEndingNote(context, title);
    }
  }
  if (!match) return;
  const [year, month, day] = document.date.split('-').map(Number);
  const agrees = Number(match.year) === year && (match.month === undefined || Number(match.month) === month) && (match.day === undefined || Number(match.day) === day);
  if (agrees) return;
  const written = `${match.year}年${match.month ? `${Number(match.month)}月` : ''}${match.day ? `${Number(match.day)}日` : ''}`;
  const corrected = `${year}年${match.month ? `${month}月` : ''}${match.day ? `${day}日` : ''}`;
  findings.push({
    code: 'citation.date-mismatch', start: match.start, end: match.end,
    message: t(context.locale, 'citation.date-mismatch', { title: document.title, date: `${year}年${month}月${day}日`, written }),
    fixes: [{ title: t(context.locale, 'fix.replace-with', { value: corrected }), start: match.start, end: match.end, newText: corrected }],
  });
}

/** The date that ends the footnote the title is cited in, when no other title stands between them. */
function dateEndingNote(context: CheckContext, title: TitleCitation): { year: string; month?: string; day?: string; start: number; end: number } | undefined {
  const { parsed } = context.paper;
  const note = footnoteContaining(parsed, title.start);
  if (!note) return undefined;
  const from = Math.max(title.end, title.references.at(-1)?.end ?? 0, title.docNumber?.end ?? 0);
  // Longer than 60 characters is too far: measured before the rest is cut out and searched.
  if (note.contentEnd - from > 60) return undefined;
  const rest = parsed.text.slice(from, note.contentEnd);
  if (rest.includes('《')) return undefined;
  const ending = DATE_ENDING_NOTE.exec(rest);
  if (!ending) return undefined;
  const start = from + ending.index + ending[0].indexOf(ending[1]);
  const end = start + ending[0].slice(ending[0].indexOf(ending[1])).search(/日/) + 1;
  return { year: ending[1], month: ending[2], day: ending[3], start, end };
}

const ISSUER_BEFORE = new RegExp(`([\\u4e00-\\u9fff、]{2,24}?)${VERB}(?:了)?(?:的)?$`);

/**
 * Whether the text before `end` ends with a verb of issue, then 了 and 的 at most: what DATE_BEFORE and
 * ISSUER_BEFORE end with, tested before they run (most titles follow none).
 */
function verbBefore(text: string, end: number): boolean {
  let p = end;
  if (text.charCodeAt(p - 1) === 0x7684 /* 的 */) p--;
  if (text.charCodeAt(p - 1) === 0x4e86 /* 了 */) p--;
  if (p < 2) return false;
  // VERB_WORDS.includes(text.slice(p - 2, p)), without cutting a string out for every title.
  const first = text.charCodeAt(p - 2);
  const second = text.charCodeAt(p - 1);
  for (let i = 0; i < VERB_CODES.length; i += 2) if (VERB_CODES[i] === first && VERB_CODES[i + 1] === second) return true;
  return false;
}
/** VERB_WORDS (all of two characters) as their character codes in pairs. */
const VERB_CODES = VERB_WORDS.flatMap((word) => [word.charCodeAt(0), word.charCodeAt(1)]);

/** Whether DATE_AFTER can match at a character: （ or ( opening a parenthesis, or space or 于 before the date. */
function mayOpenDateAfter(code: number): boolean {
  return code === 0xff08 || code === 0x28 || code === 0x20 || code === 0x09 || code === 0x4e8e /* 于 */;
}

function checkIssuer(context: CheckContext, title: TitleCitation, document: CorpusDocument, issuers: Set<string>, findings: Finding[]): void {
  if (document.issuers.length === 0 || !verbBefore(context.paper.parsed.text, title.start)) return;
  const before = ISSUER_BEFORE.exec(context.paper.parsed.text.slice(Math.max(0, title.start - 30), title.start));
  if (!before) return;
  // The longest known issuer the clause ends with: 国务院 in “8月，国务院”, 厦门市人民政府办公厅 in “由厦门市人民政府办公厅”.
  const clause = before[1];
  let written: string | undefined;
  for (const issuer of issuers) if (clause.endsWith(issuer) && (!written || issuer.length > written.length)) written = issuer;
  if (!written) return;
  if (document.issuers.some((i) => i.includes(written!) || written!.includes(i))) return;
  const start = title.start - before[0].length + before[1].length - written.length;
  findings.push({
    code: 'citation.issuer-mismatch', start, end: start + written.length,
    message: t(context.locale, 'citation.issuer-mismatch', { title: document.title, issuers: document.issuers.join('、'), written }),
    fixes: [{ title: t(context.locale, 'fix.replace-with', { value: document.issuers.join('、') }), start, end: start + written.length, newText: document.issuers.join('、') }],
  });
}

function checkPaperCitation(context: CheckContext, journal: JournalCitation, findings: Finding[]): void {
  const { corpus, locale } = context;
  const resolution = resolveTitle(corpus, journal.title.title);
  let record: BibRecord | undefined;
  if (resolution.status === 'resolved') {
    const entry = resolution.entries.find((e) => e.type === 'record');
    record = entry && corpus.record(entry.id);
  } else if (resolution.status === 'typo' && resolution.suggestion.entry.type === 'record') {
    record = corpus.record(resolution.suggestion.entry.id);
    if (record) {
      const inner = { start: journal.title.start + 1, end: journal.title.end - 1 };
      findings.push({
        code: 'paper.title-mismatch', ...inner,
        message: t(locale, 'paper.title-mismatch', { written: journal.title.title, recorded: record.title }),
        fixes: [{ title: t(locale, 'fix.replace-with', { value: `《${record.title}》` }), ...inner, newText: record.title }],
      });
    }
  }
  if (!record) return;
  const recorded = record;
  // Read once: a citation's authors are found in the text each time they are read.
  const authors = journal.authors;
  if (authors.length > 0 && authors.some((a) => !recorded.authors.includes(a.text))) {
    const start = authors[0].start;
    const end = authors[authors.length - 1].end;
    const value = recorded.authors.join('、');
    findings.push({
      code: 'paper.author-mismatch', start, end,
      message: t(locale, 'paper.author-mismatch', { title: recorded.title, recorded: value, written: authors.map((a) => a.text).join('、') }),
      fixes: [{ title: t(locale, 'fix.replace-with', { value }), start, end, newText: value }],
    });
  }
  // A Western paper, or a work of the user's bibliography that is no journal paper (a book): no journal, year or issue to compare.
  if (recorded.volume !== undefined || recorded.journal === '' || recorded.year === 0) return;
  if (titleKeyWithoutPrc(journal.journal.title) !== titleKeyWithoutPrc(recorded.journal)) {
    const inner = { start: journal.journal.start + 1, end: journal.journal.end - 1 };
    findings.push({
      code: 'paper.journal-mismatch', ...inner,
      message: t(locale, 'paper.journal-mismatch', { title: recorded.title, recorded: recorded.journal, written: journal.journal.title }),
      fixes: [{ title: t(locale, 'fix.replace-with', { value: `《${recorded.journal}》` }), ...inner, newText: recorded.journal }],
    });
  }
  if (journal.year.value !== recorded.year) {
    findings.push({
      code: 'paper.year-mismatch', start: journal.year.start, end: journal.year.end,
      message: t(locale, 'paper.year-mismatch', { title: recorded.title, recorded: recorded.year, written: journal.year.value }),
      fixes: [{ title: t(locale, 'fix.replace-with', { value: `${recorded.year}` }), start: journal.year.start, end: journal.year.end, newText: String(recorded.year) }],
    });
  }
  if (recorded.issue !== undefined && journal.issue.value !== recorded.issue) {
    findings.push({
      code: 'paper.issue-mismatch', start: journal.issue.start, end: journal.issue.end,
      message: t(locale, 'paper.issue-mismatch', { title: recorded.title, recorded: `${recorded.year}年第${recorded.issue}期`, written: `${journal.year.value}年第${journal.issue.value}期` }),
      fixes: [{ title: t(locale, 'fix.replace-with', { value: `第${recorded.issue}期` }), start: journal.issue.start, end: journal.issue.end, newText: String(recorded.issue) }],
    });
  }
}
