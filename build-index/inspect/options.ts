/**
 * The `quarry build` options that change what is read and how it is cut into
 * passages: `quarry inspect` takes exactly these, as flags and config-file
 * keys, through build's option table (config.ts) and parsing (options.ts).
 * The rest (output folder, encoding, copying the model…) cannot change the
 * report, so inspect does not take their flags.
 *
 * No runtime imports: `quarry inspect --help` loads this module.
 */
import type { BuildOptionKey } from '../config.ts';

export const INSPECT_OPTION_KEYS = [
  'model',
  'chunkWords',
  'overlapWords',
  'minWords',
  'include',
  'exclude',
  'defaultExcludes',
  'selector',
  'passagePrefix',
  'config',
  'json',
  'encodeFields',
  'maxFileBytes',
] as const satisfies readonly BuildOptionKey[];

/** Pages the readable report lists before it points to --page / --json. */
export const INSPECT_PAGES_SHOWN = 20;
