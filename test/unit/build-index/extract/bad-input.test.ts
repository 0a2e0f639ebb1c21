import { describe, expect, it } from 'vitest';
import { extractPage, DuplicateFilter } from '../../../../build-index/extract/extract.ts';
import { chunkPage } from '../../../../build-index/chunk/chunk.ts';
import { countWords } from '../../../../build-index/chunk/words.ts';
import { allText, extractFixture, pageOf } from './helpers.ts';

function skipReason(rel: string): string[] {
  const r = extractFixture(rel);
  expect(r.kind).toBe('skip');
  for (const w of r.warnings) expect(w.file).toBe(rel);
  return r.warnings.map((w) => w.reason);
}

describe('bad input never throws and says why', () => {
  it('binary file named .html', () => {
    expect(skipReason('bad/binary.html')).toEqual(['binary file']);
  });

  it('empty and whitespace-only pages', () => {
    expect(skipReason('bad/empty.html')).toEqual(['empty file']);
    expect(skipReason('bad/whitespace-only.html')).toEqual(['no text content']);
  });

  it('invalid UTF-8 is decoded with replacement characters and a warning', () => {
    const r = extractFixture('bad/invalid-utf8.html');
    expect(r.warnings).toEqual([{ file: 'bad/invalid-utf8.html', reason: 'invalid UTF-8, decoded with replacement characters' }]);
    expect(allText(pageOf(r))).toContain('still readable text');
  });

  it('a declared latin-1 charset is honoured', () => {
    const page = pageOf(extractFixture('bad/latin1.html'));
    expect(page.title).toBe('Crème brûlée');
    expect(allText(page)).toContain('Señor García préfère le café.');
  });

  it('a page without headings becomes one level-0 section with its paragraphs separated', () => {
    const page = pageOf(extractFixture('bad/no-headings.html'));
    expect(page.title).toBe('Release notes archive');
    expect(page.sections).toHaveLength(1);
    expect(page.sections[0]).toMatchObject({ level: 0, heading: '', anchor: '', path: [] });
    expect(page.sections[0].blocks).toEqual([
      'Older release notes are kept for reference.',
      'Version 0.9 removed the legacy importer.',
      'Version 0.8 added a progress bar and colour output',
    ]);
  });

  it('duplicate ids: the first keeps the anchor, later ones fall back, one warning', () => {
    const r = extractFixture('bad/duplicate-ids.html');
    expect(r.warnings).toEqual([{ file: 'bad/duplicate-ids.html', reason: 'duplicate id "step"; anchors use the first element with each id' }]);
    expect(pageOf(r).sections.map((s) => [s.heading, s.anchor])).toEqual([
      ['Setup', 'setup'],
      ['Step one', 'step'],
      ['Step two', 'step'],
      ['Step three', 'step'],
    ]);
  });

  it('CJK text counts characters as words so chunks stay bounded', () => {
    const page = pageOf(extractFixture('bad/cjk.html'));
    expect(page.title).toBe('快速入门');
    expect(page.lang).toBe('zh-CN');
    const words = countWords(page.sections[0].blocks[0]);
    expect(words).toBeGreaterThan(60);
    const long = { ...page, sections: [{ ...page.sections[0], blocks: [page.sections[0].blocks[0].repeat(20)] }] };
    for (const p of chunkPage(long, { chunkWords: 200, overlapWords: 35, minWords: 50 })) {
      expect(p.words).toBeLessThanOrEqual(300);
      expect(p.text.length).toBeLessThan(600);
    }
  });

  it('right-to-left text keeps its order and headings', () => {
    const page = pageOf(extractFixture('bad/rtl.html'));
    expect(page.title).toBe('دليل التثبيت');
    expect(page.lang).toBe('ar');
    expect(page.sections.map((s) => s.anchor)).toEqual(['install', 'hebrew']);
    expect(page.sections[1].blocks[0]).toBe('מדריך זה מסביר כיצד להתקין את מסד הנתונים ולהגדיר אותו בשרת.');
  });

  it('noindex and meta-refresh pages are skipped with their reason', () => {
    expect(skipReason('bad/noindex.html')).toEqual(['noindex']);
    expect(skipReason('bad/redirect.html')).toEqual(['redirect (meta refresh to ../plain/index.html)']);
  });

  it('pages sharing a canonical URL are one document, and the copy names the original', () => {
    const seen = new DuplicateFilter();
    expect(seen.check('bad/canonical-a.html', pageOf(extractFixture('bad/canonical-a.html')))).toBeNull();
    expect(seen.check('bad/canonical-b.html', pageOf(extractFixture('bad/canonical-b.html')))).toBe('duplicate of bad/canonical-a.html (same canonical URL)');
  });

  it('unclosed and broken markup still yields sensible text', () => {
    const page = pageOf(extractFixture('bad/unclosed.html'));
    expect(page.title).toBe('Broken markup');
    expect(page.sections[0].anchor).toBe('top');
    expect(page.sections[0].blocks).toEqual([
      'First paragraph bold never closed',
      'Second paragraph',
      'cell one | cell two',
      'row two',
      'item one',
      'item two',
      'deep',
    ]);
  });

  it('Markdown: front matter, explicit ids, slugs, fenced code, lists', () => {
    const r = extractFixture('bad/notes.md');
    const page = pageOf(r);
    expect(page.title).toBe('Release notes');
    expect(page.sections.map((s) => [s.level, s.heading, s.anchor])).toEqual([
      [1, 'Release notes', 'notes'],
      [2, 'Breaking changes', 'breaking-changes'],
      [2, 'Breaking changes', 'breaking-changes-1'],
    ]);
    expect(page.sections[0].blocks).toEqual(['Version 2.0 brings a new storage engine.']);
    expect(page.sections[1].blocks).toEqual(['The --legacy flag was removed.', 'Config key cache_dir moved to paths.cache.', 'tern migrate --from 1.x']);
  });

  it('a 10 MB page is extracted quickly and chunked within bounds', () => {
    const para = '<p>The quick brown fox jumps over the lazy dog while the cache warms up. </p>';
    const parts: string[] = ['<!doctype html><html><head><title>Huge</title></head><body><main><h1 id="huge">Huge</h1>'];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const s = i % 200 === 0 ? `<h2 id="s${i}">Section ${i}</h2>` : i % 50 === 0 ? `<pre>line ${i}\n  code();</pre>` : para;
      parts.push(s);
      size += s.length;
    }
    const bytes = Buffer.from(parts.join(''));
    const t0 = performance.now();
    const r = extractPage('huge.html', bytes, { selector: null });
    const page = pageOf(r);
    const passages = chunkPage(page, { chunkWords: 200, overlapWords: 35, minWords: 50 });
    const ms = performance.now() - t0;
    expect(page.sections.length).toBeGreaterThan(500);
    expect(Math.max(...passages.map((p) => p.words))).toBeLessThanOrEqual(300);
    expect(ms).toBeLessThan(15_000);
  });

  it('one giant paragraph without any markup is split, not kept as one passage', () => {
    const text = 'word '.repeat(50_000);
    const page = pageOf(extractPage('giant.html', Buffer.from(`<p>${text}</p>`), { selector: null }));
    const passages = chunkPage(page, { chunkWords: 200, overlapWords: 35, minWords: 50 });
    expect(passages.length).toBeGreaterThan(200);
    expect(Math.max(...passages.map((p) => p.words))).toBeLessThanOrEqual(300);
  });

  it('bad data-quarry-weight values are ignored with a warning', () => {
    const r = extractPage('w.html', Buffer.from('<main data-quarry-weight="heavy"><h1>W</h1><p>text</p></main>'), { selector: null });
    expect(r.warnings.map((w) => w.reason)).toEqual(['data-quarry-weight "heavy" is not a non-negative number, ignored']);
    expect(pageOf(r).weight).toBe(1);
  });
});
