/** What extraction yields for one HTML/Markdown page (in document order). */
export interface ExtractedPage {
  /** Path relative to the site root as a percent-encoded URL ("guide/install.html", "page%20%232.html"). */
  url: string;
  title: string;
  /** The page's <title> text as written, for the site-level title pass (`site-titles.ts`); absent for Markdown. */
  titleTag?: string;
  /** <html lang>, "" when absent. */
  lang: string;
  /** rel=canonical href when present (used to drop duplicates). */
  canonical: string | null;
  /** data-quarry-meta="key:value" pairs found on the page. */
  meta: Record<string, string>;
  /** data-quarry-weight on the body/content element, 1 when unset. */
  weight: number;
  /** Set when a default weighting applied to the page (release-notes.ts): release notes rank below the pages they mention. */
  demoted?: 'release-notes';
  sections: Section[];
  /** What extraction chose and left out, for `quarry inspect` and the build's warnings. */
  diagnostics?: PageDiagnostics;
}

/** Why a block of the page's content was not indexed. */
export type DropReason =
  | 'link-dense'
  | 'in-page-links'
  | 'line-numbers'
  | 'repeated';

export interface DroppedBlock {
  reason: DropReason;
  words: number;
  /** The block's first words, for the report. */
  sample: string;
}

export interface PageDiagnostics {
  /** The rule that chose the content root ("Sphinx", "selector", "body", …) and the candidates it passed over, with why. */
  root: string;
  rejectedRoots: Array<{ rule: string; why: string }>;
  dropped: DroppedBlock[];
}

export interface Section {
  /** 0 for content before the first heading, the heading level 1–6, or 7+ for a definition term with an id (`<dt id>`). */
  level: number;
  /** Heading text ("" for level 0). */
  heading: string;
  /** Id of this heading, or of the nearest preceding heading with an id; "" when none. */
  anchor: string;
  /** Heading texts from the outermost enclosing heading down to this one. */
  path: string[];
  /** Text blocks in order: paragraphs, list items, code blocks, table rows as text. */
  blocks: string[];
  /** data-quarry-weight that applies to this section, 1 when unset. */
  weight: number;
}

/** Why a file was skipped or only partly used; shown per file and summarised. */
export interface ExtractWarning {
  file: string;
  reason: string;
}

export type ExtractResult =
  | { kind: 'page'; page: ExtractedPage; warnings: ExtractWarning[] }
  | { kind: 'skip'; warnings: ExtractWarning[] };
