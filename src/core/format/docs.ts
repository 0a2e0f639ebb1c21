/**
 * docs.<hash>.json — page and passage metadata, everything a result needs
 * except the passage text (which lives in lazily fetched shards).
 * Arrays instead of objects keep it small; each slot is documented.
 */
export interface DocsFile {
  /** [url, title, lang, meta] — url is relative to the site root, percent-encoded per segment (see format/url.ts). */
  pages: Array<[url: string, title: string, lang: string, meta: Record<string, string> | 0]>;
  /**
   * [page, anchor, breadcrumb, words, weight, subsections]
   * page: index into `pages`; anchor: heading id or "" for the page top;
   * breadcrumb: heading texts from the page's h1 down to the passage's section;
   * weight: author weight (data-quarry-weight), 1 when unset;
   * subsections: [anchor, heading] of short sections merged into this passage, or 0.
   */
  passages: Array<[page: number, anchor: string, breadcrumb: string[], words: number, weight: number, subsections: Array<[string, string]> | 0]>;
}

/** One passage as the build produces it (before it is split into files). */
export interface Passage {
  /** Page path relative to the site root, posix, e.g. "sql-createindex.html". */
  url: string;
  /** Id of the nearest preceding heading that has one; "" when none. */
  anchor: string;
  /** Page title. */
  title: string;
  /** Heading texts from the top-level heading down to this passage's section. */
  breadcrumb: string[];
  /** Short sections merged into this passage (their headings are boosted; a result can link to them). */
  subsections: Array<{ anchor: string; heading: string }>;
  text: string;
  words: number;
  /** data-quarry-weight of the page/section, 1 when unset. */
  weight: number;
  lang: string;
  meta: Record<string, string>;
}
