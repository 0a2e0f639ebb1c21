/** Whitespace rules for text outside <pre>. */

/**
 * Collapses runs of whitespace to one space and trims. Zero-width spaces,
 * soft hyphens and BOMs are dropped (they split words invisibly); ZWJ/ZWNJ
 * are kept because Persian and Indic scripts need them.
 */
export function collapse(s: string): string {
  return s.replace(/[\u200b\u00ad\ufeff]/g, '').replace(/\s+/g, ' ').trim();
}
