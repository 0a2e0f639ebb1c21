/**
 * docs.<hash>.json — what ranking, grouping and filters need of every
 * passage and page. It is on the path of every first keyword answer, so it
 * holds nothing a result needs only once shown (urls, titles, breadcrumbs,
 * anchors, text): those are in the text shards, fetched for the results shown.
 */
export interface DocsFile {
  /** Per page (page id = position): its data-quarry-meta, 0 when it has none. */
  pageMeta: Array<Record<string, string> | 0>;
  /** Per passage, parallel arrays (passage id = position). */
  passages: {
    /** Page id. A page's passages are consecutive. */
    page: number[];
    /** Section within its page: passages with the same section share an anchor, so a result links there once. */
    section: number[];
    /** Author weight (data-quarry-weight), 1 when unset. */
    weight: number[];
  };
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
  /** data-quarry-weight of the page/section, 1 when unset. */
  weight: number;
  lang: string;
  meta: Record<string, string>;
}
