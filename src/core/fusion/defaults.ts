import type { FusionSettings } from '../format/manifest.ts';

/**
 * Fusion defaults, used when the manifest has no `quarry tune` result.
 *
 * Chosen on the PostgreSQL 15 dev set (51 queries, nDCG@10, BM25 k1 1.2 b 0.5),
 * min-max over each retriever's top 200 passages:
 *
 *   natural-language weight   0.1    0.2    0.3 (old)
 *   paraphrase (21)           0.660  0.674  0.659   dense alone 0.682
 *   keyword (10)              0.949  0.950  0.934   dense alone 0.946
 *   overall, literal at 0.9   0.786  0.789  0.781   dense alone 0.761
 *
 *   literal weight            0.7 (old)  0.8    0.9    0.95   lexical alone 0.898
 *   literal (10)              0.832      0.863  0.901  0.897
 *
 * Natural language: dense carries the meaning; BM25 on a paraphrase mostly
 * matches incidental words, so past ~0.2 its confident-looking top hits push
 * the encoder's answer down. At 0.2 lexical still re-orders near-ties (exact
 * terms of keyword queries and questions) without overriding dense.
 * Literal (identifiers, error codes, options): lexical-led, dense breaks ties
 * between passages that all contain the identifier (0.9 = dense is worth at
 * most a ninth of the lexical spread). At 0.7 a passage that merely mentions
 * the identifier could overtake its definition on dense similarity alone.
 * RRF (k 60) scored 0.71–0.75 here: ranks discard how far ahead a hit is.
 */
export const FUSION_DEFAULTS: Readonly<FusionSettings> = Object.freeze({
  method: 'minmax',
  lexicalWeight: 0.2,
  rrfK: 60,
  literalLexicalWeight: 0.9,
});
