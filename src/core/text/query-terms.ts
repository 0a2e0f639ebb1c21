import { stripQuestionBoilerplate } from './normalize.ts';
import { scanTerms } from './scan.ts';
import { isStopTerm } from './stopwords.ts';

export interface QueryTerms {
  /** Distinct terms to look up, in query order, stop words removed. */
  terms: string[];
  /** The compound/code tokens among them, kept whole ("max_wal_size"). */
  literals: string[];
}

function collect(text: string, dropStops: boolean): QueryTerms {
  const terms: string[] = [];
  const literals: string[] = [];
  const seen = new Set<string>();
  scanTerms(text, (term, kind) => {
    if (dropStops && kind !== 'cjk' && isStopTerm(term)) return;
    if (kind === 'literal' && !literals.includes(term)) literals.push(term);
    if (seen.has(term)) return;
    seen.add(term);
    terms.push(term);
  });
  return { terms, literals };
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
