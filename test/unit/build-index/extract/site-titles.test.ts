import { readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkPage } from '../../../../build-index/chunk/chunk.ts';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { SiteTitles } from '../../../../build-index/extract/site-titles.ts';
import type { ExtractedPage } from '../../../../build-index/extract/types.ts';
import type { Passage } from '../../../../src/core/format/docs.ts';
import { extractFixture, html, pageOf, SITES } from './helpers.ts';

function files(dir: string, rel = ''): string[] {
  return readdirSync(SITES + dir + rel).sort().flatMap((n) => (statSync(SITES + dir + rel + n).isDirectory() ? files(dir, `${rel}${n}/`) : [rel + n]));
}

/** Extracts, chunks and runs the site pass as `quarry build` does; returns url → title and the passages. */
function buildTitles(pages: ExtractedPage[]) {
  const titles = new SiteTitles();
  const passages: Passage[] = [];
  for (const page of pages) {
    titles.note(page);
    passages.push(...chunkPage(page, { chunkWords: 200, overlapWords: 35, minWords: 50 }));
  }
  const result = titles.apply(passages);
  return { result, passages, byUrl: Object.fromEntries(passages.map((p) => [p.url, p.title])) };
}

const site = (dir: string) => buildTitles(files(dir).map((f) => ({ ...pageOf(extractFixture(dir + f)), url: f })));
const page = (url: string, title: string, body = `<h2>About ${url}</h2><p>Some text about ${url}.</p>`) =>
  ({ ...pageOf(extractPage(url, html(body, `<title>${title}</title>`), { selector: null })), url });

describe('site-level titles', () => {
  it('Django: the banner h1 gives way to the <title> without its " — Django 3.2.25 documentation" suffix', () => {
    const { byUrl, passages, result } = site('real-django/');
    expect(byUrl).toEqual({
      'faq/admin.html': 'FAQ: The admin',
      'ref/models/fields.html': 'Model field reference',
      'ref/settings.html': 'Settings',
      'topics/db/transactions.html': 'Database transactions',
    });
    expect(result.shared).toBeNull();
    expect(passages.flatMap((p) => p.breadcrumb).filter((b) => b.includes('Django 3.2.25'))).toEqual([]);
  });

  it('MkDocs: pages keep their distinct h1 titles', () => {
    const { byUrl, result } = site('real-mkdocs/');
    expect(byUrl).toEqual({
      'getting-started.html': 'Getting Started with MkDocs',
      'user-guide/configuration.html': 'Configuration',
      'user-guide/writing-your-docs.html': 'Writing Your Docs',
    });
    expect(result.shared).toBeNull();
  });

  it('strips a site prefix that the per-page rule cannot see ("Acme Docs: Timers")', () => {
    const { byUrl, result } = buildTitles(['Timers', 'Streams', 'File system', 'Events'].map((t, i) => page(`p${i}.html`, `Acme Docs: ${t}`)));
    expect(Object.values(byUrl)).toEqual(['Timers', 'Streams', 'File system', 'Events']);
    expect(result.cleaned).toBe(4);
  });

  it('strips a site prefix that the per-page rule mistook for the title ("Acme | Timers")', () => {
    const { byUrl } = buildTitles(['Timers', 'Streams', 'File system'].map((t, i) => page(`p${i}.html`, `Acme | ${t}`)));
    expect(Object.values(byUrl)).toEqual(['Timers', 'Streams', 'File system']);
  });

  it('leaves titles that share a word without a separator alone', () => {
    const tags = ['SQLite Backup API', 'SQLite Foreign Key Support', 'SQLite Query Planner', 'SQLite Keywords'];
    const { byUrl, result } = buildTitles(tags.map((t, i) => page(`p${i}.html`, t)));
    expect(Object.values(byUrl)).toEqual(tags);
    expect(result).toEqual({ cleaned: 0, shared: null });
  });

  it('leaves a 2-page site alone', () => {
    const { byUrl } = buildTitles([page('a.html', 'Acme Docs: Timers'), page('b.html', 'Acme Docs: Streams')]);
    expect(Object.values(byUrl)).toEqual(['Acme Docs: Timers', 'Acme Docs: Streams']);
  });

  it('never empties a title that is only the site name, and reports titles still shared', () => {
    const same = 'SFML - Simple and Fast Multimedia Library';
    const body = '<h2>Public Member Functions</h2><p>Some member text.</p>';
    const { byUrl, result } = buildTitles([0, 1, 2, 3].map((i) => page(`p${i}.html`, same, body)));
    expect(Object.values(byUrl).every((t) => t.length > 0)).toBe(true);
    expect(result.shared).toMatchObject({ pages: 4, of: 4 });
  });

  it('takes the first distinctive heading when neither the h1 nor the <title> names the page', () => {
    const same = 'SFML - Simple and Fast Multimedia Library';
    const body = (n: string) => `<h1>SFML 2.5.1</h1><h2>Detailed Description</h2><h2>${n}</h2><p>Text about ${n}.</p>`;
    const { byUrl } = buildTitles(['sf::Sound', 'sf::Window', 'sf::Clock'].map((n, i) => page(`p${i}.html`, same, body(n))));
    expect(Object.values(byUrl)).toEqual(['sf::Sound', 'sf::Window', 'sf::Clock']);
  });

  it('pages whose first h1 is a numbered section ("1. Overview", as on 43 SQLite pages) take their unique <title>', () => {
    const pages = ['Pointer Passing Interfaces', 'The Carray() Table-Valued Function', 'The Checksum VFS Shim', 'Atomic Commit In SQLite'].map((t, i) =>
      page(`p${i}.html`, t, `<h1>${i < 3 ? '1. Overview' : '1. Introduction'}</h1><p>Text of page ${i}.</p>`),
    );
    const { byUrl } = buildTitles([...pages, page('p4.html', 'Another Intro', '<h1>1. Introduction</h1><p>Text of page 4.</p>'), page('p5.html', 'Datatypes', '<h1>Datatypes In SQLite</h1><p>Text.</p>')]);
    expect(Object.values(byUrl)).toEqual(['Pointer Passing Interfaces', 'The Carray() Table-Valued Function', 'The Checksum VFS Shim', 'Atomic Commit In SQLite', 'Another Intro', 'Datatypes In SQLite']);
  });
});
