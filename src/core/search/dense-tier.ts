/**
 * Everything only the dense tier runs — vector top-k, fusion and its
 * settings, the answer card — gathered in one module so that bundlers make
 * it one lazy chunk. The engine imports it (with `import()`) once the host's
 * dense side has loaded: the first keyword answer never downloads, parses or
 * runs this code (issue 14: the keyword path's code budget).
 */
export { topK } from '../vector/topk.ts';
export { fuse } from '../fusion/weighted.ts';
export { fusionSettings } from './fusion-settings.ts';
export { pickAnswer } from './answer.ts';
export { fullDenseSide } from './full-side.ts';
export { FUSION_DEFAULTS, STATIC_TIER_LEXICAL_WEIGHT } from '../fusion/defaults.ts';
