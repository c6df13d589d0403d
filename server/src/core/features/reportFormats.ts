/**
 * Renders citation reports as Markdown, a single self-contained HTML page (inline CSS, printable, no scripts),
 * JSON and CSV. Several papers make one document: sections in md/html, an array in json, a file column in csv.
 */
import { escapeHtml, escapeMarkdown } from '../text/escape';
import type { Locale } from '../text/messages';
import { CitationReport, REPORT_GROUPS, ReportEntry, ReportProblem, groupLabel } from './report';

export type ReportFormat = 'md' | 'html' | 'json' | 'csv';

const HEADINGS: Record<Locale, Record<string, string>> = {
  'zh-cn': {
    title: '引注核查报告', summary: '摘要', authority: '文献', canonical: '规范引注', cited: '引用位置', provisions: '所引条文', problems: '检查结果',
    ok: '无问题', shortForms: '简略引注', shortForm: '简略引注', target: '指向', other: '其他问题', line: '第{n}行', footnote: '注{n}', notIndexed: '（未收录正文）',
    style: '体例', none: '无',
  },
  en: {
    title: 'Citation report', summary: 'Summary', authority: 'Authority', canonical: 'Citation', cited: 'Cited at', provisions: 'Provisions', problems: 'Checks',
    ok: 'no problems', shortForms: 'Short forms', shortForm: 'Short form', target: 'Refers to', other: 'Other problems', line: 'line {n}', footnote: 'fn {n}', notIndexed: ' (text not indexed)',
    style: 'Style', none: 'none',
  },
};

function h(locale: Locale, key: string, n?: number): string {
  const text = HEADINGS[locale][key];
  return n === undefined ? text : text.replace('{n}', String(n));
}

function where(entry: { line: number; footnote?: number }, locale: Locale): string {
  return entry.footnote ? `${h(locale, 'footnote', entry.footnote)}（${h(locale, 'line', entry.line)}）` : h(locale, 'line', entry.line);
}

/** Where a work is cited, each place once (a line may cite it twice: 《…》第N条……该法第M条). */
function places(entry: ReportEntry, locale: Locale): string[] {
  return [...new Set(entry.occurrences.map((o) => where(o, locale)))];
}

function problemText(p: ReportProblem, locale: Locale): string {
  return `${h(locale, 'line', p.line)} ${p.severity} ${p.code}: ${p.message}`;
}

export function renderReports(reports: CitationReport[], format: ReportFormat, locale: Locale): string {
  switch (format) {
    case 'json': return JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + '\n';
    case 'csv': return renderCsv(reports);
    case 'html': return renderHtml(reports, locale);
    default: return reports.map((r) => renderMarkdown(r, locale)).join('\n');
  }
}

// Markdown ---------------------------------------------------------------------------------------------------

/** A table cell: the data escaped (HTML and Markdown both inert, `|` included), on one line. */
function cell(text: string): string {
  return oneLine(escapeMarkdown(text));
}

function oneLine(markdown: string): string {
  return markdown.replace(/\r\n|[\r\n]/g, ' ');
}

function problemsCell(problems: ReportProblem[], locale: Locale): string {
  return problems.length ? oneLine(problems.map((p) => escapeMarkdown(problemText(p, locale))).join('<br>')) : h(locale, 'ok');
}

