/**
 * Django's Sphinx docs as Debian ships them (test/fixtures/sites/real-django-pages,
 * cut from python-django-doc 3.2.25): a banner <h1> on every page, a global
 * nav, « previous | up | next », a navigation sidebar with the page's table of
 * contents, "Last update:", an in-page "Contents" list, and the module index.
 * Passage-level API-entry behaviour is in ../chunk/real-entries.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { passagesOn, passagesWith, readFixtureSite, type FixtureSite } from './helpers.ts';

let site: FixtureSite;
beforeAll(async () => {
  site = await readFixtureSite('real-django-pages/');
});

/** The three content pages; the module index has a test of its own below. */
const CONTENT_PAGES = ['faq/admin.html', 'ref/paginator.html', 'ref/settings.html'];

describe('Django: banner, nav and tables of contents', () => {
  it('the banner h1 is not the title: each page is titled by its own h1', () => {
    const titles = Object.fromEntries(CONTENT_PAGES.map((url) => [url, [...new Set(passagesOn(site, url).map((p) => p.title))]]));
    expect(titles).toEqual({
      'faq/admin.html': ['FAQ: The admin'],
      'ref/paginator.html': ['Paginator'],
      'ref/settings.html': ['Settings'],
    });
  });

  it('no passage holds the banner, the global nav, « previous | up | next », the sidebar or "Last update:"', () => {
    const passages = site.passages.filter((p) => CONTENT_PAGES.includes(p.url));
    expect(passages.length).toBeGreaterThan(0);
    const text = passages.map((p) => [...p.breadcrumb, p.text].join('\n')).join('\n');
    for (const chrome of ['Django 3.2.25 documentation', 'Table of contents', 'Table of Contents', '« previous', 'next »', 'Previous topic', 'Next topic', 'Quick search', 'Last update', 'May 26, 2026']) {
      expect(text, chrome).not.toContain(chrome);
    }
  });

  it('the in-page "Contents" list of Settings is not content; the sections it lists are', () => {
    const settings = passagesOn(site, 'ref/settings.html');
    const text = settings.map((p) => p.text).join('\n');
    // Entries of the list that are not section titles of this cut: only the list has them.
    for (const entry of ['Core Settings Topical Index', 'Static Files', 'Messages']) expect(text, entry).not.toContain(entry);
    expect(passagesWith(settings, 'Here’s a list of settings available in Django core').map((p) => p.anchor)).toEqual(['s-core-settings']);
  });
});

describe('Django: index pages', () => {
  // py-modindex.html is a table of 147 module links with one-line
  // descriptions: 48% of its text is link text, just under the index-page
  // link share (50%). Indexed, it is four passages of module names, plus one
  // "up" under "Last update:" (its footer nav has no previous/next, so the
  // site-level pass does not recognise it).
  it('the Python module index is skipped as an index page, with a warning naming it', () => {
    expect(site.warnings.filter((w) => w.file === 'py-modindex.html').map((w) => w.reason)).toEqual([expect.stringMatching(/index page/)]);
    expect(passagesOn(site, 'py-modindex.html')).toEqual([]);
  });
});
