/**
 * The TextMate injection grammar syntaxes/lexcite-citations.tmLanguage.json, tokenized by vscode-textmate with
 * vscode-oniguruma as VS Code does. Each assertion lists the exact substrings of a line that carry a scope: a
 * "run" is a maximal stretch of adjacent tokens that all have the scope (so 第十三条第一款 is one run even though
 * it is matched unit by unit).
 *
 * Three host grammars stand in for Markdown (scopeName text.html.markdown):
 *   - "included": fenced code, inline code, HTML comment, and { include: lexcite.citations.injection };
 *   - "injected": the same without the include, so only the injection (getInjections) applies, as in VS Code;
 *   - "vscode-like": the paragraph (begin/while), heading and link-definition rules copied from VS Code's
 *     markdown.tmLanguage.json, to pin behaviour that only shows up against the real grammar's structure.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const GRAMMAR_PATH = path.resolve(__dirname, '../../../syntaxes/lexcite-citations.tmLanguage.json');
const INJECTION = 'lexcite.citations.injection';
const MARKDOWN = 'text.html.markdown';

const TITLE = 'string.other.title.lexcite';
const TITLE_BEGIN = 'punctuation.definition.title.begin.lexcite';
const TITLE_END = 'punctuation.definition.title.end.lexcite';
const NESTED = 'meta.title.nested.lexcite';
const NESTED_BEGIN = 'punctuation.definition.title.nested.begin.lexcite';
const NESTED_END = 'punctuation.definition.title.nested.end.lexcite';
const DOC_NUMBER = 'constant.other.docnumber.lexcite';
const ARTICLE = 'constant.numeric.article.lexcite';
const SHORT_FORM = 'variable.language.shortform.lexcite';
const SHORT_NAME = 'keyword.other.shortname.lexcite';
const ALL_SCOPES = [TITLE, TITLE_BEGIN, TITLE_END, NESTED, NESTED_BEGIN, NESTED_END, DOC_NUMBER, ARTICLE, SHORT_FORM, SHORT_NAME];

type RawRule = Record<string, unknown>;

function tinyHost(includeCitations: boolean): RawRule {
  return {
    scopeName: MARKDOWN,
    patterns: [
      { begin: '^```.*$', end: '^```', name: 'markup.fenced_code.block.markdown' },
      { include: '#inline' },
      { begin: '<!--', end: '-->', name: 'comment.block.html' },
      ...(includeCitations ? [{ include: INJECTION }] : []),
    ],
    // Named as in VS Code's grammar: the footnote rule includes text.html.markdown#inline.
    repository: { inline: { patterns: [{ match: '`[^`]*`', name: 'markup.inline.raw.string.markdown' }] } },
  };
}

/** The structure of VS Code's Markdown grammar that matters here; regexes copied from markdown.tmLanguage.json. */
const VSCODE_LIKE_HOST: RawRule = {
  scopeName: MARKDOWN,
  patterns: [{ include: '#block' }],
  repository: {
    block: {
      patterns: [
        { include: '#heading' },
        { include: '#fenced_code_block' },
        { include: '#link-def' },
        { include: '#paragraph' },
      ],
    },
    heading: {
      match: '(?:^|\\G)[ ]{0,3}(#{1,6}\\s+(.*?)(\\s+#{1,6})?\\s*)$',
      captures: { 2: { name: 'entity.name.section.markdown', patterns: [{ include: '#inline' }] } },
      name: 'markup.heading.markdown',
    },
    fenced_code_block: {
      begin: '(^|\\G)(\\s*)(`{3,}|~{3,})[^`]*$',
      end: '(^|\\G)(\\2|\\s{0,3})(\\3)\\s*$',
      name: 'markup.fenced_code.block.markdown',
    },
    'link-def': {
      match:
        '\\s*(\\[)([^]]+?)(\\])(:)[ \\t]*(?:(<)([^\\>]+?)(>)|(\\S+?))[ \\t]*(?:((\\().+?(\\)))|((").+?("))|((\').+?(\')))?\\s*$',
      captures: { 2: { name: 'constant.other.reference.link.markdown' }, 8: { name: 'markup.underline.link.markdown' } },
      name: 'meta.link.reference.def.markdown',
    },
    paragraph: {
      begin: '(^|\\G)[ ]{0,3}(?=\\S)',
      name: 'meta.paragraph.markdown',
      patterns: [{ include: '#inline' }],
      while: '(^|\\G)((?=\\s*[-=]{3,}\\s*$)|[ ]{4,}(?=\\S))',
    },
    inline: {
      patterns: [{ match: '(`+)((?:[^`]|(?!(?<!`)\\1(?!`))`)*+)(\\1)', name: 'markup.inline.raw.string.markdown' }],
    },
  },
};

