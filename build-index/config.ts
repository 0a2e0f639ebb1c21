/**
 * Every `quarry build` option, declared once: its flag, config-file key,
 * kind (type and range), default, merge rule and help line. The flags
 * (`buildFlagConfig`), config-file validation and defaults (options.ts) and
 * `quarry build --help` (src/cli/help.ts) are all generated from this table,
 * so adding an option means adding one entry here.
 *
 * No imports: `quarry --help` loads this module and must start fast.
 */

/** How one option's value is read and checked. */
export interface OptionKind<T> {
  /** The value, or `undefined` when it is not of this kind. Flag values arrive as strings. */
  read(value: unknown): T | undefined;
  /** What a valid value looks like, for error messages ("a positive whole number"). */
  expected: string;
  /** How the command line reads the flag. */
  flagType: 'string' | 'boolean';
  /** The flag may be repeated (each occurrence adds one value). */
  repeatable?: boolean;
  /** Inclusive bounds, checked once on the merged value. */
  range?: { min: number; max: number };
}

export interface OptionSpec<T> {
  /** Command-line flag without `--`; absent for config-file-only options. */
  flag?: string;
  /** The flag turns the option off (`--no-copy-model` sets copyModel to false). */
  negated?: boolean;
  /** Placeholder for the flag's value in --help ("N", "DIR"). */
  arg?: string;
  /** `cli`: a flag only (not a config-file key); `file`: a config-file key only. Default both. */
  only?: 'cli' | 'file';
  kind: OptionKind<T>;
  default: T;
  /** The default as --help shows it, where the value itself says nothing (null, a computed path). */
  defaultText?: string;
  /**
   * `replace` (the default): the command line overrides the config file, which overrides the default.
   * `append`: lists from every source are added to the defaults, unless `keepDefaults` names a boolean
   * option that is false.
   */
  merge?: 'replace' | 'append';
  /** A key of BUILD_OPTIONS (typed as string: the table's type is inferred from its entries). */
  keepDefaults?: string;
  help: string;
}

const text: OptionKind<string> = {
  read: (v) => (typeof v === 'string' && v ? v : undefined),
  expected: 'a non-empty string',
  flagType: 'string',
};

const optionalText: OptionKind<string | null> = {
  read: (v) => (v === null || typeof v === 'string' ? v : undefined),
  expected: 'a string',
  flagType: 'string',
};

const yesNo: OptionKind<boolean> = {
  read: (v) => (typeof v === 'boolean' ? v : undefined),
  expected: 'true or false',
  flagType: 'boolean',
};

function count(range?: { min: number; max: number }): OptionKind<number> {
  return {
    read: (v) => {
      const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
      return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
    },
    expected: 'a positive whole number',
    flagType: 'string',
    range,
  };
}

const globs: OptionKind<string[]> = {
  read: (v) => {
    const list = typeof v === 'string' ? [v] : v;
    return Array.isArray(list) && list.every((s) => typeof s === 'string') ? list : undefined;
  },
  expected: 'a list of glob patterns',
  flagType: 'string',
  repeatable: true,
};

/** A non-empty list drawn from `allowed` ("title,text" on the command line). */
function listOf<const C extends string>(allowed: readonly C[]): OptionKind<C[]> {
  return {
    read: (v) => {
      const list = typeof v === 'string' ? v.split(',') : v;
      return Array.isArray(list) && list.length && list.every((s) => allowed.includes(s)) ? (list as C[]) : undefined;
    },
    expected: `a list of ${allowed.join(', ')}`,
    flagType: 'string',
  };
}

/** One of `allowed`, or null (left to someone else, e.g. the model). */
function oneOfOrNull<const C extends string>(allowed: readonly C[]): OptionKind<C | null> {
  return {
    read: (v) => (v === null || allowed.includes(v as C) ? (v as C | null) : undefined),
    expected: allowed.map((a) => `"${a}"`).join(' or '),
    flagType: 'string',
  };
}

/** Keeps each entry's value type, so `BuildOptions` is derived from the table. */
function option<T>(spec: OptionSpec<T>): OptionSpec<T> {
  return spec;
}

