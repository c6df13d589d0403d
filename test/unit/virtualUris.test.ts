/**
 * lexcite: URIs name the work (the editor titles a tab by the URI's last segment) and identify it by id alone.
 */
import * as assert from 'node:assert/strict';
import { parseVirtualUri, virtualUri } from '../../server/src/core/features/virtualDocuments';
import { CitationService } from '../../server/src/core/service';
import { resolveSettings } from '../../server/src/core/settings';
import { bulletinCorpus } from '../helpers/corpus';

/** The tab title VS Code shows: the decoded last path segment. */
const tabTitle = (uri: string) => decodeURIComponent(uri.split('/').pop()!);

describe('lexcite: URIs', () => {
  it('end with the work’s title; the id before it finds the entry, with or without the title', () => {
    const uri = virtualUri({ type: 'document', id: 'xm-data-industry-measures', title: '厦门市促进数据产业高质量发展若干措施' });
    assert.equal(tabTitle(uri), '厦门市促进数据产业高质量发展若干措施.md');
    assert.deepEqual(parseVirtualUri(uri), { type: 'document', id: 'xm-data-industry-measures' });
    assert.deepEqual(parseVirtualUri('lexcite:/documents/xm-data-industry-measures.md'), { type: 'document', id: 'xm-data-industry-measures' });
    const service = new CitationService(bulletinCorpus());
    const settings = resolveSettings(undefined);
    const text = service.virtualDocument(uri, settings);
    assert.match(text!, /^# 厦门市促进数据产业高质量发展若干措施\n/);
    assert.equal(service.virtualDocument('lexcite:/documents/xm-data-industry-measures/任意名称.md', settings), text);
  });

  it('a title with separators or control characters stays one path segment', () => {
    const uri = virtualUri({ type: 'record', id: 'a/b', title: '甲/乙?丙#丁%\u0000戊\\己' });
    assert.equal(uri.split('/').length, 4, uri);
    assert.equal(tabTitle(uri), '甲 乙 丙 丁 戊 己.md');
    assert.deepEqual(parseVirtualUri(uri), { type: 'record', id: 'a/b' });
    assert.equal(parseVirtualUri('lexcite:/records/%E0%A4%A.md'), undefined);
  });
});
