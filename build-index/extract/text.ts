/** Whitespace rules for text outside <pre>. */

/**
 * Collapses runs of whitespace to one space and trims. Zero-width spaces,
 * soft hyphens and BOMs are dropped (they split words invisibly); ZWJ/ZWNJ
 * are kept because Persian and Indic scripts need them.
 */
export function collapse(s: string): string {
  return s.replace(/[\u200b\u00ad\ufeff]/g, '').replace(/\s+/g, ' ').trim();
}

/** Characters of text that are not white space: how blocks, links and containers are sized against each other. */
export function textChars(text: string): number {
  return text.replace(/[\s\u00a0]+/g, '').length;
}