export function renderMarkdown(report: CitationReport, locale: Locale): string {
  const out: string[] = [`# ${h(locale, 'title')}：${cell(report.file)}`, '', `**${h(locale, 'summary')}**：${cell(report.summary)}`, '', `${h(locale, 'style')}：《${cell(report.style)}》`, ''];
  for (const group of REPORT_GROUPS) {
    const entries = report.entries.filter((e) => e.group === group);
    if (entries.length === 0) continue;
    out.push(`## ${groupLabel(group, locale)}（${entries.length}）`, '');
    out.push(`| ${h(locale, 'canonical')} | ${h(locale, 'cited')} | ${h(locale, 'provisions')} | ${h(locale, 'problems')} |`, '|---|---|---|---|');
    for (const entry of entries) {
      out.push(`| ${cell(entry.canonical)}${entry.indexed ? '' : h(locale, 'notIndexed')} | ${places(entry, locale).join('、')} | ${cell(entry.provisions.join('、') || '—')} | ${problemsCell(entry.problems, locale)} |`);
    }
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
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "WenQuanYi Micro Hei", serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1d1d1f; line-height: 1.55; }
h1 { font-size: 1.5rem; border-bottom: 2px solid #7a1f1f; padding-bottom: .4rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; color: #7a1f1f; }
.summary { background: #f7f3ee; border-left: 4px solid #7a1f1f; padding: .75rem 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #d8d2ca; padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: #efe9e1; }
.error { color: #b3261e; } .warning { color: #9a6700; } .hint { color: #5a5a5a; }
.ok { color: #2e7d32; } .muted { color: #777; }
ul.problems { margin: 0; padding-left: 1.1rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } .summary { border-left-color: #000; } }
`;

function problemsHtml(problems: ReportProblem[], locale: Locale): string {
  if (problems.length === 0) return `<span class="ok">${h(locale, 'ok')}</span>`;
  return `<ul class="problems">${problems.map((p) => `<li class="${p.severity}">${escapeHtml(problemText(p, locale))}</li>`).join('')}</ul>`;
}

function entryRow(entry: ReportEntry, locale: Locale): string {
  return `<tr><td>${escapeHtml(entry.canonical)}${entry.indexed ? '' : `<span class="muted">${h(locale, 'notIndexed')}</span>`}</td>`
    + `<td>${places(entry, locale).map(escapeHtml).join('、')}</td>`
    + `<td>${escapeHtml(entry.provisions.join('、') || '—')}</td>`
    + `<td>${problemsHtml(entry.problems, locale)}</td></tr>`;
}

export function renderHtml(reports: CitationReport[], locale: Locale): string {
  const sections = reports.map((report) => {
    const parts = [`<h1>${h(locale, 'title')}：${escapeHtml(report.file)}</h1>`, `<p class="summary"><strong>${h(locale, 'summary')}</strong>：${escapeHtml(report.summary)}<br><span class="muted">${h(locale, 'style')}：《${escapeHtml(report.style)}》</span></p>`];
    for (const group of REPORT_GROUPS) {
      const entries = report.entries.filter((e) => e.group === group);
      if (entries.length === 0) continue;
      parts.push(`<h2>${groupLabel(group, locale)}（${entries.length}）</h2>`,
        `<table><thead><tr><th>${h(locale, 'canonical')}</th><th>${h(locale, 'cited')}</th><th>${h(locale, 'provisions')}</th><th>${h(locale, 'problems')}</th></tr></thead><tbody>${entries.map((e) => entryRow(e, locale)).join('')}</tbody></table>`);
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

function csvField(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(reports: CitationReport[]): string {
  const rows = [['file', 'group', 'title', 'canonical', 'indexed', 'occurrences', 'lines', 'footnotes', 'provisions', 'errors', 'warnings', 'hints', 'problems']];
  for (const report of reports) {
    for (const entry of report.entries) {
      rows.push([
        report.file, entry.group, entry.title, entry.canonical, String(entry.indexed), String(entry.occurrences.length),
        entry.occurrences.map((o) => o.line).join(' '), entry.occurrences.filter((o) => o.footnote).map((o) => o.footnote).join(' '),
        entry.provisions.join('；'),
        String(entry.problems.filter((p) => p.severity === 'error').length), String(entry.problems.filter((p) => p.severity === 'warning').length), String(entry.problems.filter((p) => p.severity === 'hint').length),
        entry.problems.map((p) => `${p.line}:${p.code}`).join(' '),
      ]);
    }
  }
  // A byte-order mark so spreadsheet programs read the Chinese as UTF-8.
  return '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
