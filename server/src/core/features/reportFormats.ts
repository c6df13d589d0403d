/**
 * Renders citation reports as Markdown, a single self-contained HTML page (inline CSS, printable, no scripts),
 * JSON and CSV. Several papers make one document: sections in md/html, an array in json, a file column in csv.
 * Every citation is a row: as the paper wrote it, where (a link to the line in md and html), its verdict and the
 * evidence — the provision's text beside the paper's words, differences marked.
 */
import { escapeHtml, escapeMarkdown } from '../text/escape';
import type { Locale } from '../text/messages';
import type { DiffSegment } from '../text/diff';
import { verdictName } from '../checks/verdicts';
import { CitationReport, REPORT_GROUPS, ReportCitation, ReportEntry, ReportProblem, groupLabel } from './report';

export type ReportFormat = 'md' | 'html' | 'json' | 'csv';

const HEADINGS: Record<Locale, Record<string, string>> = {
  'zh-cn': {
    title: '引注核查报告', summary: '摘要', authority: '文献', canonical: '规范引注', cited: '引用位置', provisions: '所引条文', problems: '检查结果',
    ok: '无问题', shortForms: '简略引注', shortForm: '简略引注', target: '指向', other: '其他问题', line: '第{n}行', footnote: '注{n}', notIndexed: '（未收录正文）',
    style: '体例', none: '无', written: '本文写法', verdict: '核查结论', evidence: '依据', provisionText: '条文', paperWords: '本文', against: '依{version}',
    audit: '核查信息', generated: '生成时间', statuteBook: '法规库日期', version: 'LexCite 版本', paperDate: '本文日期', levels: '检查级别', defaults: '默认',
    maxCitations: '引用上限', unlimited: '不限', legend: '标记：<del>删除线</del>为本文有而条文无的文字，<ins>下划线</ins>为条文有而本文无的文字。',
  },
  en: {
    title: 'Citation report', summary: 'Summary', authority: 'Authority', canonical: 'Citation', cited: 'Cited at', provisions: 'Provisions', problems: 'Checks',
    ok: 'no problems', shortForms: 'Short forms', shortForm: 'Short form', target: 'Refers to', other: 'Other problems', line: 'line {n}', footnote: 'fn {n}', notIndexed: ' (text not indexed)',
    style: 'Style', none: 'none', written: 'As written', verdict: 'Verdict', evidence: 'Evidence', provisionText: 'Provision', paperWords: 'Paper', against: 'against {version}',
    audit: 'Audit', generated: 'Generated', statuteBook: 'Statute book as of', version: 'LexCite version', paperDate: 'Paper date', levels: 'Check levels', defaults: 'defaults',
    maxCitations: 'Citation limit', unlimited: 'none',
    legend: 'Marks: <del>struck</del> is in the paper but not the provision, <ins>underlined</ins> is in the provision but not the paper.',
  },
};

function h(locale: Locale, key: string, n?: number): string {
  const text = HEADINGS[locale][key];
  return n === undefined ? text : text.replace('{n}', String(n));
}

function where(entry: { line: number; footnote?: number }, locale: Locale): string {
  return entry.footnote ? `${h(locale, 'footnote', entry.footnote)}（${h(locale, 'line', entry.line)}）` : h(locale, 'line', entry.line);
}

function problemText(p: ReportProblem, locale: Locale): string {
  return `${h(locale, 'line', p.line)} ${p.severity} ${p.code}: ${p.message}`;
}

/** 已核实（依2021年修正） */
function verdictText(citation: ReportCitation, locale: Locale): string {
  const name = verdictName(citation.verdict, locale);
  return citation.version ? `${name}（${h(locale, 'against').replace('{version}', citation.version)}）` : name;
}

/**
 * The paper's file as a link target with the line (paper.md#L12: VS Code's Markdown preview and GitHub jump
 * there), each path segment percent-encoded so the name is inert; none for standard input.
 */
