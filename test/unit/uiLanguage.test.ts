/**
 * The VS Code interface in one language at a time: every string the client shows and every %key% of the manifest
 * exists in English and in Chinese, the Chinese has no English sentence or internal id in it, and the English no
 * Chinese label (Chinese titles of works and house styles are data, quoted in 《》 or as setting values).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DIAGNOSTIC_TABLE } from '../../server/src/core/checks/diagnosticCodes';
import { checkName } from '../../server/src/core/text/checkNames';
import { REPO_ROOT } from '../helpers/corpus';

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
const json = (file: string) => JSON.parse(read(file)) as Record<string, string>;

/** The strings passed to vscode.l10n.t in the client. */
function clientStrings(): Set<string> {
  const source = read('client/src/extension.ts');
  return new Set([...source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'")));
}

/** Text a reader sees, without Markdown code spans, links' targets, 《titles》 and the house styles' names. */
function visibleWords(text: string): string {
  return text.replace(/`[^`]*`/g, '').replace(/\]\([^)]*\)/g, ']').replace(/《[^》]*》/g, '').replace(/法学引注手册|法学研究|中国法学/g, '');
}

describe('the interface in one language', () => {
  it('every client string has a Chinese translation, and the bundle holds no string the client no longer shows', () => {
    const bundle = json('l10n/bundle.l10n.zh-cn.json');
    const used = clientStrings();
    assert.ok(used.size > 20, `found ${used.size} strings`);
    assert.deepEqual([...used].filter((s) => !(s in bundle)), [], 'untranslated');
    assert.deepEqual(Object.keys(bundle).filter((s) => !used.has(s)), [], 'unused');
  });

  it('the Chinese client strings name no setting and carry no English word (LexCite, the name, aside)', () => {
    for (const [english, chinese] of Object.entries(json('l10n/bundle.l10n.zh-cn.json'))) {
      const words = visibleWords(chinese).replace(/LexCite|Markdown|JSON|HTML|CSV|PDF|UTF-8|Ansvar|xmscjsjcy|\{\d\}/g, '');
      assert.doesNotMatch(words, /lexcite\.|[A-Za-z]{3,}/, `${english} → ${chinese}`);
    }
  });

  it('every %key% of package.json exists in both manifests’ languages; the Chinese has no English sentence, the English no Chinese label', () => {
    const manifest = read('package.json');
    const keys = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))];
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    assert.deepEqual(keys.filter((k) => !(k in en)), [], 'missing in package.nls.json');
    assert.deepEqual(keys.filter((k) => !(k in zh)), [], 'missing in package.nls.zh-cn.json');
    for (const key of keys) {
      // Setting descriptions name settings' values and codes on purpose; the name is both languages'.
      if (key.startsWith('config.') || key.startsWith('diagnostic.') || key === 'displayName') continue;
      assert.doesNotMatch(visibleWords(zh[key]).replace(/LexCite|Markdown|JSON|Ctrl/g, ''), /[A-Za-z]{4,}/, `${key}: ${zh[key]}`);
      assert.doesNotMatch(visibleWords(en[key]).replace(/文号|第（八）项|同上注|同前注〔n〕/g, ''), /[\u4e00-\u9fff]/, `${key}: ${en[key]}`);
    }
  });

  it('each check’s description in the settings is in Chinese, with no English sentence', () => {
    const zh = json('package.nls.zh-cn.json');
    const keys = Object.keys(json('package.nls.json')).filter((k) => k.startsWith('diagnostic.'));
    assert.ok(keys.length >= 30, `${keys.length} checks`);
    for (const key of keys) assert.doesNotMatch(visibleWords(zh[key]).replace(/GB\/T/g, ''), /[A-Za-z]{3,}/, `${key}: ${zh[key]}`);
  });

  it('the walkthrough’s steps each have a picture that is in the package', () => {
    const manifest = JSON.parse(read('package.json')) as { contributes: { walkthroughs: { steps: { id: string; media: { image: string } }[] }[] } };
    const steps = manifest.contributes.walkthroughs[0].steps;
    assert.deepEqual(steps.map((s) => s.id), ['openSample', 'hover', 'diagnostic', 'report', 'style', 'library']);
    for (const step of steps) assert.ok(fs.existsSync(path.join(REPO_ROOT, step.media.image)), step.media.image);
    assert.match(read('.vscodeignore'), /^!docs\/images\/\*\.png$/m);
    assert.match(read('.vscodeignore'), /^!examples\/sample-paper\.md$/m);
    assert.match(read('.vscodeignore'), /^!examples\/faulty-paper\.md$/m);
    assert.match(read('.vscodeignore'), /^!media\/icon\.png$/m);
    const icon = fs.readFileSync(path.join(REPO_ROOT, 'media', 'icon.png'));
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], 'a 128×128 PNG');
  });
});

describe('checks by name', () => {
  it('every diagnostic code has a name in both languages, for menus (“在此行停用“文号不符”检查”)', () => {
    const missing = Object.keys(DIAGNOSTIC_TABLE).filter((code) => checkName('zh-cn', code) === code || checkName('en', code) === code);
    assert.deepEqual(missing, []);
    assert.equal(checkName('zh-cn', 'docnumber.mismatch'), '文号不符');
    assert.equal(checkName('en', 'docnumber.mismatch'), '文号 of another document');
    assert.equal(checkName('zh-cn', '__proto__'), '__proto__');
    assert.equal(checkName('zh-cn', 'constructor'), 'constructor');
  });
});
