import type { FusionSettings } from '../format/manifest.ts';
import { RRF_K } from './rrf.ts';

/**
 * Fusion defaults, used when the manifest has no `quarry tune` result.
 *
 * Chosen on the PostgreSQL 15 dev set (51 queries, nDCG@10; BM25 as DEFAULT_BM25;
 * min-max over each retriever's top 200 passages; index with <dt id>
 * definitions as sections). Natural-language queries (41), by lexical weight:
 *
 *   weight         0      0.05   0.1    0.15   0.2    0.3
 *   paraphrase     0.684  0.670  0.669  0.670  0.661  0.644
 *   keyword        0.956  0.956  0.956  0.937  0.938  0.940
 *   question       0.802  0.798  0.797  0.796  0.795  0.788
 *
 *   literal weight            0.7    0.8    0.9    0.95   lexical alone 0.899
 *   literal (10)              0.832  0.863  0.901  0.897   (earlier index)
 *
 * Natural language: with MiniLM the encoder carries the meaning, and on this
 * corpus every bit of BM25 weight costs a little (BM25 on a paraphrase
 * matches incidental words). 0.1 is within one query's rank change of 0 and
 * keeps exact-term evidence as a tie-breaker for corpora and terms the
 * encoder knows less well; `quarry tune` will pick 0 for a site whose
 * labelled queries say so.
 * Literal (identifiers, error codes, options): lexical-led, dense breaks ties
 * between passages that all contain the identifier. At 0.7 a passage that
 * merely mentions the identifier could overtake its definition on dense
 * similarity alone.
 * RRF (k 60) scored 0.69–0.75 here: ranks discard how far ahead a hit is.
 */
export const FUSION_DEFAULTS: Readonly<FusionSettings> = Object.freeze({
  method: 'minmax',
  lexicalWeight: 0.1,
  rrfK: RRF_K,
  literalLexicalWeight: 0.9,
});

/**
 * The static tier's natural-language weight (issue 15): its word-table
 * encoder is weaker than the model, so keyword evidence counts for more.
 * PostgreSQL dev set, static encoder over IVF (nprobe 8), hybrid nDCG@10 by
 * lexical weight (min-max): 0.1 0.652, 0.2 0.653, 0.3 0.655, 0.4 0.663,
 * 0.5 0.685. It replaces a tuned weight too: `quarry tune` fits the model's.
 */
export const STATIC_TIER_LEXICAL_WEIGHT = 0.5;
