/**
 * One vocabulary of diagnostics: the table in core/checks/diagnosticCodes.ts is what package.json's settings schema
 * offers and what README's Diagnostics table documents, code for code and level for level.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../../server/src/core/checks/context';
import { DIAGNOSTIC_TABLE } from '../../server/src/core/checks/diagnosticCodes';
import { t } from '../../server/src/core/text/messages';
import { REPO_ROOT } from '../helpers/corpus';

const tableLevels = new Map(Object.entries(DIAGNOSTIC_TABLE).map(([code, info]) => [code, info.level as string]));

describe('diagnostic codes: one table', () => {
  it('every code has a one-line description', () => {
    for (const [code, { description }] of Object.entries(DIAGNOSTIC_TABLE)) {
      assert.match(code, /^[a-z]+\.[a-z-]+$/, code);
      assert.ok(description.length > 10 && !description.includes('\n'), `${code}: ${description}`);
    }
  });

  it('package.json lists every code, with its default level and description, and no other', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const schema = manifest.contributes.configuration.properties['lexcite.diagnostics'].properties as Record<string, { enum: string[]; default: string; description: string }>;
    // A description is the table's, written out or as a %key% of package.nls.json (translated in package.nls.zh-cn.json).
    const nls = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const english = (description: string) => description.replace(/^%([^%]+)%$/, (_, key: string) => nls[key] ?? description);
    assert.deepEqual(Object.keys(schema), Object.keys(DIAGNOSTIC_TABLE));
    for (const [code, property] of Object.entries(schema)) {
      const info = DIAGNOSTIC_TABLE[code as keyof typeof DIAGNOSTIC_TABLE];
      assert.deepEqual(property.enum, ['ignore', 'hint', 'warning', 'error'], code);
      assert.equal(property.default, info.level, code);
      assert.equal(english(property.description), info.description, code);
    }
  });

  it("README's Diagnostics table documents every code at its default level, and no other", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Diagnostics\n'), readme.indexOf('\n## ', readme.indexOf('\n## Diagnostics\n') + 1));
    const documented = new Map<string, string>();
    for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
      const [codes, level] = row.split('|').slice(1, 3).map((cell) => cell.trim());
      for (const [, code] of codes.matchAll(/`([^`]+)`/g)) {
        assert.ok(!documented.has(code), `${code} is documented twice`);
        documented.set(code, level);
      }
    }
    assert.deepEqual(new Map([...documented].sort()), new Map([...tableLevels].sort()));
  });
});

describe('diagnostic codes and message keys are checked by the compiler', () => {
  it('a finding with a code outside the table, or a message key outside the Chinese table, does not compile', () => {
    // @ts-expect-error — not a code in DIAGNOSTIC_TABLE
    const finding: Finding = { code: 'title.misspelled', start: 0, end: 1, message: '' };
    // @ts-expect-error — not a key of the message tables
    const unknown = () => t('en', 'title.misspelled');
    assert.equal(finding.start, 0);
    assert.equal(typeof unknown, 'function');
    assert.equal(t('en', 'footnote.unused', { label: '9' }), 'Footnote [^9] is defined but never referenced');
    assert.equal(t('zh-cn', 'footnote.unused', { label: '9' }), '脚注[^9]已定义但正文未引用');
  });
});
