/** HTML page → ExtractedPage: pass 1 (`scanPage`), then pass 2 (`buildSections`). */
import type { ExtractResult, ExtractWarning } from './types.ts';
import type { Matcher } from './selector.ts';
import { scanPage } from './scan.ts';
import { buildSections } from './build.ts';
import { chooseTitle } from './title.ts';
import { encodePath } from '../../src/core/format/url.ts';

/**
 * A page whose content is mostly links (a symbol index, Sphinx's genindex,
 * a list of all members) is navigation: its entries are indexed where they
 * are documented, and as results they would crowd out those pages.
 */
const INDEX_PAGE_LINK_SHARE = 0.5;
const INDEX_PAGE_MIN_LINKS = 20;

export function extractHtml(relPath: string, html: string, selector: Matcher | null, warnings: ExtractWarning[]): ExtractResult {
  const warn = (reason: string) => warnings.push({ file: relPath, reason });
  const scan = scanPage(html, selector, relPath);
  if (scan.noindex) {
    warn('noindex');
    return { kind: 'skip', warnings };
  }
  if (scan.redirect !== null) {
    warn(`redirect (meta refresh to ${scan.redirect})`);
    return { kind: 'skip', warnings };
  }
  if (selector && scan.containerRule !== 'selector' && scan.containerRule !== 'data-quarry-body') {
    warn(`selector matched nothing, used ${scan.containerRule} content instead`);
  }
  const { text, link, links } = scan.content;
  if (links >= INDEX_PAGE_MIN_LINKS && link >= text * INDEX_PAGE_LINK_SHARE) {
    warn(`${Math.round((link / text) * 100)}% of its text is ${links} links (a symbol index or list of pages); skipped as an index page`);
    return { kind: 'skip', warnings };
  }
  let built = buildSections(html, scan);
  if (!built.sections.some((s) => s.blocks.length) && scan.containers.size) {
    // The detected container was empty (a teaser <article>, an empty <main>):
    // the page body is a better guess than nothing.
    const fallback = buildSections(html, { ...scan, containers: new Set() });
    if (fallback.sections.some((s) => s.blocks.length)) {
      warn(`${scan.containerRule} content container was empty, indexed the page body`);
      built = fallback;
    }
  }
  if (built.duplicateIds.length) {
    const [first] = built.duplicateIds;
    const more = built.duplicateIds.length - 1;
    warn(`duplicate id "${first}"${more ? ` and ${more} more` : ''}; anchors use the first element with each id`);
  }
  for (const w of built.badWeights) warn(`data-quarry-weight "${w}" is not a non-negative number, ignored`);
  if (!built.sections.some((s) => s.blocks.length)) {
    const links = built.dropped.filter((d) => d.reason === 'link-dense' || d.reason === 'in-page-links').reduce((n, d) => n + d.words, 0);
    // A symbol index, a module list, a landing page of links: navigation, like the site's menus.
    warn(links ? `only lists of links (about ${links} words), no text of its own; skipped as an index page` : 'no text content');
    return { kind: 'skip', warnings };
  }
  return {
    kind: 'page',
    warnings,
    page: {
      url: encodePath(relPath),
      title: chooseTitle(built.firstH1, scan.titleTag, built.firstHeading, relPath),
      titleTag: scan.titleTag,
      lang: scan.lang,
      canonical: scan.canonical,
      meta: scan.meta,
      weight: built.pageWeight,
      sections: built.sections,
      diagnostics: { root: scan.containerRule, rejectedRoots: scan.rejectedRoots, dropped: built.dropped },
    },
  };
}
