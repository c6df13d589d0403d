/**
 * Property-based tests of the core's pure parts: the parser, numerals, normalisers, 文号 and the resolver.
 * Fixed seeds (test titles say how many runs); LEXCITE_FUZZ_RUNS=10000 npm test runs every property longer.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDocNumber, parseDocNumber } from '../../server/src/core/text/docNumber';
import { BlockParseCache, splitParagraphBlocks } from '../../server/src/core/paper/incremental';
import { LineIndex } from '../../server/src/core/paper/lineIndex';
import { nextParagraphBreak } from '../../server/src/core/paper/footnotes';
import { commonEnds } from '../../server/src/core/text/diff';
import { ExcludedRegions } from '../../server/src/core/paper/markdown';
import { foldWidth, normalizeForMatch, removeSpaces, titleKey, titleKeyWithoutPrc } from '../../server/src/core/text/normalize';
import { parseArabic, parseChineseNumeral, parseNumeral, toChineseNumeral } from '../../server/src/core/text/numerals';
import { ParsedPaper, parsePaper } from '../../server/src/core/paper/parser';
import { editDistance, resolveTitle } from '../../server/src/core/corpus/resolver';
import { lookupCitation } from '../../server/src/core/features/lookup';
import { bulletinCorpus } from '../helpers/corpus';
import { adversarialDocuments, check, fuzzTimeout, markdownArbitrary, runs, titled } from '../helpers/fuzz';

/** Every offset the parser reports lies inside the text, start ≤ end, and titles span 《…》. */
function assertParseInside(text: string, parsed: ParsedPaper): void {
  const n = text.length;
  const inside = (span: { start: number; end: number }, what: string) => {
    assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= n, `${what} [${span.start}, ${span.end}) outside 0..${n}`);
  };
  assert.equal(parsed.text, text);
  for (const title of parsed.titles) {
    inside(title, 'title');
    assert.equal(text[title.start], '《', 'a title starts at 《');
    assert.equal(text[title.end - 1], '》', 'a title ends at 》');
    for (const reference of title.references) {
      inside(reference, 'reference');
      for (const step of reference.steps) {
        if (step.start !== undefined) inside({ start: step.start, end: step.end! }, 'reference step');
        if (step.numberStart !== undefined) inside({ start: step.numberStart, end: step.numberEnd! }, 'step number');
      }
    }
    if (title.versionTag) inside(title.versionTag, 'version tag');
    if (title.shortName) inside(title.shortName, 'short name');
    if (title.docNumber) inside(title.docNumber, 'attached 文号');
    if (title.jurisdiction) {
      inside(title.jurisdiction, 'jurisdiction');
      assert.ok(title.jurisdiction.end <= title.start, 'the jurisdiction stands before its title');
    }
  }
  for (const number of parsed.docNumbers) {
    inside(number, '文号');
    assert.ok(number.bracketStart >= number.start && number.bracketStart <= number.end, '文号 bracket inside the 文号');
  }
  for (const journal of parsed.journals) {
    inside(journal, 'journal citation');
    for (const span of [...journal.authors, journal.year, journal.issue, journal.separator, ...(journal.zai ? [journal.zai] : [])]) inside(span, 'journal part');
  }
  for (const ref of parsed.footnoteRefs) inside(ref, 'footnote reference');
  for (const def of parsed.footnoteDefs) {
    inside(def, 'footnote definition');
    inside({ start: def.contentStart, end: def.contentEnd }, 'footnote content');
  }
  for (const quotation of parsed.quotations) {
    inside(quotation, 'quotation');
    inside({ start: quotation.innerStart, end: quotation.innerEnd }, 'quoted text');
  }
  for (const form of parsed.shortForms) inside(form, 'short form');
  if (parsed.excluded instanceof ExcludedRegions) for (const span of parsed.excluded.spans) inside(span, 'excluded region');
}

/**
 * Everything a parse found, every field with paper offsets (however the parse keeps them), and which offsets
 * are excluded: for comparing two parses.
 */
