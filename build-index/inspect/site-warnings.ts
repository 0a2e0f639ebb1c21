/**
 * Which site-level figures look wrong, decided in one place: `quarry build`
 * prints these warnings and `quarry inspect` lists them in its report
 * (issue 12). Each warning names the page it is about, or "(site)".
 */
import type { SiteReading } from '../read-site.ts';
import type { NavLikeExample } from './nav-like.ts';

/** Above this share of duplicate passages the site likely ships copies worth excluding. */
export const MAX_DUPLICATE_SHARE = 0.05;

/** The figures the rule reads: a site as `readSite` read it. */
export type SiteCheck = Pick<SiteReading, 'titles' | 'dedupe' | 'extractedPassages' | 'passages'>;

export interface SiteWarning {
  /** A page URL, or "(site)". */
  file: string;
  reason: string;
}

/** `navLike`: the nav-like passages among `site.passages` (nav-like.ts `navLikeFigure`), the first one as the example. */
export function siteWarnings(site: SiteCheck, navLike: { passages: number; examples: readonly NavLikeExample[] }): SiteWarning[] {
  const out: SiteWarning[] = [];
  const { titles, extractedPassages } = site;
  const { aggregates, duplicatePassages } = site.dedupe;
  const keptPassages = site.passages.length;
  if (titles.shared) out.push({ file: '(site)', reason: `${titles.shared.pages} of ${titles.shared.of} pages have the title "${titles.shared.title}"; give each page a distinct <title> or <h1>` });
  for (const a of aggregates) out.push({ file: a.url, reason: `aggregate of ${a.parts} other pages (${Math.round(a.share * 100)}% of its passages appear elsewhere); skipped` });
  const duplicateShare = extractedPassages ? (extractedPassages - keptPassages) / extractedPassages : 0;
  if (duplicateShare > MAX_DUPLICATE_SHARE) {
    out.push({
      file: '(site)',
      reason: `${Math.round(duplicateShare * 100)}% of passages were copies of passages on other pages (${duplicatePassages} duplicate passages dropped, ${aggregates.length} aggregate page(s) skipped); exclude all-in-one or print pages with --exclude if a kept copy is on the wrong page`,
    });
  }
  const example = navLike.examples[0];
  if (navLike.passages > 0 && example) {
    const { url, anchor, sample } = example;
    out.push({
      file: '(site)',
      reason: `${navLike.passages} passage(s) look like navigation or a table of contents, e.g. on ${url}${anchor ? `#${anchor}` : ''}: "${sample}"; mark the block with data-quarry-ignore or name the content with --selector (\`quarry inspect\` shows what was kept)`,
    });
  }
  return out;
}
