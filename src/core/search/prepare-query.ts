/**
 * Turns what the user typed into what each retriever sees. The dense side
 * gets the normalised text (boilerplate helps a sentence encoder); the
 * lexical side gets terms without question boilerplate, with unknown terms
 * expanded to indexed ones (prefix while typing, or a near spelling).
 */
import { normalizeText } from '../text/normalize.ts';
import { looksLiteral, queryTerms } from '../text/tokenize.ts';
import type { Bm25Index } from '../lexical/bm25.ts';
import type { TermIndex } from '../lexical/terms.ts';

export interface PreparedQuery {
  raw: string;
  /** For the encoder. */
  text: string;
  /** For BM25 and highlighting. */
  terms: string[];
  literal: boolean;
}

const EXPANSIONS_PER_TERM = 3;

export function prepareQuery(raw: string, lexical: Bm25Index, termIndex: TermIndex | null): PreparedQuery {
  const text = normalizeText(raw);
  // The tokenizer folds case itself; it needs the raw casing to split CamelCase.
  const { terms } = queryTerms(raw);
  const expanded: string[] = [];
  for (const term of terms) {
    if (lexical.hasTerm(term) || !termIndex) {
      expanded.push(term);
      continue;
    }
    const near = termIndex.expand(term, EXPANSIONS_PER_TERM);
    expanded.push(...(near.length ? near : [term]));
  }
  return { raw, text, terms: [...new Set(expanded)], literal: looksLiteral(raw) };
}
