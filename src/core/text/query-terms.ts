import { stripQuestionBoilerplate } from './normalize.ts';
import { scanTermGroups } from './scan.ts';
import { isStopTerm } from './stopwords.ts';

export interface QueryTerms {
  /** Distinct terms to look up, in query order, stop words removed. */
  terms: string[];
  /**
   * BM25 weight of each term (parallel to `terms`). The variants one query
   * word yields share a weight of 1 ("UPDATE" → update ½ + updat ½;
   * "PostgreSQL" → postgresql, postgre, postgr, sql ¼ each), so a word is
   * counted once however many index terms it maps to. Without this, words
   * with many variants outvote the rest of the query.
   */
  weights: number[];
}

function collect(text: string, dropStops: boolean): QueryTerms {
  const weight = new Map<string, number>(); // insertion order = query order
  scanTermGroups(text, (group) => {
    const kept = new Set<string>();
    for (const { term, kind } of group) {
      if (dropStops && kind !== 'cjk' && isStopTerm(term)) continue;
      kept.add(term);
    }
    // CJK bigrams are separate words of a run, not variants of one word.
    const share = group[0].kind === 'cjk' ? 1 : 1 / kept.size;
    for (const term of kept) weight.set(term, (weight.get(term) ?? 0) + share);
  });
  return { terms: [...weight.keys()], weights: [...weight.values()] };
}

/**
 * Terms of a search query for the lexical side: question boilerplate and
 * stop words removed. A query made only of stop words ("to be or not to be")
 * keeps them, so it still finds something.
 */
export function queryTerms(q: string): QueryTerms {
  const stripped = stripQuestionBoilerplate(q);
  const filtered = collect(stripped, true);
  if (filtered.terms.length > 0) return filtered;
  const unfiltered = collect(stripped, false);
  return unfiltered.terms.length > 0 ? unfiltered : collect(q, false);
}
