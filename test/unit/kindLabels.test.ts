/**
 * One set of kind labels (core/features/cards.ts kindLabel) for the CLI, hover and completion.
 */
import * as assert from 'node:assert/strict';
import { kindLabel } from '../../server/src/core/features/cards';
import { hoverAt } from '../helpers/atCursor';
import { lexcite } from '../helpers/cli';

describe('kind labels', () => {
  it('lexcite lookup names the kind with the label hover uses', async () => {
    const { code, out } = await lexcite('lookup', '国发〔2025〕11号');
    assert.equal(code, 0);
    assert.match(out, /\n {2}类型：国务院文件 {2}/);
    assert.match(hoverAt('《国务院关于深入实施“人工智能+”行动的意见》第（三‸）项')!, /\n国务院文件 · 国发〔2025〕11号/);
  });

  it('in both languages; a kind from a file that is not a label (even an Object property name) stays as written', () => {
    assert.deepEqual([kindLabel('record', 'zh-cn'), kindLabel('record', 'en')], ['期刊论文', 'journal paper']);
    assert.deepEqual([kindLabel('constructor', 'zh-cn'), kindLabel('__proto__', 'en'), kindLabel('treaty', 'en')], ['constructor', '__proto__', 'treaty']);
  });
});