let onigLib: Promise<vsctm.IOnigLib> | undefined;
function loadOnigLib(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm);
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

async function loadHost(host: RawRule): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnigLib(),
    loadGrammar: async (scopeName) => {
      if (scopeName === MARKDOWN) return vsctm.parseRawGrammar(JSON.stringify(host), 'host.json');
      if (scopeName === INJECTION) return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
      return null;
    },
    getInjections: (scopeName) => (scopeName === MARKDOWN ? [INJECTION] : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN);
  assert.ok(grammar, 'host grammar loads');
  return grammar;
}

interface TokenizedLine {
  text: string;
  tokens: vsctm.IToken[];
}

/** Tokenizes a document line by line, carrying the rule stack as an editor does. */
function tokenize(grammar: vsctm.IGrammar, document: string): TokenizedLine[] {
  let ruleStack = vsctm.INITIAL;
  return document.split('\n').map((text) => {
    const result = grammar.tokenizeLine(text, ruleStack);
    ruleStack = result.ruleStack;
    return { text, tokens: result.tokens };
  });
}

/** Maximal runs of adjacent tokens that carry `scope`, as substrings of the line. */
function runs(line: TokenizedLine, scope: string): string[] {
  const found: string[] = [];
  let current: string | undefined;
  for (const token of line.tokens) {
    const piece = line.text.slice(token.startIndex, Math.min(token.endIndex, line.text.length));
    if (token.scopes.includes(scope)) current = (current ?? '') + piece;
    else if (current !== undefined) {
      found.push(current);
      current = undefined;
    }
  }
  if (current !== undefined) found.push(current);
  return found.filter((run) => run.length > 0);
}

/** Every LexCite scope that appears anywhere in the lines, with the text carrying it. */
function citationScopesIn(lines: TokenizedLine[]): string[] {
  const seen: string[] = [];
  for (const line of lines) {
    for (const token of line.tokens) {
      for (const scope of token.scopes) {
        if (scope.endsWith('.lexcite')) seen.push(`${scope}: ${line.text.slice(token.startIndex, token.endIndex)}`);
      }
    }
  }
  return seen;
}

const HOSTS: Array<{ name: string; grammar: RawRule }> = [
  { name: 'included by the host grammar', grammar: tinyHost(true) },
  { name: 'injected only (getInjections, as in VS Code)', grammar: tinyHost(false) },
];

describe('grammar: the citation grammar file', () => {
  const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as {
    scopeName: string;
    injectionSelector: string;
    patterns: unknown[];
    repository: Record<string, unknown>;
  };

  it('is an injection grammar for Markdown with top-level patterns', () => {
    assert.equal(raw.scopeName, INJECTION);
    assert.match(raw.injectionSelector, /^L:text\.html\.markdown /);
    for (const excluded of ['markup.fenced_code', 'markup.inline.raw', 'markup.raw', 'comment', 'meta.link.inline', 'markup.underline.link']) {
      assert.ok(raw.injectionSelector.split(/\s+/).includes(`-${excluded}`), `selector excludes ${excluded}`);
    }
    assert.ok(raw.patterns.length > 0);
  });

  it('repeats no group, so no quantifier is nested inside another', () => {
    const regexes: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') regexes.push(value);
          else collect(value);
        }
      }
    };
    collect(raw.repository);
    assert.ok(regexes.length >= 8);
    for (const regex of regexes) {
      // A closing parenthesis (not escaped, not inside a class) followed by *, + or {…} would repeat a group.
      const withoutEscapes = regex.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x');
      assert.doesNotMatch(withoutEscapes, /\)[*+{]/, regex);
    }
  });
});

