/**
 * docs.<hash>.json — what ranking, grouping and filters need of every page.
 * It is on the path of every first keyword answer, so it grows with pages,
 * never with passages: a passage's length and section travel with its
 * postings, and everything a result needs only once shown (urls, titles,
 * breadcrumbs, anchors, text) is in the text shards.
 */
export interface DocsFile {
  /** Per page (page id = position; a page's passages are consecutive ids). */
  pages: {
    /** How many passages the page has (≥ 1). */
    passages: number[];
    /** Its data-quarry-meta, 0 when it has none. */
    meta: Array<Record<string, string> | 0>;
  };
  /**
   * Sections, in passage order: how many consecutive passages each holds. A
   * section is a run of passages of one page with one anchor, so a result
   * links to it once; a page always starts a new section.
   */
  sections: number[];
  /** Passages whose weight is not 1 (data-quarry-weight, or a default such as release notes' 0.5), as [first id, count, weight] runs. */
  weights: Array<[first: number, count: number, weight: number]>;
}

/**
 * text/<hash>.json — a range of passages (in id order) and the pages they are
 * on, in order (the first passage's page first; no ids, so a shard's bytes
 * depend on its own content only).
 * pages: [url, title, lang] — url is relative to the site root,
 *   percent-encoded per segment (see format/url.ts);
 * passages: [anchor, breadcrumb, subsections, text] — anchor: heading id or ""
 *   for the page top; breadcrumb: heading texts from the page's h1 down to the
 *   passage's section; subsections: [anchor, heading] of short sections merged
 *   into this passage, or 0.
 */
export interface TextShard {
  pages: Array<[url: string, title: string, lang: string]>;
  passages: Array<[anchor: string, breadcrumb: string[], subsections: Array<[string, string]> | 0, text: string]>;
}

/** One passage of a text shard, with its page, as search reads it. */
export interface PassageText {
  url: string;
  title: string;
  lang: string;
  anchor: string;
  breadcrumb: string[];
  subsections: Array<[string, string]> | 0;
  text: string;
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
  /** data-quarry-weight of the page/section, 1 when unset; release notes without one get 0.5 (build-index/extract/release-notes.ts). */
  weight: number;
  lang: string;
  meta: Record<string, string>;
}