function found(parsed: ParsedPaper): unknown {
  const { text, excluded, ...citations } = parsed;
  const excludedOffsets: number[] = [];
  for (let offset = 0; offset <= text.length; offset++) if (excluded.contains(offset)) excludedOffsets.push(offset);
  return { ...JSON.parse(JSON.stringify(citations)), excludedOffsets };
}

describe('fuzz: parser', function () {
  this.timeout(fuzzTimeout(30000));
  const corpus = bulletinCorpus();
  const paper = markdownArbitrary(corpus);

  const n1 = runs(600);
  it(titled('parsePaper never throws, every span lies inside the text, and it is deterministic', n1), () => {
    check(fc.property(paper, (text) => {
      const parsed = parsePaper(text);
      assertParseInside(text, parsed);
      assert.deepEqual(found(parsePaper(text)), found(parsed));
    }), n1);
  });

  const n2 = runs(200);
  it(titled('parsePaper on arbitrary Unicode, lone surrogates and control characters', n2), () => {
    const soup = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 400 }),
      fc.string({ unit: fc.constantFrom('《', '》', '〔', '〕', '第', '条', '（', '）', '“', '”', '[^', ']', ':', '\n', '\r', '`', '<!--', '-->', '\ud800', '𠀀'), maxLength: 400 }),
    );
    check(fc.property(soup, (text) => assertParseInside(text, parsePaper(text))), n2);
  });

  const n3 = runs(150);
  it(titled('a paper parsed block by block (as the server does) equals a parse of the whole (as the CLI does)', n1), () => {
    check(fc.property(paper, (text) => assert.deepEqual(found(new BlockParseCache().parse(text).parsed), found(parsePaper(text)))), n1);
  });

  it(titled('an edited paper parsed from its remembered blocks equals a fresh parse of the edit', n3), () => {
    check(fc.property(paper, paper, fc.nat(), (before, insert, at) => {
      const offset = before.length === 0 ? 0 : at % (before.length + 1);
      const after = before.slice(0, offset) + insert + before.slice(offset);
      const warm = new BlockParseCache();
      warm.parse(before);
      const incremental = warm.parse(after).parsed;
      assertParseInside(after, incremental);
      assert.deepEqual(found(incremental), found(new BlockParseCache().parse(after).parsed));
    }), n3);
  });

  const n4 = runs(150);
  it(titled('a paper edited again and again (typing, deleting, replacing, blank lines, fences) splits and parses as a fresh paper', n4), () => {
    const piece = fc.oneof(paper, fc.constantFrom('\n\n', '\n', '```\n', '\n```', '<!--', '-->', '[^1]: ', '---\n', '', '。'));
    const edit = fc.record({ at: fc.nat(), length: fc.nat({ max: 60 }), insert: piece });
    check(fc.property(paper, fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
      const warm = new BlockParseCache();
      warm.parse(start);
      let text = start;
      for (const { at, length, insert } of edits) {
        const from = at % (text.length + 1);
        text = text.slice(0, from) + insert + text.slice(Math.min(text.length, from + length));
        const incremental = warm.parse(text);
        assert.deepEqual(incremental.blocks.map(({ start, end, text: blockText }) => ({ start, end, text: blockText })), splitParagraphBlocks(text));
        assert.deepEqual(found(incremental.parsed), found(new BlockParseCache().parse(text).parsed));
        assert.equal(incremental.groups.reduce((sum, group) => sum + group.size, 0), incremental.blocks.length);
      }
    }), n4);
  });

  const n5 = runs(100);
  it(titled('a long paper whose paragraphs are added and deleted keeps its paragraphs in groups of 16 or more (the last aside)', n5), () => {
    const paragraph = fc.string({ minLength: 1, maxLength: 8 }).map((s) => `段落${s.replace(/\s/g, '')}。`);
    const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 40 }), insert: fc.array(paragraph, { maxLength: 40 }) });
    check(fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), (edits) => {
      let paragraphs = Array.from({ length: 300 }, (_, i) => `第${i}段。`);
      const warm = new BlockParseCache();
      warm.parse(paragraphs.join('\n\n'));
      for (const { at, remove, insert } of edits) {
        const from = at % (paragraphs.length + 1);
        paragraphs = [...paragraphs.slice(0, from), ...insert, ...paragraphs.slice(from + remove)];
        const { blocks, groups } = warm.parse(paragraphs.join('\n\n'));
        assert.equal(groups.reduce((sum, group) => sum + group.size, 0), blocks.length);
        assert.ok(groups.slice(0, -1).every((group) => group.size >= 16), groups.map((group) => group.size).join(' '));
      }
    }), n5);
  });

  const n6 = runs(300);
  it(titled('the line index of an edited text, made from the last one, equals a fresh index (\\n, \\r\\n and lone \\r)', n6), () => {
    const text = fc.array(fc.constantFrom('\n', '\r\n', '\r', '段', 'ab', '。', '\n\n'), { maxLength: 40 }).map((parts) => parts.join(''));
    check(fc.property(text, fc.nat(), fc.nat(8), text, (before, at, removed, insert) => {
      const from = at % (before.length + 1);
      const after = before.slice(0, from) + insert + before.slice(from + removed);
      const { prefix, suffix } = commonEnds(before, after);
      const edited = new LineIndex(before).edited(after, prefix, before.length - suffix, after.length - before.length);
      const fresh = new LineIndex(after);
      assert.equal(edited.lineCount, fresh.lineCount);
      for (let offset = 0; offset <= after.length; offset++) assert.deepEqual(edited.positionAt(offset), fresh.positionAt(offset), `offset ${offset}`);
    }), n6);
  });

  const n7 = runs(2000);
  it(titled('paragraph breaks (blank lines, the line break before a footnote definition) are where the pattern they replace matches', n7), () => {
    const text = fc.array(fc.constantFrom('\n', '\r', ' ', '\t', '[', '^', ']', ':', '注', '1', '\u3000', '\u00a0'), { maxLength: 24 }).map((parts) => parts.join(''));
    check(fc.property(text, fc.nat(), (chars, at) => {
      const from = at % (chars.length + 1);
      const pattern = /\r?\n[ \t]*\r?\n|\r?\n(?=\[\^[^\]\s]+\]:)/g;
      pattern.lastIndex = from;
      const match = pattern.exec(chars);
      const found = { start: 0, end: 0 };
      const ok = nextParagraphBreak(chars, from, found);
      assert.deepEqual(ok ? found : undefined, match ? { start: match.index, end: match.index + match[0].length } : undefined);
    }), n7);
  });

  it('the adversarial documents parse, with every span inside', () => {
    for (const { name, text } of adversarialDocuments()) {
      assert.doesNotThrow(() => assertParseInside(text, parsePaper(text)), name);
      assert.doesNotThrow(() => assertParseInside(text, new BlockParseCache().parse(text).parsed), `${name} (blocks)`);
    }
  });
});

