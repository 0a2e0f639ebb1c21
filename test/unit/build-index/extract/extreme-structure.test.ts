import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { chunkPage } from '../../../../build-index/chunk/chunk.ts';
import { BUILD_DEFAULTS } from '../../../../build-index/config.ts';
import { allText, html, pageOf } from './helpers.ts';

describe('pages of extreme shape extract completely', () => {
  it('200,000 nested <div>s: the text at the bottom and a heading in the middle are found', () => {
    const n = 200_000;
    const body = `<main data-quarry-weight="2">${'<div>'.repeat(n / 2)}<h2 id="middle">Middle heading</h2>${'<div>'.repeat(n / 2)}<p>deepest sentence here</p>${'</div>'.repeat(n)}<p>after the pile</p></main>`;
    const page = pageOf(extractPage('deep.html', html(body), { selector: null }));
    expect(page.sections.map((s) => [s.heading, s.anchor, s.weight, s.blocks])).toEqual([['Middle heading', 'middle', 2, ['deepest sentence here', 'after the pile']]]);
  });

  it('unclosed nesting to the end of the file (a truncated page)', () => {
    const page = pageOf(extractPage('cut.html', Buffer.from(`<body><main>${'<section><ul><li>'.repeat(30_000)}last words`), { selector: null }));
    expect(page.sections.flatMap((s) => s.blocks)).toEqual(['last words']);
  });

  it('10,000 headings become 10,000 anchored sections and every one reaches a passage', () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `<h3 id="h${i}">Heading ${i}</h3><p>Body ${i}.</p>`).join('');
    const page = pageOf(extractPage('many.html', html(`<main>${body}</main>`), { selector: null }));
    expect(page.sections).toHaveLength(10_000);
    expect(page.sections[9_999]).toMatchObject({ heading: 'Heading 9999', anchor: 'h9999', blocks: ['Body 9999.'] });
    // Each heading has an anchor of its own, so each is an entry and its own passage however short.
    const passages = chunkPage(page, BUILD_DEFAULTS);
    expect(passages).toHaveLength(10_000);
    for (const i of [0, 1, 4_321, 9_999]) expect(passages[i]).toMatchObject({ anchor: `h${i}`, breadcrumb: [`Heading ${i}`], text: `Body ${i}.` });
  });

  it('script markup inside <title> is the title text, as browsers read it, and scripts elsewhere are dropped', () => {
    const bytes = Buffer.from(
      '<html><head><title><script>alert(1)</script>Real title</title><script>var t = "<title>Fake</title>";</script></head>' +
        '<body><p>Body words.</p><script>document.title = "injected"</script></body></html>',
    );
    const page = pageOf(extractPage('t.html', bytes, { selector: null }));
    expect(page.title).toBe('<script>alert(1)</script>Real title');
    expect(allText(page)).toBe('\nBody words.');
  });

  it('a Japanese page with non-ASCII heading ids keeps them as anchors', () => {
    const page = pageOf(
      extractPage('ja.html', Buffer.from('<html lang="ja"><body><main><h1 id="概要">概要</h1><p>全文検索は便利です。</p><h2 id="設定 方法">設定方法</h2><p>設定ファイルを編集します。</p></main></body></html>'), { selector: null }),
    );
    expect(page.lang).toBe('ja');
    expect(page.sections.map((s) => [s.anchor, s.blocks])).toEqual([
      ['概要', ['全文検索は便利です。']],
      ['設定 方法', ['設定ファイルを編集します。']],
    ]);
  });

  it('an Arabic page without markup beyond paragraphs', () => {
    const page = pageOf(extractPage('ar.html', Buffer.from('<html lang="ar" dir="rtl"><body><p>قاعدة البيانات</p><p>تثبيت الخادم</p></body></html>'), { selector: null }));
    expect(page.sections[0].blocks).toEqual(['قاعدة البيانات', 'تثبيت الخادم']);
    expect(page.title).toBe('Ar');
  });
});
