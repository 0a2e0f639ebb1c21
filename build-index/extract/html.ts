/** HTML page → ExtractedPage: pass 1 (`scanPage`), then pass 2 (`buildSections`). */
import type { ExtractResult, ExtractWarning } from './types.ts';
import type { Matcher } from './selector.ts';
import { scanPage } from './scan.ts';
import { CHARS_PER_WORD } from './block-stats.ts';
import { buildSections, type BuildResult } from './build.ts';
import { chooseTitle } from './title.ts';
import { weighReleaseNotes } from './release-notes.ts';
import { encodePath } from '../../src/core/format/url.ts';

/**
 * A page whose content is mostly links (a symbol index, Sphinx's genindex,
 * a list of all members) is navigation: its entries are indexed where they
 * are documented, and as results they would crowd out those pages.
 */
const INDEX_PAGE_LINK_SHARE = 0.5;
const INDEX_PAGE_MIN_LINKS = 5;
/** …or one that is list entries nearly all pointing elsewhere, with next to no prose (Doxygen's member indexes). */
const INDEX_PAGE_MIN_ENTRIES = 1;
const INDEX_PAGE_LINKED_ENTRIES = 0.8;
const INDEX_PAGE_MAX_PROSE_CHARS = 120;
/** Entries of an index are mostly names that link (SQLite's feature list links a word or two per long bullet). */
const INDEX_PAGE_ENTRY_LINK_SHARE = 0.3;
/** …or one whose lists of links (dropped as navigation) outweigh its own text this many times over. */
const INDEX_PAGE_LIST_RATIO = 3;
const INDEX_PAGE_MIN_LIST_WORDS = 40;

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
  let built = buildSections(html, scan);
  const index = indexPageReason(built);
  if (index) {
    warn(`${index}; skipped as an index page`);
    return { kind: 'skip', warnings };
  }
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
    page: weighReleaseNotes({
      url: encodePath(relPath),
      title: chooseTitle(built.firstH1, scan.titleTag, built.firstHeading, relPath),
      titleTag: scan.titleTag,
      lang: scan.lang,
      canonical: scan.canonical,
      meta: scan.meta,
      weight: built.pageWeight,
      sections: built.sections,
      diagnostics: { root: scan.containerRule, rejectedRoots: scan.rejectedRoots, dropped: built.dropped },
    }, built.weighted),
  };
}

/**
 * Why the page is an index (a symbol index, a module list, a landing page of
 * links), judged on what is left once menus and tables of contents are gone
 * and on how much of the content those lists were; null for a page of text.
 */
function indexPageReason(built: BuildResult): string | null {
  const { text, link, links, prose, entries, linkedEntries } = built.kept;
  const listWords = built.dropped.filter((d) => d.reason === 'link-dense' || d.reason === 'in-page-links').reduce((n, d) => n + d.words, 0);
  const keptWords = text / CHARS_PER_WORD;
  if (links >= INDEX_PAGE_MIN_LINKS && link >= text * INDEX_PAGE_LINK_SHARE) return `${Math.round((link / text) * 100)}% of its text is ${links} links (a symbol index or list of pages)`;
  if (entries >= INDEX_PAGE_MIN_ENTRIES && linkedEntries >= entries * INDEX_PAGE_LINKED_ENTRIES && link >= text * INDEX_PAGE_ENTRY_LINK_SHARE && prose < INDEX_PAGE_MAX_PROSE_CHARS) {
    return `it is ${entries} list entries, ${linkedEntries} of them with links, and no text of its own`;
  }
  if (listWords >= INDEX_PAGE_MIN_LIST_WORDS && listWords >= keptWords * INDEX_PAGE_LIST_RATIO) return `its content is lists of links (about ${listWords} words, against ${Math.round(keptWords)} words of text)`;
  return null;
}