describe('fuzz: numerals', function () {
  this.timeout(fuzzTimeout(30000));

  it('toChineseNumeral ↔ parseChineseNumeral ↔ parseNumeral round-trip for every integer 1..99999', () => {
    for (let n = 1; n <= 99999; n++) {
      const chinese = toChineseNumeral(n);
      assert.equal(parseChineseNumeral(chinese), n, `${n} → ${chinese}`);
      assert.equal(parseNumeral(chinese), n, `${n} → ${chinese}`);
      assert.equal(parseNumeral(String(n)), n);
      assert.equal(parseArabic(String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))), n, 'full-width digits');
    }
  });

  const n1 = runs(1000);
  it(titled('parsers never throw and return a non-negative integer or undefined', n1), () => {
    const numeral = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'〇零一二两三四五六七八九十百千万0123456789０１２３ 　'), maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
    );
    check(fc.property(numeral, (text) => {
      for (const value of [parseNumeral(text), parseChineseNumeral(text), parseArabic(text)]) {
        assert.ok(value === undefined || (Number.isSafeInteger(value) && value >= 0), `${JSON.stringify(text)} → ${value}`);
      }
    }), n1);
  });

  const n2 = runs(1000);
  it(titled('a parsed Chinese numeral re-renders to a numeral of the same value', n2), () => {
    const numeral = fc.string({ unit: fc.constantFrom(...'零一二两三四五六七八九十百千万'), minLength: 1, maxLength: 8 });
    check(fc.property(numeral, (text) => {
      const value = parseChineseNumeral(text);
      if (value === undefined || value === 0 || value >= 100000000) return;
      assert.equal(parseChineseNumeral(toChineseNumeral(value)), value, `${text} → ${value} → ${toChineseNumeral(value)}`);
    }), n2);
  });
});

