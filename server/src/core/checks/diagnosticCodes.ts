/**
 * The vocabulary of diagnostics: every code a check may report, its default level and what it means, in one
 * line. A check cannot report a code missing here (Finding.code is typed by this table); package.json's
 * lexcite.diagnostics schema and README's Diagnostics table list the same codes (test/unit/diagnosticCodes.test.ts).
 */

export type Level = 'ignore' | 'hint' | 'warning' | 'error';

interface CodeInfo {
  level: Level;
  description: string;
}

export const DIAGNOSTIC_TABLE = {
  'title.typo': { level: 'warning', description: 'A cited title not in the index that is close to one that is: probably a typo.' },
  'title.unknown': { level: 'hint', description: 'A cited title the index does not hold, so its content cannot be checked.' },
  'article.not-found': { level: 'error', description: 'The cited article, paragraph or item does not exist in the cited document (or version).' },
  'docnumber.mismatch': { level: 'error', description: 'The 文号 written with a title belongs to another document.' },
  'docnumber.format': { level: 'warning', description: 'A 文号 not written in the GB/T 9704 form (〔〕, four-digit year, no 第, no leading zeros).' },
  'statute.version-unknown': { level: 'warning', description: 'The version tag names a version of the statute the collection does not hold.' },
  'statute.version-differs': { level: 'warning', description: 'An untagged article whose text differs between the versions a paper of its date could mean.' },
  'statute.repealed': { level: 'warning', description: 'The law had been repealed by the paper’s date (a hint when no text says when).' },
  'statute.not-yet-in-force': { level: 'hint', description: 'The statute had not yet been adopted by the paper’s date (the hover also tells a law adopted but not yet in force).' },
  'quote.mismatch': { level: 'warning', description: 'A quotation that is not in the cited provision (or document).' },
  'casenumber.placeholder': { level: 'warning', description: 'A case number (案号) with a placeholder for a part: XXX, ××, 某, 12345, 0001.' },
  'casenumber.malformed': { level: 'warning', description: 'A case number (案号) not in the courts’ form: court code, year, zero-padded number (a hint where the tables may lack a rare code).' },
  'claim.term-elsewhere': { level: 'warning', description: 'A provision said to contain a term (第十三条界定了敏感个人信息, 规定了“公共利益”) that it does not contain, while another provision of the same law does (a hint when two or three do).' },
  'quote.misattributed': { level: 'warning', description: 'A quotation that is not in the cited provision but is, word for word, in another one: of the same law, or of another law when only one holds it.' },
  'citation.date-mismatch': { level: 'warning', description: 'The date written with a citation differs from the document’s date.' },
  'citation.issuer-mismatch': { level: 'warning', description: 'The issuer written with a citation differs from the document’s issuer.' },
  'paper.author-mismatch': { level: 'warning', description: 'The author of a cited journal paper differs from the record.' },
  'paper.title-mismatch': { level: 'warning', description: 'The title of a cited journal paper differs from the record.' },
  'paper.journal-mismatch': { level: 'warning', description: 'The journal of a cited paper differs from the record.' },
  'paper.year-mismatch': { level: 'warning', description: 'The year of a cited journal paper (or of a book’s edition in the bibliography) differs from the record.' },
  'paper.issue-mismatch': { level: 'warning', description: 'The issue of a cited journal paper differs from the record.' },
  'paper.publisher-mismatch': { level: 'warning', description: 'The publisher of a cited book differs from the record of the bibliography.' },
  'pandoc.unknown-key': { level: 'warning', description: 'A pandoc citation [@key] whose key is in none of the bibliographies (checked only when one is loaded).' },
  'footnote.undefined': { level: 'error', description: 'A footnote reference with no definition.' },
  'footnote.unused': { level: 'warning', description: 'A footnote definition nothing refers to.' },
  'footnote.duplicate': { level: 'error', description: 'A footnote defined twice.' },
  'shortform.ibid-first': { level: 'error', description: '同上注 in the first footnote: there is no previous one.' },
  'shortform.ibid-ambiguous': { level: 'warning', description: '同上注 after a footnote that cites several works.' },
  'shortform.missing-target': { level: 'error', description: '同前注 pointing to a footnote that does not exist, or to this or a later one.' },
  'shortform.target-mismatch': { level: 'warning', description: '同前注 naming a work or author its footnote does not cite.' },
  'shortname.before-definition': { level: 'warning', description: 'A short name used before （以下简称…） defines it.' },
  'shortname.redefined': { level: 'warning', description: 'A short name defined twice.' },
  'shortname.ambiguous': { level: 'warning', description: 'One short name defined for two different works.' },
  'style.zai': { level: 'hint', description: '载 before the journal where the house style omits it, or missing where it wants it.' },
  'style.article-numerals': { level: 'hint', description: 'Article numerals in the other script than the house style’s (第十七条 / 第17条).' },
  'style.docnumber-first-mention': { level: 'hint', description: 'The first citation of a document with a 文号 omits it.' },
  'style.punctuation': { level: 'hint', description: 'A half-width comma or colon in a journal citation.' },
  'paper.too-large': { level: 'warning', description: 'The paper is longer than lexcite.maxPaperSize: the rest was not checked.' },
  'paper.too-many-citations': { level: 'warning', description: 'The paper has more citations than lexcite.maxCitations: the rest were not checked.' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_TABLE;

/** The level of each code when settings say nothing. */
export function defaultLevel(code: DiagnosticCode): Level {
  return DIAGNOSTIC_TABLE[code].level;
}