/** In `quarry build --help` order. */
export const BUILD_OPTIONS = {
  outDir: option<string | null>({
    flag: 'out',
    arg: 'DIR',
    kind: optionalText,
    default: null,
    defaultText: '<siteDir>/_quarry',
    help: 'Index folder, relative to the current folder',
  }),
  model: option({
    flag: 'model',
    arg: 'ID|DIR',
    kind: text,
    default: 'default',
    help: '"default" (embedded all-MiniLM-L6-v2, offline), a local model folder, or a Hugging Face id (needs network)',
  }),
  chunkWords: option({ flag: 'chunk-words', arg: 'N', kind: count({ min: 20, max: 2000 }), default: 200, help: "Target words per passage; a passage longer than the model reads (its tokens) is cut again to fit" }),
  overlapWords: option({ flag: 'overlap', arg: 'N', kind: count(), default: 35, help: 'Words shared by consecutive windows of a long section' }),
  minWords: option({ flag: 'min-words', arg: 'N', kind: count(), default: 50, help: 'Shorter sections merge with a neighbour, unless they have an anchor of their own (an API entry, an FAQ question)' }),
  include: option({ flag: 'include', arg: 'GLOB', kind: globs, default: ['**/*.{html,htm}'], help: 'Files to index' }),
  exclude: option({
    flag: 'exclude',
    arg: 'GLOB',
    kind: globs,
    merge: 'append',
    keepDefaults: 'defaultExcludes',
    default: ['_quarry/**', '**/node_modules/**', '**/_static/**', '**/_sources/**', '**/_modules/**', '**/genindex.html', '**/search.html', '**/404.html'],
    help: 'Files to skip',
  }),
  defaultExcludes: option({
    flag: 'no-default-excludes',
    negated: true,
    kind: yesNo,
    default: true,
    help: 'Skip only the --exclude patterns (and the index folder), not the defaults',
  }),
  selector: option<string | null>({ flag: 'selector', arg: 'CSS', kind: optionalText, default: null, defaultText: 'auto-detect', help: 'Main content element' }),
  queryPrefix: option<string | null>({ flag: 'query-prefix', arg: 'S', kind: optionalText, default: null, help: 'Prefix for queries (e.g. "query: " for E5 models)' }),
  passagePrefix: option<string | null>({ flag: 'passage-prefix', arg: 'S', kind: optionalText, default: null, help: 'Prefix for passages' }),
  pooling: option({ flag: 'pooling', arg: 'mean|cls', kind: oneOfOrNull(['mean', 'cls'] as const), default: null, defaultText: "the model's", help: 'Pooling' }),
  batchSize: option({ flag: 'batch-size', arg: 'N', kind: count(), default: 16, help: 'Passages per encoder call' }),
  staticTier: option({
    flag: 'no-static-tier',
    negated: true,
    kind: yesNo,
    default: true,
    help: 'Leave out the first-keystroke semantic tier (a word table distilled from the model and IVF-partitioned vectors: semantic results before the model downloads)',
  }),
  staticTexts: option({
    flag: 'static-texts',
    arg: 'N',
    kind: count({ min: 100, max: 200_000 }),
    default: 12_000,
    help: 'Site texts (headings, sentences, spans) the full model encodes to train the static tier: more is slower to build and closer to the model',
  }),
  copyModel: option({ flag: 'no-copy-model', negated: true, kind: yesNo, default: true, help: "Don't copy the model into the index (serve it yourself)" }),
  serviceWorker: option({ flag: 'sw', kind: yesNo, default: false, help: 'Also write quarry-sw.js, a service worker for full offline search' }),
  webgpu: option({
    flag: 'webgpu',
    kind: yesNo,
    default: false,
    help: "Also ship onnxruntime-web's WebGPU runtime (ort-wasm-simd-threaded.asyncify.*, 26.9 MB, over Cloudflare Pages' 25 MiB file limit); browsers with a GPU adapter then encode on the GPU. Without it every browser uses WebAssembly",
  }),
  precompress: option({
    flag: 'precompress',
    kind: yesNo,
    default: false,
    help: 'Also write .br and .gz copies of the index files, for servers that send precompressed siblings (nginx gzip_static/brotli_static, quarry serve); see docs/deployment.md',
  }),
  config: option<string | null>({
    flag: 'config',
    arg: 'FILE',
    only: 'cli',
    kind: optionalText,
    default: null,
    help: 'quarry.config.json / .js (default: looked up in <siteDir>)',
  }),
  json: option({ flag: 'json', kind: yesNo, default: false, help: 'Print a machine-readable summary on stdout' }),
  encodeFields: option({
    only: 'file',
    kind: listOf(['title', 'breadcrumb', 'text'] as const),
    default: ['title', 'breadcrumb', 'text'],
    help: 'What the encoder sees of a passage',
  }),
  maxFileBytes: option({ only: 'file', kind: count(), default: 20 * 1024 * 1024, defaultText: '20971520, 20 MiB', help: 'Largest HTML file read, in bytes; larger ones are skipped with a warning' }),
};

export type BuildOptionKey = keyof typeof BUILD_OPTIONS;

type ValueOf<S> = S extends OptionSpec<infer T> ? T : never;

/** Validated options, as the pipeline receives them. */
export type BuildOptions = { [K in BuildOptionKey]: ValueOf<(typeof BUILD_OPTIONS)[K]> } & {
  siteDir: string;
  /** Absolute. */
  outDir: string;
};

export const BUILD_DEFAULTS: Readonly<{ [K in Exclude<BuildOptionKey, 'outDir'>]: ValueOf<(typeof BUILD_OPTIONS)[K]> }> = Object.freeze(
  Object.fromEntries(Object.entries(BUILD_OPTIONS).filter(([key]) => key !== 'outDir').map(([key, spec]) => [key, spec.default])) as never,
);

/** The `node:util` parseArgs options for `quarry build`. */
export function buildFlagConfig(): Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> {
  const flags: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const spec of Object.values(BUILD_OPTIONS) as OptionSpec<unknown>[]) {
    if (spec.flag) flags[spec.flag] = spec.kind.repeatable ? { type: spec.kind.flagType, multiple: true } : { type: spec.kind.flagType };
  }
  return flags;
}

/** parseArgs values (keyed by flag) → option values (keyed by option), unset flags left out. */
export function optionsFromFlags(values: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(BUILD_OPTIONS) as Array<[BuildOptionKey, OptionSpec<unknown>]>) {
    const value = spec.flag === undefined ? undefined : values[spec.flag];
    if (value === undefined) continue;
    if (spec.negated) {
      if (value === true) options[key] = false;
    } else options[key] = value;
  }
  return options;
}