describe('fuzz: normalisers', function () {
  this.timeout(fuzzTimeout(30000));
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: fc.constantFrom('《', '》', '“', '”', '（', '）', '(', ')', '中华人民共和国', '个人信息保护法', 'Ａ', 'ａ', 'İ', 'ß', '\u3000', '\u200b', '\ufeff', ' ', '—', '－', '・', '\ud800', '𠀀', '１'), maxLength: 30 }),
  );
  const n = runs(1500);

  it(titled('titleKey, titleKeyWithoutPrc, foldWidth, removeSpaces and normalizeForMatch are idempotent', n), () => {
    check(fc.property(text, (s) => {
      for (const [name, f] of [['titleKey', titleKey], ['foldWidth', foldWidth], ['removeSpaces', removeSpaces], ['normalizeForMatch', normalizeForMatch]] as const) {
        const once = f(s);
        assert.equal(f(once), once, `${name}(${JSON.stringify(s)})`);
      }
      const key = titleKeyWithoutPrc(s);
      assert.equal(titleKeyWithoutPrc(titleKey(s)), key);
    }), n);
  });

  it(titled('titleKey ignores width, spaces and quote styles', n), () => {
    check(fc.property(text, (s) => {
      assert.equal(titleKey(foldWidth(s)), titleKey(s));
      assert.equal(titleKey(s.replace(/“|”/g, '"')), titleKey(s));
      assert.equal(titleKey(`\u3000${s}\u200b `), titleKey(s));
    }), n);
  });
});

describe('fuzz: 文号', function () {
  this.timeout(fuzzTimeout(30000));
  const issuer = fc.constantFrom('国发', '国办发', '厦府办规', '法', '京政发', '国科发政', '中发', 'X');
  const parts = fc.record({ issuerCode: issuer, year: fc.integer({ min: 1949, max: 2099 }), serial: fc.integer({ min: 1, max: 99999 }) });
  const n = runs(1000);

  it(titled('formatDocNumber → parseDocNumber round-trips with no problem found', n), () => {
    check(fc.property(parts, (p) => {
      const text = formatDocNumber(p);
      const parsed = parseDocNumber(text)!;
      assert.ok(parsed, text);
      assert.deepEqual([parsed.issuerCode, parsed.year, parsed.serial, parsed.problems, parsed.canonical], [p.issuerCode, p.year, p.serial, [], text]);
    }), n);
  });

  it(titled('every badly written variant parses to the canonical form, naming its problems', n), () => {
    const variant = fc.record({
      brackets: fc.constantFrom(['〔', '〕'], ['[', ']'], ['［', '］'], ['(', ')'], ['（', '）'], ['【', '】']),
      twoDigits: fc.boolean(), di: fc.boolean(), zeros: fc.nat(2), spaces: fc.boolean(), fullWidth: fc.boolean(),
    });
    check(fc.property(parts.filter((p) => p.year >= 1931 && p.year <= 2030), variant, (p, v) => {
      const width = (digits: string) => (v.fullWidth ? digits.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d))) : digits);
      const sp = v.spaces ? ' ' : '';
      const year = width(v.twoDigits ? String(p.year % 100).padStart(2, '0') : String(p.year));
      const written = `${p.issuerCode}${sp}${v.brackets[0]}${year}${v.brackets[1]}${sp}${v.di ? '第' : ''}${width('0'.repeat(v.zeros) + p.serial)}号`;
      const parsed = parseDocNumber(written)!;
      assert.ok(parsed, written);
      assert.equal(parsed.canonical, formatDocNumber(p), written);
      assert.equal(parsed.problems.includes('brackets'), v.brackets[0] !== '〔', written);
      assert.equal(parsed.problems.includes('two-digit-year'), v.twoDigits, written);
      assert.equal(parsed.problems.includes('di'), v.di, written);
      assert.equal(parsed.problems.includes('leading-zero'), v.zeros > 0, written);
      assert.equal(parsed.problems.includes('spaces'), v.spaces, written);
    }), n);
  });

  it(titled('parseDocNumber never throws; what it parses, its canonical form parses to itself', n), () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('国发', '〔', '〕', '[', ']', '2025', '25', '第', '0', '11', '号', ' ', '０', '\u3000', '\ud800'), maxLength: 12 }),
    );
    check(fc.property(text, (s) => {
      const parsed = parseDocNumber(s);
      // A three-digit year (国发〔110〕5号) is a known, reported defect: see the pending test below.
      if (!parsed || (parsed.writtenYear >= 100 && parsed.writtenYear < 1000)) return;
      const again = parseDocNumber(parsed.canonical)!;
      assert.equal(again.canonical, parsed.canonical);
      assert.deepEqual(again.problems, []);
    }), n);
  });

  // Found by the property above (seed 20251122, LEXCITE_FUZZ_RUNS=20000) and by the quick-fix property (seed 11).
  it('a three-digit year is not a 文号 (a fix could only rewrite it to itself)', () => {
    assert.equal(parseDocNumber('法释〔222〕8号'), undefined);
    assert.equal(parseDocNumber('国发〔25〕11号')?.canonical, '国发〔2025〕11号');
    assert.equal(parseDocNumber('国发〔2025〕11号')?.canonical, '国发〔2025〕11号');
  });
});

