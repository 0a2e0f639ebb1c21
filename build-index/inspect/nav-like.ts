/**
 * The nav/TOC passage heuristic, one implementation for `quarry build`'s
 * warning, `quarry inspect` and the bench's real-site table (issue 12), so
 * the three agree on what "nav-like" means. It is computed from passages
 * alone (their text and breadcrumb), after dedupe, as a searcher gets them:
 * - a TOC: the passage's first line (written as a heading, capitalised), or
 *   the heading it sits under, is just "Table of contents", "Contents", "On
 *   this page", "In this article" or "Page contents"; or
 * - site chrome: at least 80% of its lines are short (at most 8 words) and
 *   each of those lines appears on at least 30% of the site's pages (and on
 *   at least 2 pages) — nav menus, breadcrumbs, footers repeated site-wide.
 * Lines are the passage's blocks (the chunker puts one block per line).
 */
import type { Passage } from '../../src/core/format/docs.ts';

export const NAV_RULE = { shortLineWords: 8, shareOfLines: 0.8, shareOfPages: 0.3, minPages: 2 } as const;

/** What the heuristic reads of a passage: which page it is on (URL or page number), its breadcrumb and text. */
export interface NavCandidate {
  page: string | number;
  breadcrumb: readonly string[];
  text: string;
}

const TOC_LABEL = /^(table of contents|contents|on this page|in this article|page contents)$/;
/** The label as a heading writes it, capitalised: a code line that reads `contents` is not one. */
const TOC_LINE = /^(Table of [Cc]ontents|Contents|CONTENTS|On this page|In this article|Page contents):?$/;

/** Case, Unicode form, punctuation and spacing do not make two texts different. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function lines(text: string): string[] {
  return text.split('\n').map(normaliseText).filter(Boolean);
}

function isShort(line: string): boolean {
  return line.split(' ').length <= NAV_RULE.shortLineWords;
}

/** For each short line, on how many pages it appears. */
function shortLinePages(passages: readonly NavCandidate[]): Map<string, number> {
  const pagesOf = new Map<string, Set<string | number>>();
  for (const p of passages) {
    for (const line of lines(p.text)) {
      if (!isShort(line)) continue;
      let pages = pagesOf.get(line);
      if (!pages) pagesOf.set(line, (pages = new Set()));
      pages.add(p.page);
    }
  }
  return new Map([...pagesOf].map(([line, pages]) => [line, pages.size]));
}

/**
 * Indexes (into `passages`) of the nav-like passages, in order. `pages` is
 * the number of pages of the site (default: the distinct pages of `passages`).
 */
export function navLikePassages(passages: readonly NavCandidate[], pages?: number): number[] {
  const spread = shortLinePages(passages);
  const pageCount = pages ?? new Set(passages.map((p) => p.page)).size;
  const minPages = Math.max(NAV_RULE.minPages, Math.ceil(NAV_RULE.shareOfPages * pageCount));
  const repeated = (line: string) => isShort(line) && (spread.get(line) ?? 0) >= minPages;
  const out: number[] = [];
  passages.forEach((p, i) => {
    const ls = lines(p.text);
    if (!ls.length) return;
    const first = p.text.split('\n', 1)[0].trim();
    const toc = TOC_LINE.test(first) || TOC_LABEL.test(normaliseText(p.breadcrumb.at(-1) ?? ''));
    if (toc || ls.filter(repeated).length >= NAV_RULE.shareOfLines * ls.length) out.push(i);
  });
  return out;
}

/** A passage's opening, for reports ("Home | Install | Configuration"). */
export function passageSample(text: string, chars = 80): string {
  const flat = text.split('\n').map((l) => l.trim()).filter(Boolean).join(' | ');
  return flat.length > chars ? `${flat.slice(0, chars - 1)}…` : flat;
}

export interface NavLikeExample {
  url: string;
  anchor: string;
  sample: string;
}

/** Nav-like passages among a build's passages (one site, after dedupe): how many, and the first `examples` of them. */
export function navLikeFigure(passages: readonly Passage[], examples = 5): { passages: number; examples: NavLikeExample[]; indexes: number[] } {
  const found = navLikePassages(passages.map((p) => ({ page: p.url, breadcrumb: p.breadcrumb, text: p.text })));
  return {
    passages: found.length,
    indexes: found,
    examples: found.slice(0, examples).map((i) => ({ url: passages[i].url, anchor: passages[i].anchor, sample: passageSample(passages[i].text) })),
  };
}
