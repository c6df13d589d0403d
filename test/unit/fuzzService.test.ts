/**
 * Every feature of the language service on random and adversarial papers: never throws, every range lies in
 * the document it names (0 ≤ start ≤ end ≤ length, within line lengths, no split surrogate pair), results are
 * deterministic and the same warm or cold, and applying a quick fix makes its diagnostic disappear.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CodeAction, Diagnostic, DocumentSymbol, Range, TextDocumentEdit } from 'vscode-languageserver-types';
import { Corpus } from '../../server/src/core/corpus/corpus';
import type { PaperDocument } from '../../server/src/core/paper/paperCache';
import { CitationService } from '../../server/src/core/service';
import { LexciteSettings, resolveSettings } from '../../server/src/core/settings';
import { makePaper as makeBenchPaper } from '../../bench/papers';
import { productCorpus } from '../helpers/corpus';
import {
  Lines, adversarialDocuments, applyEdits, assertRange, check, citingPaperArbitrary, fuzzTimeout, interestingOffsets, linesOf, markdownArbitrary,
  positionAt, runs, snap, titled,
} from '../helpers/fuzz';

const URI = 'file:///fuzz/paper.md';
let corpus: Corpus;

/** The bulletin and the bundled statute book, as the product serves them (versions, 条/款/项 addressing). */
function fuzzCorpus(): Corpus {
  corpus ??= productCorpus();
  return corpus;
}

const SETTINGS: LexciteSettings[] = [
  resolveSettings({ paperDate: '2025-11-22' }, 'zh-cn'),
  resolveSettings({ paperDate: '2025-11-22', style: '法学研究', articleNumerals: 'chinese' }, 'en'),
  resolveSettings({ paperDate: '2019-01-01', style: '中国法学', diagnostics: { 'title.unknown': 'ignore', 'style.zai': 'error' } }, 'zh-cn'),
];

/** Services cache parses by URI and version, as editors bump the version on every change: so does this. */
let nextVersion = 1;

function doc(text: string, version = nextVersion++, uri = URI): PaperDocument {
  return { uri, version, getText: () => text };
}

/** Checks every range of every feature's answer against the text; returns the answers for comparison. */
function exercise(service: CitationService, text: string, settings: LexciteSettings, offsets: number[], query: string, version: number): unknown[] {
  const lines = linesOf(text);
  const document = doc(text, version);
  const answers: unknown[] = [];
  const virtualText = new Map<string, Lines>();
  const inVirtual = (uri: string, range: Range, what: string) => {
    let target = virtualText.get(uri);
    if (!target) {
      const rendered = service.virtualDocument(uri, settings);
      assert.ok(rendered !== undefined, `${what}: ${uri} has no text`);
      target = linesOf(rendered);
      virtualText.set(uri, target);
    }
    assertRange(target, range, what);
  };
  const location = (l: { uri: string; range: Range }, what: string) => (l.uri === URI ? assertRange(lines, l.range, what) : inVirtual(l.uri, l.range, what));

  const diagnostics = service.diagnostics(document, settings);
  answers.push(diagnostics);
  for (const d of diagnostics) {
    assertRange(lines, d.range, `diagnostic ${d.code}`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0 && !/\{\w+\}/.test(d.message), `diagnostic ${d.code} message: ${d.message}`);
    for (const fix of (d.data as { fixes?: { range: Range }[] } | undefined)?.fixes ?? []) assertRange(lines, fix.range, `fix of ${d.code}`);
  }
  const symbols = service.documentSymbols(document, settings);
  answers.push(symbols);
  const walk = (list: DocumentSymbol[]) => {
    for (const s of list) {
      assertRange(lines, s.range, 'symbol range');
      assertRange(lines, s.selectionRange, 'symbol selection range');
      walk(s.children ?? []);
    }
  };
  walk(symbols);
  const workspace = service.workspaceSymbols(query, settings);
  answers.push(workspace);
  for (const s of workspace) location(s.location, 'workspace symbol');

  for (const offset of offsets) {
    const position = positionAt(lines, offset);
    const hover = service.hover(document, position, settings);
    answers.push(hover ?? null);
    if (hover?.range) assertRange(lines, hover.range, 'hover range');
    if (hover) assert.ok(typeof (hover.contents as { value?: unknown }).value === 'string', 'hover is Markdown');

    const completion = service.completion(document, position, settings);
    answers.push(completion);
    for (const item of completion.items) {
      const edit = item.textEdit as { range?: Range; insert?: Range; replace?: Range } | undefined;
      if (edit?.range) assertRange(lines, edit.range, `completion ${item.label}`);
      if (edit?.insert) assertRange(lines, edit.insert, `completion ${item.label} insert`);
      if (edit?.replace) assertRange(lines, edit.replace, `completion ${item.label} replace`);
      for (const extra of item.additionalTextEdits ?? []) assertRange(lines, extra.range, `completion ${item.label} extra edit`);
    }
    for (const item of completion.items.slice(0, 3)) {
      const resolved = service.resolveCompletion(item);
      answers.push(resolved);
      assert.deepEqual(resolved.textEdit, item.textEdit, 'resolving an item leaves its edit alone');
    }

    const definition = service.definition(document, position, settings);
    answers.push(definition);
    for (const l of definition) location(l, 'definition');
    const references = service.references(document, position, [document]);
    answers.push(references);
    for (const l of references) location(l, 'reference');
    const highlights = service.documentHighlights(document, position);
    answers.push(highlights);
    for (const h of highlights) assertRange(lines, h.range, 'highlight');

    const actions = service.codeActions(document, { start: position, end: position }, diagnostics, settings);
    answers.push(actions);
    for (const action of actions) assertVersionedEdit(action, lines, version);
  }
  return answers;
}

