import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFragment, encodePath, passageHref } from '../../../../src/core/format/url.ts';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { chunkPage } from '../../../../build-index/chunk/chunk.ts';
import { BUILD_DEFAULTS } from '../../../../build-index/config.ts';
import { resolveHref } from '../../../../src/ui/attributes.ts';

const ROOT = new URL('https://docs.example.org/v2/');

/** What the widget navigates to for a stored href: the file path and the element id a browser looks for. */
function landing(href: string): { file: string; id: string } {
  const url = resolveHref(href, ROOT);
  if (!url) throw new Error(`unresolvable href ${href}`);
  expect(url.search).toBe('');
  return { file: decodeURIComponent(url.pathname.slice(ROOT.pathname.length)), id: decodeURIComponent(url.hash.slice(1)) };
}

describe('page URLs and result hrefs round-trip to the real file', () => {
  it('a page named "guide/page #2 (ü).html" links to that file, at the heading id it has', () => {
    const file = 'guide/page #2 (ü).html';
    const html = '<main><h1 id="intro">Intro</h1><p>Alpha text.</p><h2 id="vue d’ensemble">Vue d’ensemble</h2><p>Beta text here.</p></main>';
    const r = extractPage(file, Buffer.from(html), { selector: null });
    if (r.kind !== 'page') throw new Error(JSON.stringify(r.warnings));
    expect(r.page.url).toBe('guide/page%20%232%20(%C3%BC).html');
    const passages = chunkPage(r.page, { ...BUILD_DEFAULTS, minWords: 1 });
    expect(passages.map((p) => p.anchor)).toEqual(['intro', 'vue d’ensemble']);
    for (const p of passages) expect(landing(passageHref(p.url, p.anchor))).toEqual({ file, id: p.anchor });
    expect(passageHref(r.page.url, 'vue d’ensemble')).toBe('guide/page%20%232%20(%C3%BC).html#vue%20d%E2%80%99ensemble');
  });

  it('"?", "%", ":" and "+" in names stay part of the path', () => {
    for (const file of ['a?b.html', '100%.html', 'std::vector.html', 'c++/faq.html', 'x#y/z.html', '%41.html']) {
      expect(landing(encodePath(file)).file).toBe(file);
    }
    expect(encodePath('c++/a,b;c=d@e$f&g.html')).toBe('c++/a,b;c=d@e$f&g.html');
    expect(encodePath('docs/install.html')).toBe('docs/install.html');
  });

  it('ordinary ids stay as they are; only what a URL cannot hold is encoded', () => {
    expect(encodeFragment('os.path.join')).toBe('os.path.join');
    expect(encodeFragment('std::vector')).toBe('std::vector');
    expect(encodeFragment('GUC-MAX-WAL-SIZE')).toBe('GUC-MAX-WAL-SIZE');
    expect(encodeFragment('a b"<c>`%')).toBe('a%20b%22%3Cc%3E%60%25');
    expect(encodeFragment('概要')).toBe('%E6%A6%82%E8%A6%81');
    expect(passageHref('p.html', '')).toBe('p.html');
  });

  it('any file name and id round-trips', () => {
    const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !s.includes('/') && s !== '.' && s !== '..');
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }), (parts, id) => {
        const file = parts.join('/');
        expect(landing(passageHref(encodePath(file), id))).toEqual({ file, id });
      }),
      { numRuns: 300 },
    );
  });
});
