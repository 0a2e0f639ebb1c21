/** First index in sorted `terms` whose term is ≥ `key` (JS string order). */
export function lowerBound(terms: readonly string[], key: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Terms that extend `prefix` (not the prefix itself), shortest first: the
 * nearest completion of what is being typed. Scans at most `scan` terms.
 */
export function completions(terms: readonly string[], prefix: string, limit: number, scan = 512): string[] {
  if (prefix.length === 0 || limit <= 0) return [];
  const found: string[] = [];
  for (let i = lowerBound(terms, prefix); i < terms.length && found.length < scan; i++) {
    const t = terms[i];
    if (!t.startsWith(prefix)) break;
    if (t !== prefix) found.push(t);
  }
  return found.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)).slice(0, limit);
}
