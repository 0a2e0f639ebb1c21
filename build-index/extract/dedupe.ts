/**
 * Duplicate pages. Two files are one document when they declare the same
 * canonical URL (versioned copies, /latest/ aliases) or when their extracted
 * text is identical (the same page saved under two names). Nothing is keyed on
 * the file name: distinct files never collide because of a `#`, `?` or space
 * in their names, and every page dropped is reported with the file it
 * duplicates.
 */
import { createHash } from 'node:crypto';
import type { ExtractedPage } from './types.ts';

const SITE = 'http://site.invalid/';

/** Canonical URL → a stable key: fragment dropped, "dir/index.html" and "dir/" as one. */
function normalise(url: string, base: string): string {
  let u: URL;
  try {
    u = new URL(url.trim(), base);
  } catch {
    return url.trim();
  }
  u.hash = '';
  const path = u.pathname.replace(/\/index\.html?$/i, '/').replace(/\/+$/, '');
  const s = `${u.protocol}//${u.host}${path}${u.search}`;
  // Relative canonicals resolve inside the site; keep the key short and stable.
  return s.startsWith(SITE) ? s.slice(SITE.length - 1) : s;
}

/** The canonical URL a page declares, as a key; null when it declares none. `page.url` is the encoded URL, so relative canonicals resolve as a browser would. */
export function canonicalKey(page: Pick<ExtractedPage, 'url' | 'canonical'>): string | null {
  return page.canonical ? `canonical:${normalise(page.canonical, SITE + page.url)}` : null;
}

/** Digest of everything extraction kept: title, headings and text blocks, in order. */
export function contentKey(page: Pick<ExtractedPage, 'title' | 'sections'>): string {
  const h = createHash('sha256');
  // Separators that never occur in extracted text keep "ab"+"c" apart from "a"+"bc".
  h.update(page.title).update('\u0000');
  for (const s of page.sections) {
    h.update(s.heading).update('\u0001');
    for (const b of s.blocks) h.update(b).update('\u0002');
  }
  return `content:${h.digest('base64')}`;
}

/** Remembers the pages of one build; says which earlier file a new page duplicates. */
export class DuplicateFilter {
  private readonly firstFile = new Map<string, string>();

  /**
   * Null for a page not seen before (it is remembered), else the warning for
   * it: "duplicate of guide/a.html (same canonical URL)".
   */
  check(file: string, page: ExtractedPage): string | null {
    const canonical = canonicalKey(page);
    const content = contentKey(page);
    const sameCanonical = canonical === null ? undefined : this.firstFile.get(canonical);
    if (sameCanonical !== undefined) return `duplicate of ${sameCanonical} (same canonical URL)`;
    const sameContent = this.firstFile.get(content);
    if (sameContent !== undefined) return `duplicate of ${sameContent} (same content)`;
    if (canonical !== null) this.firstFile.set(canonical, file);
    this.firstFile.set(content, file);
    return null;
  }
}