function lineLink(file: string, line: number): string | undefined {
  if (file.startsWith('<') || file === '-') return undefined;
  const encoded = file.split(/[\\/]/).map((segment) => encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');
  return `${encoded}#L${line}`;
}

export function renderReports(reports: CitationReport[], format: ReportFormat, locale: Locale): string {
  switch (format) {
    case 'json': return JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n';
    case 'csv': return renderCsv(reports);
    case 'html': return renderHtml(reports, locale);
    default: return reports.map((r) => renderMarkdown(r, locale)).join('\n');
  }
}

/** The audit header's facts, as label/value pairs (values are data: the renderers escape them). */
function auditFacts(report: CitationReport, locale: Locale): [string, string][] {
  const { audit } = report;
  const levels = Object.entries(audit.settings.levels).map(([code, level]) => `${code}=${level}`).join(', ');
  return [
    [h(locale, 'generated'), audit.generated],
    [h(locale, 'statuteBook'), audit.statuteBookDate ?? h(locale, 'none')],
    [h(locale, 'version'), audit.lexciteVersion],
    [h(locale, 'style'), `《${audit.settings.style}》`],
    [h(locale, 'paperDate'), audit.settings.paperDate],
    [h(locale, 'levels'), levels || h(locale, 'defaults')],
    [h(locale, 'maxCitations'), audit.settings.maxCitations ? String(audit.settings.maxCitations) : h(locale, 'unlimited')],
  ];
}

/** Differences marked with <del> (the paper's own) and <ins> (the provision's), each piece escaped by `escape`. */
function markedDiff(diff: DiffSegment[], escape: (text: string) => string): string {
  return diff.map((s) => (s.op === 'same' ? escape(s.text) : s.op === 'paper' ? `<del>${escape(s.text)}</del>` : `<ins>${escape(s.text)}</ins>`)).join('');
}

// Markdown ---------------------------------------------------------------------------------------------------

/** A table cell: the data escaped (HTML and Markdown both inert, `|` included), on one line. */
function cell(text: string): string {
  return oneLine(escapeMarkdown(text));
}

function oneLine(markdown: string): string {
  return markdown.replace(/\r\n|[\r\n]/g, '<br>');
}

function problemsCell(problems: ReportProblem[], locale: Locale): string {
  return problems.length ? oneLine(problems.map((p) => escapeMarkdown(problemText(p, locale))).join('<br>')) : h(locale, 'ok');
}

function evidenceMarkdown(citation: ReportCitation, locale: Locale): string {
  const parts: string[] = citation.verdict === 'verified' ? [] : citation.reasons.map((r) => cell(r.message));
  const evidence = citation.evidence;
  if (evidence) {
    parts.push(`${h(locale, 'provisionText')}：${cell(evidence.provision)}`);
    if (evidence.quoted) parts.push(`${h(locale, 'paperWords')}：${oneLine(evidence.diff ? markedDiff(evidence.diff, escapeMarkdown) : escapeMarkdown(evidence.quoted))}`);
  }
  return parts.join('<br>') || '—';
}

function citationRowsMarkdown(entry: ReportEntry, file: string, locale: Locale): string[] {
  return entry.citations.map((citation, i) => {
    const place = where(citation, locale);
    const link = lineLink(file, citation.line);
    const work = i === 0 ? `${cell(entry.canonical)}${entry.indexed || entry.group === 'case' ? '' : h(locale, 'notIndexed')}` : '〃';
    return `| ${work} | ${cell(citation.written)} | ${link ? `[${place}](${link})` : place} | ${verdictText(citation, locale)} | ${evidenceMarkdown(citation, locale)} | ${i === 0 ? problemsCell(entry.problems, locale) : ''} |`;
  });
}

export function renderMarkdown(report: CitationReport, locale: Locale): string {
  const out: string[] = [`# ${h(locale, 'title')}：${cell(report.file)}`, '', `**${h(locale, 'summary')}**：${cell(report.summary)}`, '', `**${h(locale, 'verdict')}**：${cell(report.verdictSummary)}`, ''];
  out.push(`| ${h(locale, 'audit')} | |`, '|---|---|', ...auditFacts(report, locale).map(([label, value]) => `| ${label} | ${cell(value)} |`), '', h(locale, 'legend'), '');
  for (const group of REPORT_GROUPS) {
    const entries = report.entries.filter((e) => e.group === group);
    if (entries.length === 0) continue;
    out.push(`## ${groupLabel(group, locale)}（${entries.length}）`, '');
    out.push(`| ${h(locale, 'authority')} | ${h(locale, 'written')} | ${h(locale, 'cited')} | ${h(locale, 'verdict')} | ${h(locale, 'evidence')} | ${h(locale, 'problems')} |`, '|---|---|---|---|---|---|');
    for (const entry of entries) out.push(...citationRowsMarkdown(entry, report.file, locale));
    out.push('');
  }
  if (report.shortForms.length) {
    out.push(`## ${h(locale, 'shortForms')}（${report.shortForms.length}）`, '', `| ${h(locale, 'shortForm')} | ${h(locale, 'cited')} | ${h(locale, 'target')} | ${h(locale, 'problems')} |`, '|---|---|---|---|');
    for (const form of report.shortForms) {
      out.push(`| ${cell(form.written)} | ${where(form, locale)} | ${form.target ? h(locale, 'footnote', form.target) : '—'} | ${problemsCell(form.problems, locale)} |`);
    }
    out.push('');
  }
  if (report.otherProblems.length) {
    out.push(`## ${h(locale, 'other')}（${report.otherProblems.length}）`, '', ...report.otherProblems.map((p) => `- ${cell(problemText(p, locale))}`), '');
  }
  return out.join('\n');
}

// HTML -------------------------------------------------------------------------------------------------------

const CSS = `
:root { color-scheme: light; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "WenQuanYi Micro Hei", serif; margin: 2rem auto; max-width: 80rem; padding: 0 1rem; color: #1d1d1f; line-height: 1.55; }
h1 { font-size: 1.5rem; border-bottom: 2px solid #7a1f1f; padding-bottom: .4rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; color: #7a1f1f; }
.summary { background: #f7f3ee; border-left: 4px solid #7a1f1f; padding: .75rem 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #d8d2ca; padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: #efe9e1; }
.audit { font-size: .85rem; color: #555; } .audit b { font-weight: normal; color: #1d1d1f; }
th, td[class^="verdict-"] { white-space: nowrap; }
.error { color: #b3261e; } .warning { color: #9a6700; } .hint { color: #5a5a5a; }
.ok { color: #2e7d32; } .muted { color: #777; }
.verdict-verified { color: #2e7d32; } .verdict-mismatch { color: #9a6700; font-weight: bold; } .verdict-not-found { color: #b3261e; font-weight: bold; } .verdict-unverifiable { color: #5a5a5a; }
del { background: #fbe4e2; color: #b3261e; } ins { background: #e3f1e4; color: #1b5e20; text-decoration: underline; }
.evidence { white-space: pre-wrap; }
ul.problems { margin: 0; padding-left: 1.1rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } .summary { border-left-color: #000; } a { color: inherit; text-decoration: none; } }
`;

function problemsHtml(problems: ReportProblem[], locale: Locale): string {
  if (problems.length === 0) return `<span class="ok">${h(locale, 'ok')}</span>`;
  return `<ul class="problems">${problems.map((p) => `<li class="${p.severity}">${escapeHtml(problemText(p, locale))}</li>`).join('')}</ul>`;
}

function evidenceHtml(citation: ReportCitation, locale: Locale): string {
  const parts: string[] = citation.verdict === 'verified' ? [] : citation.reasons.map((r) => `<div>${escapeHtml(r.message)}</div>`);
  const evidence = citation.evidence;
  if (evidence) {
    parts.push(`<div class="evidence"><strong>${h(locale, 'provisionText')}</strong>：${escapeHtml(evidence.provision)}</div>`);
    if (evidence.quoted) parts.push(`<div class="evidence"><strong>${h(locale, 'paperWords')}</strong>：${evidence.diff ? markedDiff(evidence.diff, escapeHtml) : escapeHtml(evidence.quoted)}</div>`);
  }
  return parts.join('') || '—';
}

function entryRows(entry: ReportEntry, file: string, locale: Locale): string {
  const span = entry.citations.length > 1 ? ` rowspan="${entry.citations.length}"` : '';
  return entry.citations.map((citation, i) => {
    const link = lineLink(file, citation.line);
    const place = escapeHtml(where(citation, locale));
    const first = i === 0
      ? `<td${span}>${escapeHtml(entry.canonical)}${entry.indexed || entry.group === 'case' ? '' : `<span class="muted">${h(locale, 'notIndexed')}</span>`}</td>`
      : '';
    const last = i === 0 ? `<td${span}>${problemsHtml(entry.problems, locale)}</td>` : '';
    return `<tr>${first}<td>${escapeHtml(citation.written)}</td><td>${link ? `<a href="${escapeHtml(link)}">${place}</a>` : place}</td>`
      + `<td class="verdict-${citation.verdict}">${escapeHtml(verdictText(citation, locale))}</td><td>${evidenceHtml(citation, locale)}</td>${last}</tr>`;
  }).join('');
}

export function renderHtml(reports: CitationReport[], locale: Locale): string {
  const sections = reports.map((report) => {
    const parts = [
      `<h1>${h(locale, 'title')}：${escapeHtml(report.file)}</h1>`,
      `<p class="summary"><strong>${h(locale, 'summary')}</strong>：${escapeHtml(report.summary)}<br><strong>${h(locale, 'verdict')}</strong>：${escapeHtml(report.verdictSummary)}</p>`,
      `<p class="audit"><strong>${h(locale, 'audit')}</strong>：${auditFacts(report, locale).map(([label, value]) => `<span>${label} <b>${escapeHtml(value)}</b></span>`).join(' · ')}<br>${h(locale, 'legend')}</p>`,
    ];
    for (const group of REPORT_GROUPS) {
      const entries = report.entries.filter((e) => e.group === group);
      if (entries.length === 0) continue;
      parts.push(`<h2>${groupLabel(group, locale)}（${entries.length}）</h2>`,
        `<table><thead><tr><th>${h(locale, 'authority')}</th><th>${h(locale, 'written')}</th><th>${h(locale, 'cited')}</th><th>${h(locale, 'verdict')}</th><th>${h(locale, 'evidence')}</th><th>${h(locale, 'problems')}</th></tr></thead>`
        + `<tbody>${entries.map((e) => entryRows(e, report.file, locale)).join('')}</tbody></table>`);
    }
    if (report.shortForms.length) {
      parts.push(`<h2>${h(locale, 'shortForms')}（${report.shortForms.length}）</h2>`,
        `<table><thead><tr><th>${h(locale, 'shortForm')}</th><th>${h(locale, 'cited')}</th><th>${h(locale, 'target')}</th><th>${h(locale, 'problems')}</th></tr></thead><tbody>`
        + report.shortForms.map((f) => `<tr><td>${escapeHtml(f.written)}</td><td>${escapeHtml(where(f, locale))}</td><td>${f.target ? h(locale, 'footnote', f.target) : '—'}</td><td>${problemsHtml(f.problems, locale)}</td></tr>`).join('')
        + '</tbody></table>');
    }
    if (report.otherProblems.length) parts.push(`<h2>${h(locale, 'other')}（${report.otherProblems.length}）</h2>`, problemsHtml(report.otherProblems, locale));
    return `<section>${parts.join('\n')}</section>`;
  });
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  // No scripts, no remote content: the page carries text from papers and statute files.
  return `<!DOCTYPE html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<title>${h(locale, 'title')}</title><style>${CSS}</style></head><body>\n${sections.join('\n')}\n</body></html>\n`;
}

// CSV ----------------------------------------------------------------------------------------------------------

/** Quoted where needed; text a spreadsheet would take for a formula (=, +, -, @ first) is prefixed with '. */
function csvField(value: string | number | undefined): string {
  const raw = value === undefined ? '' : String(value);
  const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per citation, with its work's columns repeated; the work's check results on its first row. */
export function renderCsv(reports: CitationReport[]): string {
  const rows = [['file', 'group', 'title', 'canonical', 'indexed', 'line', 'footnote', 'written', 'reference', 'version', 'verdict', 'reasons', 'provision', 'quoted', 'problems']];
  for (const report of reports) {
    for (const entry of report.entries) {
      entry.citations.forEach((c, i) => {
        rows.push([
          report.file, entry.group, entry.title, entry.canonical, String(entry.indexed), String(c.line), c.footnote ? String(c.footnote) : '', c.written,
          c.reference ?? '', c.version ?? '', c.verdict, c.reasons.map((r) => `${r.code}: ${r.message}`).join(' | '), c.evidence?.provision ?? '', c.evidence?.quoted ?? '',
          i === 0 ? entry.problems.map((p) => `${p.line}:${p.code}`).join(' ') : '',
        ]);
      });
    }
  }
  // A byte-order mark so spreadsheet programs read the Chinese as UTF-8.
  return '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
