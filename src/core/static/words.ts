/**
 * The words the static query encoder knows a query by: lower-cased, accents
 * removed, runs of letters and digits. The build counts and trains on the
 * same split, so a query word and the row it looks up always agree; no
 * tokenizer file (700 kB) is needed in the browser.
 */

/** Longer runs are hashes, base64 or minified code: never worth a row. */
export const MAX_WORD_CHARS = 32;

export function staticWords(text: string): string[] {
  const runs = text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return runs.filter((w) => w.length <= MAX_WORD_CHARS);
}
