/**
 * Links inside headings that are not part of the heading's words: the
 * permalink glyph a generator appends ("Models¶", "◆ load()", "Intro#") and
 * the "[source]" label Sphinx's viewcode puts in API signatures. Left in,
 * they show in every result title and breadcrumb.
 */
import type { ElementInfo } from './selector.ts';

const PERMALINK_CLASSES = new Set(['headerlink', 'anchor', 'permalink', 'hash-link', 'header-anchor', 'anchor-link', 'heading-anchor']);

/** Glyphs generators use as a permalink's whole text (U+F0C1 is Font Awesome's link icon). */
const GLYPHS_ONLY = /^[\s¶#§◆🔗\u{1F517}\uf0c1]*$/u;
/** Text of a permalink made for screen readers rather than shown. */
const HIDDEN_LABEL = /^(link to this (heading|section|definition|headline)|permalink( to this (heading|section|definition|headline))?|permanent link|direct link( to (this )?(heading|section))?|anchor)$/i;
/** Source-code links: Sphinx viewcode, rustdoc. Never a heading's words, whatever the link looks like. */
const SOURCE_LABEL = /^\[(source|src)\]$/i;

/** An in-page anchor made to copy a link to its heading (Doxygen wraps it in `span.permalink`). */
export function isPermalinkAnchor(a: ElementInfo, parent: ElementInfo | undefined): boolean {
  if ((a.attrs.href ?? '').startsWith('#')) return true;
  if (a.attrs['aria-hidden'] === 'true') return true;
  return [a, parent].some((e) => e?.classes.some((c) => PERMALINK_CLASSES.has(c)));
}

/**
 * Whether a heading link's text is a label to drop. Only a permalink's glyph
 * or hidden label goes: a heading that links to itself keeps its words, and
 * "C#" or "§ 3.2" written in the heading are not a permalink's whole text.
 */
export function isPermalinkLabel(text: string, permalink: boolean): boolean {
  if (SOURCE_LABEL.test(text)) return true;
  return permalink && (GLYPHS_ONLY.test(text) || HIDDEN_LABEL.test(text));
}