describe('fuzz: resolver', function () {
  this.timeout(fuzzTimeout(30000));
  const corpus = bulletinCorpus();
  const titles = corpus.documents.filter((d) => !d.untitled).map((d) => d.title);
  const edited = fc.tuple(fc.constantFrom(...titles), fc.nat(), fc.constantFrom('', '举', '的', '𠀀', '\u200b', '\ud800'), fc.nat(2)).map(([title, at, ch, del]) => {
    const i = at % (title.length + 1);
    return title.slice(0, i) + ch + title.slice(i + del);
  });
  const query = fc.oneof(edited, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }));
  const n = runs(300);

  it(titled('resolveTitle never throws, is deterministic, and a typo’s suggestion is within the allowed edits', n), () => {
    check(fc.property(query, (title) => {
      const first = resolveTitle(corpus, title);
      assert.deepEqual(resolveTitle(corpus, title), first);
      if (first.status === 'typo') {
        assert.ok(first.distance > 0 && editDistance(titleKeyWithoutPrc(title), first.suggestion.key) === first.distance, `${title} → ${first.suggestion.key}`);
      }
      if (first.status === 'resolved') assert.ok(first.entries.length > 0);
    }), n);
  });

  it('every indexed title resolves to itself', () => {
    for (const title of titles) {
      const resolution = resolveTitle(corpus, title);
      assert.equal(resolution.status, 'resolved', title);
    }
  });

  it(titled('editDistance is symmetric, zero only for equal strings, and bounded by the longer length', n), () => {
    const s = fc.string({ unit: fc.constantFrom('数', '据', '法', '条', 'a', '𠀀'), maxLength: 12 });
    check(fc.property(s, s, (a, b) => {
      const d = editDistance(a, b);
      assert.equal(editDistance(b, a), d);
      assert.equal(d === 0, a === b);
      assert.ok(d <= Math.max(a.length, b.length));
    }), n);
  });

  it(titled('lookupCitation never throws on arbitrary input', n), () => {
    check(fc.property(fc.oneof(query, fc.constantFrom('国发[2025]11号', '《关于规范“自媒体”医疗科普行为的通知》第九条')), (input) => {
      const result = lookupCitation(corpus, input, '2025-11-22');
      assert.ok(['found', 'no-document', 'no-provision', 'not-a-citation'].includes(result.status));
    }), n);
  });
});
