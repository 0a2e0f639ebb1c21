import type { FusionSettings } from '../format/manifest.ts';

/** Fusion defaults, used when the manifest has no `quarry tune` result. */
export const FUSION_DEFAULTS: Readonly<FusionSettings> = Object.freeze({
  method: 'minmax',
  // Dense retrieval carries natural-language questions…
  lexicalWeight: 0.3,
  rrfK: 60,
  // …but an identifier is either in a passage or not, and the encoder knows it poorly.
  literalLexicalWeight: 0.7,
});
