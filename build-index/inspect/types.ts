/**
 * `quarry inspect --json` prints an `InspectReport`. The shape is stable:
 * fields are only added, and `version` changes if one is ever removed or
 * changes meaning. Every figure is computed by the build's own code path
 * (`readSite`), so it describes what `quarry build` would index.
 */
import type { DropReason } from '../extract/types.ts';
import type { SiteWarning } from './site-warnings.ts';

export interface InspectReport {
  version: 1;
  /** Absolute path of the site folder. */
  site: string;
  /** The model whose tokenizer sized the passages; maxTokens null when it sets no limit. */
  model: { id: string; maxTokens: number | null };
  figures: SiteFigures;
  /** Site-level figures that look wrong, exactly as `quarry build` warns about them (site-warnings.ts). */
  warnings: SiteWarning[];
  /** Every per-file warning of the read (skipped files, duplicate pages, decoding, selector fallbacks…), in crawl order. */
  fileWarnings: Array<{ file: string; reason: string }>;
  /** One entry per page that was extracted and chunked, in crawl order (filtered by --page). */
  pages: PageReport[];
  /** Pages before the --page filter. */
  pagesTotal: number;
}

export interface SiteFigures {
  files: {
    /** Files crawled: pages + skipped + duplicate pages. */
    read: number;
    /** Files extracted into pages (aggregates included). */
    pages: number;
    /** Files (or folders) skipped: too large, unreadable, binary, empty, redirects, index pages… */
    skipped: number;
    /** Files dropped whole as copies of another file (same canonical URL or same text). */
    duplicatePages: number;
    /** Files not indexed, counted by reason, most frequent first. */
    reasons: Array<{ reason: string; files: number; example: string }>;
  };
  /** Pages with at least one passage in the index. */
  pages: number;
  passages: {
    /** Passages before dedupe (after token fitting). */
    extracted: number;
    /** Passages the index would hold. */
    kept: number;
    /** Duplicate passages dropped outside aggregate pages. */
    duplicates: number;
    /** Passages of the aggregate pages skipped. */
    onAggregates: number;
    /** (extracted − kept) / extracted: every passage not kept because a copy is kept elsewhere. */
    duplicateShare: number;
  };
  /** Pages skipped whole because most of their passages repeat other pages. */
  aggregates: Array<{ url: string; parts: number; share: number; passages: number }>;
  titles: {
    /** Distinct titles among the pages in the index. */
    distinct: number;
    of: number;
    share: number;
    /** Pages whose title the site-level title pass changed (site name or banner removed). */
    cleaned: number;
    /** A title still shared by most pages, null when titles are distinct enough. */
    shared: { title: string; pages: number; of: number } | null;
  };
  /** Pages weighted down as release notes (build-index/extract/release-notes.ts), with their passage weight. */
  releaseNotes: { pages: number; weight: number; examples: string[] };
  /** Kept passages that look like navigation or a table of contents (nav-like.ts). */
  navLike: { passages: number; examples: Array<{ url: string; anchor: string; sample: string }> };
  /** Extracted pages with no h1–h6 heading. */
  pagesWithoutHeadings: { pages: number; examples: string[] };
  /** Blocks removed because most pages repeat them (site banner, footer, menus). */
  repeatedBlocks: { blocks: number; occurrences: number; top: Array<{ text: string; pages: number }> };
  /** Passages whose encoder input was over the model's token limit before they were split; null when the model sets no limit. */
  overlong: { passages: number; of: number; share: number; maxTokens: number } | null;
}

export interface PageReport {
  url: string;
  /** The title the index would show (after the site-level title pass). */
  title: string;
  /** The title extraction chose from the page alone, before the site-level pass. */
  extractedTitle: string;
  /** What chose the content root ("Sphinx", "selector", "main", "body"…) and the candidates passed over; null for Markdown. */
  root: { rule: string; rejected: Array<{ rule: string; why: string }> } | null;
  /** Headings in document order: level 1–6, or 7+ for a definition term with an id. */
  headings: Array<{ level: number; heading: string; anchor: string }>;
  /** Passages this page keeps in the index (0 for an aggregate, or when every passage is kept on another page). */
  passages: number;
  /** Set when the page is skipped as an aggregate of other pages. */
  aggregate: { parts: number; share: number } | null;
  /** Kept passages of this page that look like navigation. */
  navLike: number;
  /** Blocks of the content left out, with why. */
  dropped: Array<{ reason: DropReason; words: number; sample: string }>;
}
