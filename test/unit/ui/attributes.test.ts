import { describe, expect, it } from 'vitest';
import { readConfig, onceWarner, resolveHref, siteRoot, withTrailingSlash } from '../../../src/ui/attributes.ts';

const reader = (attrs: Record<string, string>) => (n: string) => (n in attrs ? attrs[n] : null);

describe('readConfig', () => {
  it('has sensible defaults', () => {
    const warnings: string[] = [];
    const c = readConfig(reader({}), {}, (m) => warnings.push(m));
    expect(c).toEqual({ index: null, baseUrl: null, theme: 'auto', placeholder: 'Search docs', k: undefined, mode: 'hybrid', hotkey: 'k', noTrigger: false, noRecent: false });
    expect(warnings).toEqual([]);
  });

  it('reads valid values (case-insensitive enums, trailing slash on index)', () => {
    const c = readConfig(
      reader({ index: './search', theme: 'Dark', mode: 'LEXICAL', k: '7', hotkey: 'J', placeholder: ' Find ', 'no-trigger': '', 'no-recent': '', 'base-url': '/docs' }),
      {},
      () => {},
    );
    expect(c).toEqual({ index: './search/', baseUrl: '/docs', theme: 'dark', placeholder: 'Find', k: 7, mode: 'lexical', hotkey: 'j', noTrigger: true, noRecent: true });
  });

  it('falls back to the default index URL option', () => {
    expect(readConfig(reader({}), { indexUrl: 'https://x.test/_quarry' }, () => {}).index).toBe('https://x.test/_quarry/');
  });

  it('warns naming the attribute and the allowed values', () => {
    const warnings: string[] = [];
    const c = readConfig(reader({ theme: 'blue', mode: 'x', k: '1.5', hotkey: 'ctrl+k' }), {}, (m) => warnings.push(m));
    expect(c.theme).toBe('auto');
    expect(c.mode).toBe('hybrid');
    expect(c.k).toBeUndefined();
    expect(c.hotkey).toBe('k');
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toMatch(/"theme" must be one of auto, light, dark; got "blue"/);
    expect(warnings[1]).toMatch(/"mode" must be one of hybrid, lexical, dense; got "x"/);
    expect(warnings[2]).toMatch(/"k" must be an integer from 1 to 100/);
    expect(warnings[3]).toMatch(/"hotkey" must be a single letter or digit/);
  });

  it('onceWarner prints each message once', () => {
    const out: string[] = [];
    const w = onceWarner((m) => out.push(m));
    w('a');
    w('a');
    w('b');
    expect(out).toEqual(['a', 'b']);
  });
});

describe('URLs', () => {
  it('withTrailingSlash keeps query/hash', () => {
    expect(withTrailingSlash('/a')).toBe('/a/');
    expect(withTrailingSlash('/a/')).toBe('/a/');
    expect(withTrailingSlash('/a?v=1')).toBe('/a/?v=1');
  });

  it('site root: base-url > client baseUrl > parent of the index folder', () => {
    const doc = 'https://example.com/docs/v2/guide/page.html';
    expect(siteRoot({ index: '/docs/v2/_quarry/', baseUrl: null }, undefined, doc).href).toBe('https://example.com/docs/v2/');
    expect(siteRoot({ index: '../_quarry', baseUrl: null }, undefined, doc).href).toBe('https://example.com/docs/v2/');
    expect(siteRoot({ index: '/x/', baseUrl: null }, 'https://cdn.test/site', doc).href).toBe('https://cdn.test/site/');
    expect(siteRoot({ index: '/x/', baseUrl: '/root' }, 'https://cdn.test/site', doc).href).toBe('https://example.com/root/');
  });

  it('resolveHref: relative and root-relative hrefs stay under the site root; only http(s)', () => {
    const root = new URL('https://example.com/docs/');
    expect(resolveHref('guide/a.html#x', root)?.href).toBe('https://example.com/docs/guide/a.html#x');
    expect(resolveHref('/guide/a.html', root)?.href).toBe('https://example.com/docs/guide/a.html');
    expect(resolveHref('https://other.test/p', root)?.href).toBe('https://other.test/p');
    expect(resolveHref('javascript:alert(1)', root)).toBeNull();
    expect(resolveHref('JaVaScRiPt:alert(1)', root)).toBeNull();
    expect(resolveHref('data:text/html,<script>alert(1)</script>', root)).toBeNull();
  });

  it('resolveHref keeps a text fragment (the answer card scrolls to its sentence with it)', () => {
    const root = new URL('https://example.com/docs/');
    expect(resolveHref('faq.html#cache:~:text=The%20cache%20holds,-%2C%20then', root)?.href).toBe('https://example.com/docs/faq.html#cache:~:text=The%20cache%20holds,-%2C%20then');
    expect(resolveHref('/faq.html#:~:text=only%20text', root)?.hash).toBe('#:~:text=only%20text');
  });
});
