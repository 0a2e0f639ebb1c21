/**
 * The fusion settings for one query: explicit search options win over the
 * index's `quarry tune` result, which wins over the defaults; then the
 * literal guard picks the weight for identifiers and codes.
 */
import type { FusionSettings } from '../format/manifest.ts';
import { FUSION_DEFAULTS } from '../fusion/defaults.ts';
import { fusionFor } from '../fusion/literal-guard.ts';
import type { SearchOptions } from './types.ts';

/** `tuned`: the manifest's `fusion` (absent when the site was never tuned). */
export function fusionSettings(raw: string, options: SearchOptions, tuned: FusionSettings | undefined): FusionSettings {
  const base: FusionSettings = { ...FUSION_DEFAULTS, ...tuned };
  if (options.fusion) base.method = options.fusion;
  if (options.lexicalWeight !== undefined) return { ...base, lexicalWeight: options.lexicalWeight, literalLexicalWeight: options.lexicalWeight };
  return { ...base, ...fusionFor(raw, base) };
}
