/**
 * A tolerant BibTeX/BibLaTeX reader: entries with their fields as plain text, @string macros and `#`
 * concatenation, LaTeX accents and escapes decoded. Field names may be Chinese (作者, 期刊, 年, 出版社: the
 * exports of Jasminum and 知网 use them). A damaged entry is reported with its line and skipped; the entries
 * around it still load.
 *
 * The text is first cut at every line that opens an entry (`@type{`), and each piece is read on its own, so an
 * unclosed brace costs one entry, not the rest of the file, and the work stays linear in the file's length.
 */

export interface BibtexEntry {
  /** Lower-case entry type: article, book, incollection … */
  type: string;
  key: string;
  /** Field values by lower-case name, LaTeX decoded. */
  fields: Map<string, string>;
  /** 1-based line of the @ that opens the entry. */
  line: number;
}

export interface BibtexProblem {
  line: number;
  message: string;
}

const ENTRY_START = /^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]/.source;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function readBibtex(text: string): { entries: BibtexEntry[]; problems: BibtexProblem[] } {
  const entries: BibtexEntry[] = [];
  const problems: BibtexProblem[] = [];
  const macros = new Map<string, string>(MONTHS.map((m, i) => [m, String(i + 1)]));
  const starts: number[] = [];
  for (const m of text.matchAll(new RegExp(ENTRY_START, 'gm'))) starts.push(m.index + m[0].indexOf('@'));
  let line = 1;
  let counted = 0;
  starts.forEach((start, i) => {
    line += countLines(text, counted, start);
    counted = start;
    const piece = text.slice(start, starts[i + 1] ?? text.length);
    try {
      const entry = readEntry(piece, macros, line);
      if (entry) entries.push(entry);
    } catch (error) {
      if (!(error instanceof SyntaxProblem)) throw error;
      // The entry's first line: where the author looks for what is wrong in it.
      problems.push({ line, message: error.message });
    }
  });
  return { entries, problems };
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

class SyntaxProblem extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
    this.name = 'SyntaxProblem';
  }
}

/** One entry from its @ to the next entry's; undefined for @comment and @preamble. */
function readEntry(piece: string, macros: Map<string, string>, line: number): BibtexEntry | undefined {
  const head = /^@[ \t]*([A-Za-z]+)[ \t]*([{(])/.exec(piece)!;
  const type = head[1].toLowerCase();
  const close = head[2] === '{' ? '}' : ')';
  const reader = new Reader(piece, head[0].length, macros);
  if (type === 'comment' || type === 'preamble') return undefined;
  if (type === 'string') {
    const [name, value] = reader.field();
    macros.set(name, value);
    return undefined;
  }
  const keyMatch = /^[ \t\r\n]*([^,\s{}()=]+)[ \t\r\n]*,/.exec(piece.slice(reader.at));
  if (!keyMatch) throw new SyntaxProblem(`entry @${type} has no citation key`, reader.at);
  reader.at += keyMatch[0].length;
  const fields = new Map<string, string>();
  for (;;) {
    reader.skipSpace();
    if (reader.peek() === close) break;
    if (reader.at >= piece.length) throw new SyntaxProblem(`entry ${keyMatch[1]} is not closed`, reader.at);
    const [name, value] = reader.field();
    if (!fields.has(name)) fields.set(name, value);
    reader.skipSpace();
    if (reader.peek() === ',') reader.at++;
    else if (reader.peek() !== close) throw new SyntaxProblem(`entry ${keyMatch[1]}: expected “,” or “${close}” after field ${name}`, reader.at);
  }
  return { type, key: keyMatch[1], fields, line };
}

class Reader {
  constructor(readonly text: string, public at: number, readonly macros: Map<string, string>) {}

  peek(): string {
    return this.text[this.at] ?? '';
  }

  skipSpace(): void {
    const space = /\s*/y;
    space.lastIndex = this.at;
    space.exec(this.text);
    this.at = space.lastIndex;
  }

  /** name = value # value … */
  field(): [string, string] {
    this.skipSpace();
    const name = /^[^\s=,{}()"#]+/.exec(this.text.slice(this.at, this.at + 100));
    if (!name) throw new SyntaxProblem('expected a field name', this.at);
    this.at += name[0].length;
    this.skipSpace();
    if (this.peek() !== '=') throw new SyntaxProblem(`expected “=” after ${name[0]}`, this.at);
    this.at++;
    let value = '';
    for (;;) {
      this.skipSpace();
      value += this.part(name[0]);
      this.skipSpace();
      if (this.peek() !== '#') break;
      this.at++;
    }
    return [name[0].toLowerCase(), decodeLatex(value)];
  }

  private part(field: string): string {
    const c = this.peek();
    if (c === '{') return this.braced(field);
    if (c === '"') return this.quoted(field);
    const word = /^[^\s,#{}()"]+/.exec(this.text.slice(this.at, this.at + 200));
    if (!word) throw new SyntaxProblem(`field ${field} has no value`, this.at);
    this.at += word[0].length;
    if (/^\d+$/.test(word[0])) return word[0];
    const macro = this.macros.get(word[0].toLowerCase());
    if (macro === undefined) throw new SyntaxProblem(`field ${field} uses the undefined string ${word[0]}`, this.at - word[0].length);
    return macro;
  }

  private braced(field: string): string {
    const open = this.at;
    let depth = 0;
    for (let i = this.at; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        this.at = i + 1;
        return this.text.slice(open + 1, i);
      }
    }
    throw new SyntaxProblem(`the value of ${field} has an unclosed “{”`, open);
  }

  private quoted(field: string): string {
    const open = this.at;
    let depth = 0;
    for (let i = this.at + 1; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '\\') i++;
      else if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' && depth === 0) {
        this.at = i + 1;
        return this.text.slice(open + 1, i);
      }
    }
    throw new SyntaxProblem(`the value of ${field} has an unclosed “"”`, open);
  }
}

const ACCENTS: Record<string, string> = { '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307', c: '\u0327', v: '\u030c', u: '\u0306', H: '\u030b' };
const SYMBOLS: Record<string, string> = { ss: 'ß', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', l: 'ł', L: 'Ł', i: 'ı', aa: 'å', AA: 'Å' };

/** LaTeX in a value as the reader sees it: accents composed, escapes and braces dropped, whitespace folded. */
export function decodeLatex(value: string): string {
  // Most values (every Chinese one) hold no LaTeX at all: only their whitespace is folded.
  if (!/[\\{}~-]/.test(value)) return value.replace(/\s+/g, ' ').trim().normalize('NFC');
  return value
    .replace(/\\(["'`^~=.]|[cvuH](?=[\s{]))\s*\{?\s*([A-Za-z]|\\i)\s*\}?/g, (_, accent: string, letter: string) =>
      (letter === '\\i' ? 'i' : letter) + (Object.hasOwn(ACCENTS, accent) ? ACCENTS[accent] : ''))
    .replace(/\\(ss|o|O|ae|AE|l|L|aa|AA)(?![A-Za-z])\s?/g, (_, s: string) => SYMBOLS[s])
    .replace(/\\(?:textit|textbf|emph|textsc|textup|textrm|mkbibquote|url)\s*\{([^{}]*)\}/g, '$1')
    .replace(/\\([&%$#_{}])/g, '$1')
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/(?<!\\)[{}]/g, '')
    .replace(/~/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .normalize('NFC');
}
