/** "page.html#anchor" → "page.html": relevance is judged per page. */
export function pageOf(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/** Page URLs without anchors, first occurrence kept, order preserved. */
export function dedupePages(urls: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const u of urls) {
    const p = pageOf(u);
    if (seen.has(p)) continue;
    seen.add(p);
    out.push(p);
  }
  return out;
}
