import { scanTerms } from './scan.ts';

export { queryTerms } from './query-terms.ts';
export { looksLiteral } from './literal.ts';

/**
 * The one tokenizer, used at build and at query time. Returns index terms in
 * order, with repeats:
 *   "os.path.join"   → os.path.join, os, path, join
 *   "max_wal_size"   → max_wal_size, max, wal, size
 *   "--no-cache"     → no-cache, no, cache, cach
 *   "CamelCaseName"  → camelcasename, camel, case, name
 *   "SQLSTATE 23505" → sqlstate, 23505
 *   "indexes"        → index        (plain words are stemmed)
 *   "全文検索"         → 全文, 文検, 検索 (CJK bigrams)
 * A token over MAX_TERM_LENGTH (100) characters — base64, minified code — is
 * not a term; its pieces that fit still are (see scan.ts).
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  scanTerms(text, (t) => {
    out.push(t);
  });
  return out;
}
