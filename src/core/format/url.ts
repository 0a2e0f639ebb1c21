/**
 * Page URLs and result hrefs in the index. A page's `url` is its path
 * relative to the site root, percent-encoded so that a browser resolving it
 * lands on that very file: unencoded, `page #2.html` would request `page `
 * with the fragment `2.html`, and `a?b.html` would request `a` with a query.
 */

// Lone surrogates cannot be UTF-8 encoded (encodeURIComponent throws); they
// only come from broken input, and U+FFFD is what a browser would make of them.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Sub-delimiters a path segment may hold as they are; kept readable. ":" stays
// encoded: in a first segment it would read as a URL scheme.
const SAFE_IN_SEGMENT = /%(?:24|26|2B|2C|3B|3D|40)/g;

function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}

/** "guide/page #2 (ü).html" → "guide/page%20%232%20(%C3%BC).html"; "/" separates segments and is kept. */
export function encodePath(relPath: string): string {
  return wellFormed(relPath)
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(SAFE_IN_SEGMENT, decodeURIComponent))
    .join('/');
}

// What the URL parser would percent-encode in a fragment (C0 controls, space,
// " < > `), DEL, non-ASCII, and "%" itself so that decoding gives the id back.
const FRAGMENT_UNSAFE = /[\u0000-\u0020"<>`%\u007f-\u{10ffff}]/gu;

/**
 * A heading id as a URL fragment, encoded as little as browsers need: a
 * fragment is percent-decoded (UTF-8) before it is matched against ids, so
 * "installation" stays as it is and "Vue d’ensemble" becomes
 * "Vue%20d%E2%80%99ensemble".
 */
export function encodeFragment(id: string): string {
  return wellFormed(id).replace(FRAGMENT_UNSAFE, encodeURIComponent);
}

/** The link for a passage: its page, and the heading it starts at when it has one. */
export function passageHref(url: string, anchor: string): string {
  return anchor ? `${url}#${encodeFragment(anchor)}` : url;
}
