/**
 * Duplicate detection key. Pages that declare the same canonical URL are the
 * same document (versioned copies, /latest/ aliases); otherwise the page's
 * own path is the key, with "dir/index.html" and "dir/" treated as one.
 */
import type { ExtractedPage } from './types.ts';

const SITE = 'http://site.invalid/';

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

export function dedupeKey(page: Pick<ExtractedPage, 'url' | 'canonical'>): string {
  if (page.canonical) return `canonical:${normalise(page.canonical, SITE + page.url)}`;
  return `path:${normalise(page.url, SITE)}`;
}
