import type { FusionSettings } from '../format/manifest.ts';
import { looksLiteral } from '../text/literal.ts';
import type { FuseSettings } from './weighted.ts';

/**
 * Fusion settings for one query: identifiers, flags and error codes use the
 * literal lexical weight, since an exact term match is the answer there and
 * a sentence encoder blurs them.
 */
export function fusionFor(query: string, settings: FusionSettings): FuseSettings {
  return {
    method: settings.method,
    lexicalWeight: looksLiteral(query) ? settings.literalLexicalWeight : settings.lexicalWeight,
    rrfK: settings.rrfK,
  };
}