function assertVersionedEdit(action: CodeAction, lines: Lines, version: number): TextDocumentEdit {
  const changes = action.edit?.documentChanges as TextDocumentEdit[] | undefined;
  assert.ok(changes && changes.length === 1, `${action.title}: one document change`);
  assert.equal(action.edit!.changes, undefined, `${action.title}: no unversioned edits`);
  assert.deepEqual(changes[0].textDocument, { uri: URI, version }, `${action.title}: names the document version`);
  for (const edit of changes[0].edits) assertRange(lines, (edit as { range: Range }).range, `${action.title} edit`);
  return changes[0];
}

/** `start` checked, then edited edit after edit: after each, one service's diagnostics equal a fresh service's. */
function editedAgainAndAgain(start: string, edits: { at: number; removed: number; insert: string }[], settings: LexciteSettings): void {
  const service = new CitationService(fuzzCorpus());
  let text = start;
  service.diagnostics(doc(text), settings);
  for (const { at, removed, insert } of edits) {
    const offset = snap(text, at % (text.length + 1));
    text = text.slice(0, offset) + insert + text.slice(offset + removed);
    assert.deepEqual(service.diagnostics(doc(text), settings), new CitationService(fuzzCorpus()).diagnostics(doc(text), settings));
  }
}

describe('fuzz: language service', function () {
  this.timeout(fuzzTimeout(60000));
  before(() => void fuzzCorpus().search);

  const paper = fc.oneof(markdownArbitrary(fuzzCorpus()), citingPaperArbitrary(fuzzCorpus()));
  const n1 = runs(200);
  it(titled('hover, completion (and resolve), definition, references, highlights, symbols, code actions and diagnostics: never throw, ranges inside, deterministic', n1), () => {
    const warm = new CitationService(fuzzCorpus());
    check(fc.property(paper, fc.array(fc.nat(), { maxLength: 6 }), fc.constantFrom(...SETTINGS), fc.string({ maxLength: 6 }), (text, picks, settings, query) => {
      const offsets = [...interestingOffsets(text, 12), ...picks.map((p) => snap(text, p % (text.length + 1)))];
      const version = nextVersion++;
      const first = exercise(warm, text, settings, offsets, query, version);
      const again = exercise(warm, text, settings, offsets, query, version);
      const cold = exercise(new CitationService(fuzzCorpus()), text, settings, offsets, query, version);
      assert.deepEqual(again, first, 'the same answers asked twice');
      assert.deepEqual(cold, first, 'the same answers from a fresh service');
    }), n1);
  });

  const n2 = runs(150);
  it(titled('after an edit, diagnostics from the remembered blocks equal a fresh check', n2), () => {
    check(fc.property(paper, paper, fc.nat(), fc.nat(40), fc.constantFrom(...SETTINGS), (before, insert, at, removed, settings) => {
      const offset = snap(before, at % (before.length + 1));
      const after = before.slice(0, offset) + insert + before.slice(offset + removed);
      const service = new CitationService(fuzzCorpus());
      service.diagnostics(doc(before), settings);
      const incremental = service.diagnostics(doc(after), settings);
      assert.deepEqual(incremental, new CitationService(fuzzCorpus()).diagnostics(doc(after), settings));
    }), n2);
  });

  const nEdits = runs(100);
  it(titled('after edits one after another (footnote marks, line breaks, paragraphs), diagnostics equal a fresh check each time', nEdits), () => {
    const piece = fc.oneof(paper, fc.constantFrom('\n', '\n\n', '[^1]', '[^2]', '\n\n[^1]: 同上注。', '\n[^3]: 《中华人民共和国数据安全法》第二十一条。', '。', '', '<!-- lexcite-disable-next-line -->\n'));
    const edit = fc.record({ at: fc.nat(), removed: fc.nat(12), insert: piece });
    check(fc.property(paper, fc.array(edit, { minLength: 1, maxLength: 5 }), fc.constantFrom(...SETTINGS), editedAgainAndAgain), nEdits);
  });

  const nLong = runs(60);
  it(titled('a paper of hundreds of paragraphs (groups of them kept, short names, 该法, footnotes, a citation limit) edited again and again: diagnostics equal a fresh check each time', nLong), () => {
    // The bench's generated paper: as dense as the real texts in short names, citations that point back,
    // quotations and footnotes; ~60 KB is some 200 paragraphs, seven groups.
    const base = makeBenchPaper(60_000, 5);
    const piece = fc.constantFrom('\n\n', '\n', '。', '[^1]', '该法第三条', '该条第二款', '《中华人民共和国个人信息保护法》（以下简称《个保法》）', '《个保法》第十三条', '“个人信息处理者应当”', '\n\n[^7]: 同上注。', '第二十一条', '');
    const edit = fc.record({ at: fc.nat(), removed: fc.nat(30), insert: piece });
    const limited = resolveSettings({ paperDate: '2026-06-01', maxCitations: 150 }, 'zh-cn');
    check(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), fc.constantFrom(SETTINGS[0], limited), (edits, settings) => editedAgainAndAgain(base, edits, settings)), nLong);
  });

  const n4 = runs(150);
  it(titled('with small limits: every feature still in range, one paper.too-large past the size, nothing checked past a cut', n4), () => {
    const service = new CitationService(fuzzCorpus());
    check(fc.property(paper, fc.nat(), fc.nat(6), fc.array(fc.nat(), { maxLength: 4 }), (text, size, citations, picks) => {
      const maxPaperSize = 1 + (size % Math.max(1, text.length + 5));
      const settings = resolveSettings({ paperDate: '2025-11-22', maxPaperSize, maxCitations: citations }, 'zh-cn');
      const version = nextVersion++;
      const offsets = [...interestingOffsets(text, 8), ...picks.map((p) => snap(text, p % (text.length + 1)))];
      const answers = exercise(service, text, settings, offsets, '数据', version);
      assert.deepEqual(exercise(new CitationService(fuzzCorpus()), text, settings, offsets, '数据', version), answers, 'deterministic');
      const diagnostics = service.diagnostics(doc(text, version), settings);
      const tooLarge = diagnostics.filter((d) => d.code === 'paper.too-large');
      const tooMany = diagnostics.filter((d) => d.code === 'paper.too-many-citations');
      assert.ok(tooLarge.length <= 1 && tooMany.length <= 1, 'one diagnostic per limit at most');
      if (!text.includes('lexcite-disable')) assert.equal(tooLarge.length, text.length > maxPaperSize ? 1 : 0);
      const lines = linesOf(text);
      const stops = [...tooLarge, ...tooMany].map((d) => assertRange(lines, d.range, String(d.code)).start);
      if (tooLarge.length) assert.ok(stops[0] <= maxPaperSize, 'the size cut is within the limit');
      const stop = Math.min(...stops);
      for (const d of diagnostics) {
        if (String(d.code).startsWith('paper.too')) continue;
        assert.ok(assertRange(lines, d.range, String(d.code)).start < stop, `${d.code} after checking stopped`);
      }
    }), n4);
  });

  const n3 = runs(60);
  it(titled('positions past the end of a line or of the document are answered, not thrown at', n3), () => {
    const service = new CitationService(fuzzCorpus());
    check(fc.property(paper, fc.nat(5), fc.nat(100000), (text, extraLines, character) => {
      const lines = linesOf(text);
      const document = doc(text);
      const settings = SETTINGS[0];
      const version = document.version;
      for (const position of [{ line: lines.starts.length - 1 + extraLines, character }, { line: 0, character }]) {
        const hover = service.hover(document, position, settings);
        if (hover?.range) assertRange(lines, hover.range, 'hover');
        for (const item of service.completion(document, position, settings).items) {
          const edit = item.textEdit as { range?: Range } | undefined;
          if (edit?.range) assertRange(lines, edit.range, 'completion');
        }
        service.definition(document, position, settings);
        for (const h of service.documentHighlights(document, position)) assertRange(lines, h.range, 'highlight');
        for (const a of service.codeActions(document, { start: position, end: position }, service.diagnostics(document, settings), settings)) assertVersionedEdit(a, lines, version);
      }
    }), n3);
  });
});