for (const host of HOSTS) {
  describe(`grammar: ${host.name}`, () => {
    let grammar: vsctm.IGrammar;
    before(async () => {
      grammar = await loadHost(host.grammar);
    });
    const line = (text: string) => tokenize(grammar, text)[0];

    it('colours 《titles》 with their begin and end punctuation, nesting 〈…〉 inside', () => {
      const l = line('依据《中华人民共和国个人信息保护法》和《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》，数据处理者……');
      assert.deepEqual(runs(l, TITLE), [
        '《中华人民共和国个人信息保护法》',
        '《最高人民法院关于适用〈中华人民共和国民法典〉合同编通则若干问题的解释》',
      ]);
      assert.deepEqual(runs(l, TITLE_BEGIN), ['《', '《']);
      assert.deepEqual(runs(l, TITLE_END), ['》', '》']);
      assert.deepEqual(runs(l, NESTED), ['〈中华人民共和国民法典〉']);
      assert.deepEqual(runs(l, NESTED_BEGIN), ['〈']);
      assert.deepEqual(runs(l, NESTED_END), ['〉']);
    });

    it('keeps a wrongly nested 《…》 inside the outer title', () => {
      const l = line('参见《最高人民法院关于适用《中华人民共和国民法典》时间效力的若干规定》第二条。');
      assert.deepEqual(runs(l, TITLE), ['《最高人民法院关于适用《中华人民共和国民法典》时间效力的若干规定》']);
      assert.deepEqual(runs(l, ARTICLE), ['第二条']);
    });

    it('colours a title that wraps onto the next line (rule stack carried over)', () => {
      const [first, second, third] = tokenize(grammar, '根据《中华人民共和国个人信息\n保护法》第十三条的规定，处理个人信息应当取得同意。\n另见《数据安全法》。');
      assert.deepEqual(runs(first, TITLE), ['《中华人民共和国个人信息']);
      assert.deepEqual(runs(first, TITLE_BEGIN), ['《']);
      assert.deepEqual(runs(first, TITLE_END), []);
      assert.deepEqual(runs(second, TITLE), ['保护法》']);
      assert.deepEqual(runs(second, TITLE_END), ['》']);
      assert.deepEqual(runs(second, ARTICLE), ['第十三条']);
      assert.deepEqual(runs(third, TITLE), ['《数据安全法》']);
    });

    it('colours 文号 in every bracket variant', () => {
      const variants = [
        '国发〔2025〕11号',
        '国发[2025]11号',
        '国发［2025］11号',
        '国发(2025)11号',
        '国发（2025）11号',
        '国发〔25〕11号',
        '国发〔2025〕第11号',
        '人社部发〔2021〕56 号',
        '国办发【2024】3号',
      ];
      for (const docNumber of variants) {
        const l = line(`《国务院关于深入实施“人工智能+”行动的意见》（${docNumber}）提出……`);
        assert.deepEqual(runs(l, DOC_NUMBER), [docNumber], docNumber);
        assert.deepEqual(runs(l, TITLE), ['《国务院关于深入实施“人工智能+”行动的意见》'], docNumber);
        assert.deepEqual(runs(l, ARTICLE), [], docNumber);
      }
    });

    it('does not take an introducing verb into the 文号 issuer code', () => {
      assert.deepEqual(runs(line('参见国发〔2025〕11号。'), DOC_NUMBER), ['国发〔2025〕11号']);
      assert.deepEqual(runs(line('根据财税〔2019〕13号以及法释〔2020〕17号的规定'), DOC_NUMBER), ['财税〔2019〕13号', '法释〔2020〕17号']);
    });

    it('does not take a year, a bracketed note or an unnumbered bracket for a 文号', () => {
      const l = line('2025年（2025）全年，国发〔2025〕文件，见注〔3〕与《民法典》（2020年）。');
      assert.deepEqual(runs(l, DOC_NUMBER), []);
    });

    it('colours article references in all their forms', () => {
      const cases: Array<[string, string[]]> = [
        ['《民法典》第十三条规定', ['第十三条']],
        ['《民法典》第1034条规定', ['第1034条']],
        ['《民法典》第１０３４条规定', ['第１０３４条']],
        ['《个人信息保护法》第 3 条规定', ['第 3 条']],
        ['该条第（三）项与第(三)项', ['第（三）项', '第(三)项']],
        ['《刑法》第二百五十三条之一规定了侵犯公民个人信息罪', ['第二百五十三条之一']],
        ['《个人信息保护法》第十三条第一款第二项规定', ['第十三条第一款第二项']],
        ['《个人信息保护法》第十三条第一款第（二）项规定', ['第十三条第一款第（二）项']],
        ['《意见》第6点、第六部分第二段', ['第6点', '第六部分第二段']],
        ['《民法典》第四编第一章第二节第一目', ['第四编第一章第二节第一目']],
      ];
      for (const [text, expected] of cases) assert.deepEqual(runs(line(text), ARTICLE), expected, text);
    });

    it('does not colour ordinary ordinals or years as article references', () => {
      const l = line('第一次会议、第二届会议、第三人、第5页、2025年第3期、第一审程序，次第展开。');
      assert.deepEqual(runs(l, ARTICLE), []);
    });

    it('colours the short forms of repeated citations', () => {
      const cases: Array<[string, string[]]> = [
        ['同上注，第35页。', ['同上注']],
        ['同上。', ['同上']],
        ['同上，第12页。', ['同上']],
        ['同上书，第8页。', ['同上书']],
        ['同前注〔3〕，王利明书，第35页。', ['同前注〔3〕']],
        ['同前注[3]，第35页。', ['同前注[3]']],
        ['同前注3，第35页。', ['同前注3']],
        ['前引〔3〕，张新宝文。', ['前引〔3〕']],
        ['前引3，张新宝文。', ['前引3']],
      ];
      for (const [text, expected] of cases) assert.deepEqual(runs(line(text), SHORT_FORM), expected, text);
    });

    it('treats 同上 followed by another Han character (同上述, 同上诉人) as an ordinary word', () => {
      const l = line('同上述规定一致，原告同上诉人达成和解，如同上文所述，前引起争议。');
      assert.deepEqual(runs(l, SHORT_FORM), []);
      assert.deepEqual(runs(line('同上第5页。'), SHORT_FORM), ['同上'], '同上 directly before 第 is a short form');
    });

    it('marks 以下简称 and still colours the title after it', () => {
      const l = line('《中华人民共和国个人信息保护法》（以下简称《个保法》）第十三条');
      assert.deepEqual(runs(l, SHORT_NAME), ['以下简称']);
      assert.deepEqual(runs(l, TITLE), ['《中华人民共和国个人信息保护法》', '《个保法》']);
      assert.deepEqual(runs(l, ARTICLE), ['第十三条']);
      assert.deepEqual(runs(line('《数据安全法》（下称《数安法》）'), SHORT_NAME), ['下称']);
      assert.deepEqual(runs(line('上下称谓不一'), SHORT_NAME), []);
    });

    it('colours nothing inside a title but the title itself', () => {
      const l = line('《全国人民代表大会常务委员会关于〈中华人民共和国刑法〉第三百零三条的解释》');
      assert.deepEqual(runs(l, TITLE), ['《全国人民代表大会常务委员会关于〈中华人民共和国刑法〉第三百零三条的解释》']);
      assert.deepEqual(runs(l, ARTICLE), []);
    });

    it('colours a realistic paragraph with every kind of citation', () => {
      const l = line(
        '根据《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号，以下简称《意见》）第六部分，' +
          '结合《民法典》第1034条、第一千零三十五条第一款，同前注〔3〕。',
      );
      assert.deepEqual(runs(l, TITLE), ['《国务院关于深入实施“人工智能+”行动的意见》', '《意见》', '《民法典》']);
      assert.deepEqual(runs(l, DOC_NUMBER), ['国发〔2025〕11号']);
      assert.deepEqual(runs(l, SHORT_NAME), ['以下简称']);
      assert.deepEqual(runs(l, ARTICLE), ['第六部分', '第1034条', '第一千零三十五条第一款']);
      assert.deepEqual(runs(l, SHORT_FORM), ['同前注〔3〕']);
    });

    it('colours a footnote definition line, but not inline code in it', () => {
      const [l] = tokenize(grammar, '[^2]: 同前注〔3〕，参见 `同上` 与《数据安全法》（以下简称《数安法》）第21条。');
      assert.deepEqual(runs(l, SHORT_FORM), ['同前注〔3〕']);
      assert.deepEqual(runs(l, TITLE), ['《数据安全法》', '《数安法》']);
      assert.deepEqual(runs(l, SHORT_NAME), ['以下简称']);
      assert.deepEqual(runs(l, ARTICLE), ['第21条']);
    });

    it('colours nothing inside fenced code', () => {
      const lines = tokenize(grammar, '```text\n《民法典》第1034条，国发〔2025〕11号，同上，以下简称《意见》\n```\n其后《民法典》');
      assert.deepEqual(citationScopesIn(lines.slice(0, 3)), []);
      assert.deepEqual(runs(lines[3], TITLE), ['《民法典》'], 'colouring resumes after the fence');
    });

    it('colours nothing inside inline code', () => {
      const l = line('命令 `lexcite check 《民法典》第3条 国发〔2025〕11号 同上` 之后，《数据安全法》第21条');
      assert.deepEqual(runs(l, TITLE), ['《数据安全法》']);
      assert.deepEqual(runs(l, ARTICLE), ['第21条']);
      assert.deepEqual(runs(l, DOC_NUMBER), []);
      assert.deepEqual(runs(l, SHORT_FORM), []);
    });

    it('colours nothing inside an HTML comment', () => {
      const lines = tokenize(grammar, '<!-- 《民法典》第3条，\n国发〔2025〕11号，同上 -->《数据安全法》');
      assert.deepEqual(citationScopesIn([lines[0]]), []);
      assert.deepEqual(runs(lines[1], DOC_NUMBER), []);
      assert.deepEqual(runs(lines[1], SHORT_FORM), []);
      assert.deepEqual(runs(lines[1], TITLE), ['《数据安全法》']);
    });

    it('stops an unclosed 《 at a blank line', () => {
      const lines = tokenize(grammar, '参见《中华人民共和国民法典\n第1034条规定，\n\n下一段引用《数据安全法》第21条。');
      assert.deepEqual(runs(lines[0], TITLE), ['《中华人民共和国民法典']);
      assert.deepEqual(runs(lines[1], TITLE), ['第1034条规定，'], 'the title runs on until the paragraph ends');
      assert.deepEqual(runs(lines[2], TITLE), []);
      assert.deepEqual(runs(lines[3], TITLE), ['《数据安全法》']);
      assert.deepEqual(runs(lines[3], ARTICLE), ['第21条']);
      assert.deepEqual(runs(lines[3], TITLE_BEGIN), ['《']);
    });

    it('stops an unclosed 《 before a code fence, leaving the fence to the host', () => {
      const lines = tokenize(grammar, '参见《民法典\n```\n《数据安全法》\n```\n《刑法》');
      assert.deepEqual(runs(lines[0], TITLE), ['《民法典']);
      assert.deepEqual(citationScopesIn(lines.slice(1, 4)), []);
      assert.ok(lines[2].tokens.every((t) => t.scopes.includes('markup.fenced_code.block.markdown')));
      assert.deepEqual(runs(lines[4], TITLE), ['《刑法》']);
    });

    it('tokenizes pathological lines without hanging', () => {
      const lines = [
        '《〔第'.repeat(16_667),
        '',
        '《'.repeat(10_000),
        '',
        '〔第'.repeat(25_000),
        '第'.repeat(50_000),
        '第一'.repeat(25_000),
        '第 '.repeat(25_000),
        '国发〔2025〕'.repeat(5_000),
        '中'.repeat(50_000) + '〔',
        '国〔' + ' '.repeat(50_000) + '2025',
        '国〔2025〕' + ' '.repeat(50_000) + '第' + ' '.repeat(50_000),
        '同前注〔' + '　'.repeat(50_000),
        '同上'.repeat(25_000),
        '前引'.repeat(25_000),
        '以下简称'.repeat(12_500),
        '保护法'.repeat(20_000) + '》',
        '〈'.repeat(20_000) + '》'.repeat(20_000),
        '《' + '〈a'.repeat(25_000),
        '《a》'.repeat(12_500),
      ];
      const tokenized = tokenize(grammar, lines.join('\n'));
      assert.equal(tokenized.length, lines.length);
      for (const l of tokenized) assert.ok(l.tokens.length > 0 || l.text === '');
      // The 10,000 《 line is one title from its first 《, ended by the blank line after it.
      assert.deepEqual(runs(tokenized[2], TITLE), ['《'.repeat(10_000)]);
      assert.deepEqual(runs(tokenized[4], TITLE), []);
    });
  });
}

