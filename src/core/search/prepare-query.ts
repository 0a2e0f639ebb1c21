/**
 * Turns what the user typed into what each retriever sees. The dense side
 * gets the normalised text (boilerplate helps a sentence encoder); the
 * lexical side gets terms without question boilerplate, with unknown terms
 * expanded to indexed ones (prefix while typing, or a near spelling). The
 * postings shards of the query's words must be loaded first
 * (`LoadedIndex.ensureTerms`): a term whose shard is missing reads as unknown.
 */
import { normalizeText } from '../text/normalize.ts';
import { queryTerms } from '../text/tokenize.ts';
import type { Bm25Index } from '../lexical/bm25.ts';
import type { TermIndex } from '../lexical/terms.ts';

export interface PreparedQuery {
  raw: string;
  /** For the encoder. */
  text: string;
  /** For BM25 and highlighting. */
  terms: string[];
  /** BM25 weight per term (parallel to `terms`): a query word's variants share one. */
  weights: number[];
  /**
   * How much each term counts as evidence that a passage is about the query
   * (parallel to `terms`): its weight, halved for a near spelling, since a
   * made-up word is often one or two edits from some indexed term.
   */
  evidence: number[];
}

/** A near spelling is weaker evidence than the word itself or its completion. */
const FUZZY_EVIDENCE = 0.5;

const EXPANSIONS_PER_TERM = 3;

/** Nothing but whitespace: no retriever should rank anything for it. */
export function isBlankQuery(raw: string): boolean {
  return normalizeText(raw) === '';
}

/** What the sentence encoder sees for a query. */
export function encoderText(raw: string): string {
  return normalizeText(raw);
}

export function prepareQuery(raw: string, lexical: Bm25Index, termIndex: TermIndex | null): PreparedQuery {
  const text = encoderText(raw);
  // The tokenizer folds case itself; it needs the raw casing to split CamelCase.
  const { terms, weights } = queryTerms(raw);
  // An expansion stands in for the unknown term, with its weight.
  const weight = new Map<string, number>();
  const evidence = new Map<string, number>();
  const add = (t: string, w: number, e: number): void => {
    weight.set(t, (weight.get(t) ?? 0) + w);
    evidence.set(t, (evidence.get(t) ?? 0) + e);
  };
  terms.forEach((term, i) => {
    // Before the term index is in, the loaded postings shards still complete a word being typed.
    const near = lexical.hasTerm(term) ? [] : termIndex ? termIndex.expand(term, EXPANSIONS_PER_TERM) : lexical.complete(term, EXPANSIONS_PER_TERM);
    if (!near.length) add(term, weights[i], weights[i]);
    for (const t of near) add(t, weights[i], t.startsWith(term) ? weights[i] : weights[i] * FUZZY_EVIDENCE);
  });
  return { raw, text, terms: [...weight.keys()], weights: [...weight.values()], evidence: [...evidence.values()] };
}
