import { describe, expect, it } from 'vitest';
import { DuplicateFilter, extractPage, type ExtractedPage } from '../../../../build-index/extract/extract.ts';
import { html, pageOf } from './helpers.ts';

function page(file: string, body: string, head = ''): ExtractedPage {
  return pageOf(extractPage(file, html(body, head), { selector: null }));
}

/** The files a build keeps, and the warning for each one it drops. */
function dedupe(files: Array<[string, ExtractedPage]>): { kept: string[]; dropped: Record<string, string> } {
  const seen = new DuplicateFilter();
  const kept: string[] = [];
  const dropped: Record<string, string> = {};
  for (const [file, p] of files) {
    const why = seen.check(file, p);
    if (why === null) kept.push(file);
    else dropped[file] = why;
  }
  return { kept, dropped };
}

describe('DuplicateFilter: duplicates are decided on content, never on file-name tricks', () => {
  it('"page #1.html" and "page #2.html" are two pages', () => {
    const r = dedupe([
      ['page #1.html', page('page #1.html', '<h1>Part one</h1><p>First half of the story.</p>')],
      ['page #2.html', page('page #2.html', '<h1>Part two</h1><p>Second half of the story.</p>')],
      ['page?x.html', page('page?x.html', '<h1>Part three</h1><p>A query-looking name.</p>')],
      ['page?y.html', page('page?y.html', '<h1>Part four</h1><p>Another query-looking name.</p>')],
    ]);
    expect(r).toEqual({ kept: ['page #1.html', 'page #2.html', 'page?x.html', 'page?y.html'], dropped: {} });
  });

  it('relative canonicals resolve against the real (encoded) path, so folders with "#" do not collide', () => {
    const r = dedupe([
      ['v #1/a.html', page('v #1/a.html', '<p>Version one text.</p>', '<link rel="canonical" href="a.html">')],
      ['v #2/a.html', page('v #2/a.html', '<p>Version two text.</p>', '<link rel="canonical" href="a.html">')],
    ]);
    expect(r.kept).toEqual(['v #1/a.html', 'v #2/a.html']);
  });

  it('the same canonical URL is one document, whatever the text; the copy names the original', () => {
    const r = dedupe([
      ['latest/upgrade.html', page('latest/upgrade.html', '<p>Back up first.</p>', '<link rel="canonical" href="https://docs.example.com/upgrade/">')],
      ['v2/upgrade.html', page('v2/upgrade.html', '<p>Back up first (v2).</p>', '<link rel="canonical" href="https://docs.example.com/upgrade/index.html#top">')],
    ]);
    expect(r).toEqual({ kept: ['latest/upgrade.html'], dropped: { 'v2/upgrade.html': 'duplicate of latest/upgrade.html (same canonical URL)' } });
  });

  it('identical extracted text under two names is one page', () => {
    const body = '<h1>Install</h1><p>Run the installer.</p>';
    const r = dedupe([
      ['install.html', page('install.html', body)],
      ['install copy.html', page('install copy.html', `<nav>other chrome</nav>${body}`)],
      ['setup.html', page('setup.html', '<h1>Install</h1><p>Run the installer twice.</p>')],
    ]);
    expect(r).toEqual({ kept: ['install.html', 'setup.html'], dropped: { 'install copy.html': 'duplicate of install.html (same content)' } });
  });

  it('text moved between a heading and a paragraph is different content', () => {
    const r = dedupe([
      ['a.html', page('a.html', '<h2>Alpha beta</h2><p>gamma</p>')],
      ['b.html', page('b.html', '<h2>Alpha</h2><p>beta gamma</p>')],
    ]);
    expect(r.kept).toEqual(['a.html', 'b.html']);
  });

  it('a malformed canonical never throws', () => {
    expect(dedupe([['a.html', page('a.html', '<p>x</p>', '<link rel="canonical" href="http://[bad">')]]).kept).toEqual(['a.html']);
  });
});
