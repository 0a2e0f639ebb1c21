/**
 * When Quarry should say "no good match", and how far down a ranking stays
 * worth showing. Dense retrieval always returns neighbours, so without these
 * a nonsense query gets a full page of confident-looking results.
 *
 * Two kinds of evidence are read. Keyword evidence is a lexical hit's
 * `coverage`: the share of the query's words one passage holds (a near
 * spelling counts half). Meaning is the nearest passage's cosine, judged
 * against the floor `quarry build` calibrated for this index
 * (format/manifest.ts `Calibration`), since how close "nothing" comes
 * depends on the site.
 */
import type { Calibration } from '../format/manifest.ts';
import type { LexicalHit } from '../lexical/bm25.ts';
import type { Hit } from '../rank/hit.ts';

/**
 * A passage holding this share of the query's words is keyword evidence on
 * its own; so is one holding half of a longer query (STRONG_WORDS words or
 * more), as a paraphrase does: four of eight words in one passage is no accident,
 * one of two is.
 */
export const STRONG_COVERAGE = 0.6;
export const STRONG_WORDS = 3;
export const STRONG_HALF = 0.5;

/**
 * The tail cut keeps a dense-only passage while it is this close (in cosine)
 * to the nearest one. Measured on the dev set and the corpora's query sets
 * (bench/CORPORA.md): a relevant page is rarely further than this below the
 * best hit, and the pages beyond it read as noise.
 */
export const DENSE_BAND = 0.1;

/** The tail cut keeps a keyword hit scoring at least this share of the best BM25 score. */
export const LEXICAL_SHARE = 0.25;

/** While semantic results load, a natural-language query shows only keyword hits holding this share of its words. */
export const HOLD_BACK_COVERAGE = 0.75;

export interface MatchEvidence {
  /** Best coverage among the lexical hits (0 when none). */
  coverage: number;
  /** Words in the query (stop words aside): what coverage is a share of. */
  words: number;
  /** Cosine of the nearest passage; null when the dense side did not run. */
  nearest: number | null;
}

/** A query word's variants share a weight of 1, so the weights add up to its word count. */
export function queryWords(query: { weights: readonly number[] }): number {
  let n = 0;
  for (const w of query.weights) n += w;
  return n;
}

export function bestCoverage(hits: readonly LexicalHit[]): number {
  let best = 0;
  for (const h of hits) if (h.coverage > best) best = h.coverage;
  return best;
}

/**
 * True when nothing answers the query: no passage holds most of its words,
 * and the nearest passage is no closer than noise queries get on this index
 * (made-up words when no query word is known, else off-topic sentences).
 * Never judged without meaning (the keyword stage) or without a calibration
 * (an index built before there was one).
 */
export function noGoodMatch(evidence: MatchEvidence, calibration: Calibration | undefined): boolean {
  const { coverage, words } = evidence;
  if (coverage >= STRONG_COVERAGE || (coverage >= STRONG_HALF && coverage * words >= STRONG_WORDS - 1e-9)) return false;
  if (evidence.nearest === null || !calibration) return false;
  return evidence.nearest < (evidence.coverage === 0 ? calibration.unknownWordsFloor : calibration.denseFloor);
}

/**
 * The fused ranking without its long tail: a passage stays when its meaning
 * is close to the best one's (within DENSE_BAND) or when it is a real
 * keyword hit (LEXICAL_SHARE of the best BM25 score). For a lone literal
 * (`literal`: one identifier, flag or error code) a keyword hit must also
 * hold all of it that the best hit holds, and meaning counts within half the
 * band: `session_cache` returns the page that has it, not every page that
 * says "session" and "cache".
 */
export function cutTail(fused: readonly Hit[], lexical: readonly LexicalHit[], dense: readonly Hit[], literal = false): Hit[] {
  const cosine = new Map(dense.map((h) => [h.id, h.score]));
  const keyword = new Map(lexical.map((h) => [h.id, h]));
  const band = literal ? DENSE_BAND / 2 : DENSE_BAND;
  const denseMin = dense.length ? dense[0].score - band : Infinity;
  const lexicalMin = lexical.length ? lexical[0].score * LEXICAL_SHARE : Infinity;
  const coverageMin = literal ? bestCoverage(lexical) - 1e-9 : 0;
  return fused.filter((h) => {
    if ((cosine.get(h.id) ?? -Infinity) >= denseMin) return true;
    const k = keyword.get(h.id);
    return k !== undefined && k.score >= lexicalMin && k.coverage >= coverageMin;
  });
}

/** Keyword hits worth showing for a natural-language query before its meaning is known. */
export function holdBack(hits: readonly LexicalHit[]): LexicalHit[] {
  return hits.filter((h) => h.coverage >= HOLD_BACK_COVERAGE);
}
