/** Blocks a site repeats on most pages (banner slogans, footers) are the site's, not any page's. */
import { describe, expect, it } from 'vitest';
import { removeRepeatedBlocks } from '../../../../build-index/extract/site-boilerplate.ts';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { allText, html, pageOf } from './helpers.ts';

// SQLite's hand-written pages: no content container, a slogan under the logo, a per-page body.
const sqlitePage = (name: string, text: string) =>
  pageOf(extractPage(`${name}.html`, html(`<div class="nosearch"><div class="tagline">Small. Fast. Reliable.<br>Choose any three.</div></div><h1>${name}</h1><p>${text}</p><p>See also the FAQ.</p>`, `<title>${name}</title>`), { selector: null }));

describe('removeRepeatedBlocks', () => {
  it('drops a block found on most pages and reports it, keeps blocks a few pages share', () => {
    const pages = [
      sqlitePage('Autoincrement', 'The AUTOINCREMENT keyword imposes extra CPU, memory and disk overhead.'),
      sqlitePage('Datatypes', 'SQLite uses a more general dynamic type system.'),
      sqlitePage('Locking', 'SQLite uses POSIX advisory locks on Unix.'),
      sqlitePage('WAL', 'The write-ahead log is an alternative to the rollback journal.'),
    ];
    // Two pages of four share "See also the FAQ.": below the site-wide threshold (3 pages here).
    for (const p of pages.slice(2)) for (const s of p.sections) s.blocks = s.blocks.filter((b) => b !== 'See also the FAQ.');
    const r = removeRepeatedBlocks(pages);
    expect(r.top).toEqual([{ text: 'Small. Fast. Reliable. Choose any three.', pages: 4 }]);
    expect(allText(pages[0])).toContain('See also the FAQ.');
    for (const p of pages) expect(allText(p)).not.toContain('Choose any three');
    expect(allText(pages[0])).toContain('AUTOINCREMENT keyword');
    expect(pages[0].diagnostics?.dropped).toContainEqual({ reason: 'repeated', words: 6, sample: 'Small. Fast. Reliable. Choose any three.' });
  });

  it('changes nothing on a site of two pages (too few to tell the site from a page)', () => {
    const pages = [sqlitePage('A', 'Alpha text here.'), sqlitePage('B', 'Beta text here.')];
    expect(removeRepeatedBlocks(pages).blocks).toBe(0);
    expect(allText(pages[0])).toContain('Choose any three');
  });
});