describe('grammar: against the structure of VS Code’s Markdown grammar', () => {
  let grammar: vsctm.IGrammar;
  before(async () => {
    grammar = await loadHost(VSCODE_LIKE_HOST);
  });

  it('colours the second half of a wrapped title although each line is its own paragraph there', () => {
    const lines = tokenize(grammar, '根据《中华人民共和国个人信息\n保护法》第十三条第一款第（二）项的规定。');
    assert.deepEqual(runs(lines[0], TITLE), ['《中华人民共和国个人信息']);
    assert.deepEqual(runs(lines[1], TITLE), ['保护法》']);
    assert.deepEqual(runs(lines[1], TITLE_END), ['》']);
    assert.deepEqual(runs(lines[1], ARTICLE), ['第十三条第一款第（二）项']);
  });

  it('does not take a line whose 》 closes a title opened on it for a continuation', () => {
    const lines = tokenize(grammar, '上文已述。\n另见《民法典》第3条。');
    assert.deepEqual(runs(lines[1], TITLE), ['《民法典》']);
  });

  it('colours footnote definitions instead of leaving them to the link-definition rule', () => {
    const lines = tokenize(grammar, '[^1]: 同上，第5页。\n[^2]: 同前注〔3〕，前引3。\n[^3]: 《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）。\n[ref]: https://example.com');
    assert.deepEqual(runs(lines[0], SHORT_FORM), ['同上']);
    assert.deepEqual(runs(lines[1], SHORT_FORM), ['同前注〔3〕', '前引3']);
    assert.deepEqual(runs(lines[2], TITLE), ['《国务院关于深入实施“人工智能+”行动的意见》']);
    assert.deepEqual(runs(lines[2], DOC_NUMBER), ['国发〔2025〕11号']);
    for (const l of lines.slice(0, 3)) assert.deepEqual(runs(l, 'markup.underline.link.markdown'), []);
    assert.deepEqual(runs(lines[3], 'markup.underline.link.markdown'), ['https://example.com'], 'real link definitions are untouched');
    assert.deepEqual(runs(lines[0], 'constant.other.reference.link.markdown'), ['[^1]']);
  });

  it('keeps Markdown inline rules working in a footnote definition', () => {
    const [l] = tokenize(grammar, '[^4]: 参见 `《民法典》第3条` 与《数据安全法》第21条。');
    assert.deepEqual(runs(l, 'markup.inline.raw.string.markdown'), ['`《民法典》第3条`']);
    assert.deepEqual(runs(l, TITLE), ['《数据安全法》']);
    assert.deepEqual(runs(l, ARTICLE), ['第21条']);
  });

  it('colours citations in headings and nothing in fenced code', () => {
    const lines = tokenize(grammar, '## 三、《民法典》第1034条的适用\n```\n同上，第3条\n```');
    assert.deepEqual(runs(lines[0], TITLE), ['《民法典》']);
    assert.deepEqual(runs(lines[0], ARTICLE), ['第1034条']);
    assert.deepEqual(citationScopesIn(lines.slice(1)), []);
  });
});

describe('grammar: scope names', () => {
  it('uses only the documented LexCite scopes', async () => {
    const grammar = await loadHost(tinyHost(false));
    const text = [
      '根据《国务院关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号，以下简称《意见》）第六部分，',
      '《最高人民法院关于适用〈中华人民共和国民法典〉的解释》第十三条第一款第（二）项；同上；前引3。',
    ].join('\n');
    const used = new Set(citationScopesIn(tokenize(grammar, text)).map((entry) => entry.split(':')[0]));
    assert.deepEqual([...used].sort(), [...ALL_SCOPES].sort());
  });
});
