/** HTML page → ExtractedPage: pass 1 (`scanPage`), then pass 2 (`buildSections`). */
import type { ExtractResult, ExtractWarning } from './types.ts';
import type { Matcher } from './selector.ts';
import { scanPage } from './scan.ts';
import { buildSections } from './build.ts';
import { chooseTitle } from './title.ts';
import { encodePath } from '../../src/core/format/url.ts';

export function extractHtml(relPath: string, html: string, selector: Matcher | null, warnings: ExtractWarning[]): ExtractResult {
  const warn = (reason: string) => warnings.push({ file: relPath, reason });
  const scan = scanPage(html, selector);
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
    warn('no text content');
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
    },
  };
}