describe('fuzz: quick fixes', function () {
  this.timeout(fuzzTimeout(60000));

  const n = runs(300);
  it(titled('every quick fix, applied to the text, makes its diagnostic disappear (same code, same place)', n), () => {
    const service = new CitationService(fuzzCorpus());
    let applied = 0;
    check(fc.property(fc.oneof(citingPaperArbitrary(fuzzCorpus()), markdownArbitrary(fuzzCorpus())), fc.constantFrom(...SETTINGS), (text, settings) => {
      const lines = linesOf(text);
      const document = doc(text);
      const diagnostics = service.diagnostics(document, settings);
      for (const diagnostic of diagnostics.slice(0, 8)) {
        // A three-digit year (法释〔222〕8号) gets a fix that rewrites it to itself: a reported defect of
        // docNumber.ts (see the pending test in fuzz.test.ts), left out here so the property guards the rest.
        if (diagnostic.code === 'docnumber.format' && /[〔\[［(（【〖]\s*[0-9０-９]{3}\s*[〕\]］)）】〗]/.test(diagnostic.message)) continue;
        const start = assertRange(lines, diagnostic.range, 'diagnostic').start;
        for (const action of service.codeActions(document, diagnostic.range, [diagnostic], settings)) {
          const change = assertVersionedEdit(action, lines, document.version);
          const edits = change.edits as { range: Range; newText: string }[];
          const fixed = applyEdits(text, edits);
          const edit = edits[0];
          const editStart = lines.starts[edit.range.start.line] + edit.range.start.character;
          const editEnd = lines.starts[edit.range.end.line] + edit.range.end.character;
          const moved = start < editStart ? start : start >= editEnd ? start + edit.newText.length - (editEnd - editStart) : editStart;
          const fixedLines = linesOf(fixed);
          const still = service.diagnostics(doc(fixed), settings).filter((d: Diagnostic) => d.code === diagnostic.code && assertRange(fixedLines, d.range, 'rechecked').start === moved);
          assert.deepEqual(still.map((d) => d.message), [], `“${action.title}” for ${diagnostic.code} (${diagnostic.message}) in ${JSON.stringify(text)}`);
          applied++;
        }
      }
    }), n);
    assert.ok(applied > n, `quick fixes were exercised (${applied})`);
  });
});

describe('fuzz: adversarial papers through every feature', function () {
  this.timeout(fuzzTimeout(60000));

  for (const { name, text } of adversarialDocuments()) {
    it(`${name} (${text.length} UTF-16 units)`, () => {
      const offsets = interestingOffsets(text, 16);
      const first = exercise(new CitationService(fuzzCorpus()), text, SETTINGS[0], offsets, text.slice(0, 8), 1);
      assert.deepEqual(exercise(new CitationService(fuzzCorpus()), text, SETTINGS[0], offsets, text.slice(0, 8), 1), first, 'deterministic');
    });
  }

  it('a report of an adversarial paper renders in every format', () => {
    const service = new CitationService(fuzzCorpus());
    for (const { name, text } of adversarialDocuments()) {
      for (const format of ['md', 'html', 'json', 'csv'] as const) {
        const report = service.report(doc(text), `${name}.md`, format, SETTINGS[0]);
        assert.equal(typeof report, 'string');
        if (format === 'json') JSON.parse(report);
      }
    }
  });
});
