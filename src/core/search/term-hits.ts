/**
 * Which words of a passage match a query, as whole tokens. One definition
 * serves the words an excerpt marks and the sentences it is centred on, so an
 * excerpt is never chosen for a match it does not show.
 *
 * BM25 reaches into identifiers (`max_wal_size` is indexed as max, wal and
 * size too) and the query side adds stems, completions and near spellings.
 * For showing a match that is too loose:
 * - a word of the text counts by its own terms (the word, its stem, the
 *   identifier), not by a piece of it: "environment" does not match
 *   `setEnvironmentFlags`, "read" does not match `read-only`;
 * - a piece of an identifier the user typed is not a match on its own: for
 *   the query `max_wal_size`, a stray "size" in the prose is not its match;
 * - stop words never match (a completion of "th" is "the"), unless the query
 *   is nothing but stop words.
 */
import { scanTermGroups, scanTerms } from '../text/scan.ts';
import { isStopTerm } from '../text/stopwords.ts';

export interface MatchQuery {
  /** Terms as the lexical side searched them (expansions included). */
  terms: readonly string[];
  /** What the user typed; without it, no term is known to be a piece of a typed identifier. */
  raw?: string;
}

/** A matched span of a word, offsets relative to that word. */
export interface TokenHit {
  start: number;
  end: number;
  /** The query term it matched. */
  term: string;
}

export interface TermMatcher {
  /** Whether `term` (as the tokenizer emits it) is a match. */
  has(term: string): boolean;
  /** The spans of `word` (one whitespace-delimited word of the text) that match. */
  match(word: string): TokenHit[];
}

/**
 * A token as the tokenizer sees it: word characters joined by code
 * connectors, typographic dashes included (the tokenizer folds them to "-"),
 * inner apostrophes kept ("user's"), surrounding quotes left out.
 */
const TOKEN = /[\p{L}\p{N}\p{M}_]+(?:['\u2019][\p{L}\p{N}\p{M}_]+)*(?:(?:::|[.\-/:\u2010-\u2015\u2212])[\p{L}\p{N}\p{M}_]+(?:['\u2019][\p{L}\p{N}\p{M}_]+)*)*/gu;

/** A segment of a token: what lies between its code connectors. */
const SEGMENT = /[^.\-/:\u2010-\u2015\u2212]+/gu;

export function termMatcher(query: MatchQuery): TermMatcher {
  const typedParts = query.raw === undefined ? new Set<string>() : piecesOfTypedIdentifiers(query.raw);
  const stopsCount = query.raw === undefined ? query.terms.every(isStopTerm) : onlyStopWords(query.raw);
  const wanted = new Set(query.terms.filter((t) => !typedParts.has(t) && (stopsCount || !isStopTerm(t))));
  return {
    has: (term) => wanted.has(term),
    match(word) {
      const hits: TokenHit[] = [];
      if (wanted.size === 0) return hits;
      TOKEN.lastIndex = 0;
      for (let m = TOKEN.exec(word); m !== null; m = TOKEN.exec(word)) {
        let term: string | null = null;
        let whole = true;
        let first = true;
        scanTerms(m[0], (t, kind) => {
          if (term === null && kind !== 'part' && wanted.has(t)) {
            term = t;
            // Past the first term, a literal is one segment of the token (`pg_stat_statements` of `pg_stat_statements.track`).
            whole = first;
          }
          first = false;
        });
        if (term === null) continue;
        const segment = whole ? null : segmentSpan(m[0], term);
        hits.push(segment ? { start: m.index + segment[0], end: m.index + segment[1], term } : { start: m.index, end: m.index + m[0].length, term });
      }
      return hits;
    },
  };
}

/** Where in `token` the segment that is `term` lies, or null. */
function segmentSpan(token: string, term: string): [number, number] | null {
  SEGMENT.lastIndex = 0;
  for (let m = SEGMENT.exec(token); m !== null; m = SEGMENT.exec(token)) if (m[0].toLowerCase() === term) return [m.index, m.index + m[0].length];
  return null;
}

/** Terms that are only pieces of identifiers in what the user typed (`wal` of `max_wal_size`), not words typed on their own. */
function piecesOfTypedIdentifiers(raw: string): Set<string> {
  const pieces = new Set<string>();
  const whole = new Set<string>();
  scanTermGroups(raw, (group) => {
    for (const { term, kind } of group) (kind === 'part' ? pieces : whole).add(term);
  });
  for (const t of whole) pieces.delete(t);
  return pieces;
}

/** "to be or not to be": every word typed is a stop word, so they are all the query has. */
function onlyStopWords(raw: string): boolean {
  let any = false;
  let all = true;
  scanTermGroups(raw, (group) => {
    any = true;
    if (!group.some(({ term, kind }) => kind !== 'part' && isStopTerm(term))) all = false;
  });
  return any && all;
}
