/**
 * Turns CLI flags + quarry.config.json/.js into validated BuildOptions, by
 * the rules of the option table (config.ts). Precedence: flags > config
 * file > defaults, except `merge: 'append'` lists, which add to the defaults.
 * Unknown keys and wrong types are errors that name their source, never
 * silently dropped; ranges are checked once, on the merged values.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QuarryError } from '../src/core/errors.ts';
import { BUILD_OPTIONS, type BuildOptionKey, type BuildOptions, type OptionSpec } from './config.ts';

type Raw = Record<string, unknown>;

const SPECS = BUILD_OPTIONS as Record<BuildOptionKey, OptionSpec<unknown>>;
const COMMAND_LINE = 'the command line';

/**
 * `flags` are option values keyed by option (see `optionsFromFlags`); their
 * relative paths are relative to the current folder. `flags.config` names
 * the config file; without it one is looked up in the site folder.
 */
export async function resolveBuildOptions(siteDir: string, flags: Raw): Promise<BuildOptions> {
  const site = resolve(siteDir);
  const configPath = flags.config === undefined ? null : (validate('config', SPECS.config, flags.config, COMMAND_LINE) as string | null);
  const file = configPath ? resolve(configPath) : ['quarry.config.json', 'quarry.config.js', 'quarry.config.mjs'].map((f) => join(site, f)).find(existsSync);
  const layers: Array<{ from: string; values: Raw }> = [
    { from: file ?? 'config', values: file ? await loadConfig(file) : {} },
    { from: COMMAND_LINE, values: { ...flags, config: file ?? null } },
  ];
  const merged: Raw = {};
  const appended: Raw = {};
  const source: Partial<Record<BuildOptionKey, string>> = {};
  for (const { from, values } of layers) {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      const spec = specFor(key, from);
      const read = validate(key, spec, value, from);
      if (spec.merge === 'append') appended[key] = [...((appended[key] as unknown[] | undefined) ?? []), ...(read as unknown[])];
      else merged[key] = read;
      source[key as BuildOptionKey] = from;
    }
  }
  for (const [key, spec] of Object.entries(SPECS) as Array<[BuildOptionKey, OptionSpec<unknown>]>) {
    if (spec.merge === 'append') {
      const keep = spec.keepDefaults === undefined || (merged[spec.keepDefaults] ?? SPECS[spec.keepDefaults as BuildOptionKey].default) !== false;
      merged[key] = [...(keep ? (spec.default as unknown[]) : []), ...((appended[key] as unknown[] | undefined) ?? [])];
    } else if (!(key in merged)) merged[key] = spec.default;
    const { range } = spec.kind;
    const n = merged[key];
    if (range && typeof n === 'number' && (n < range.min || n > range.max)) {
      throw new QuarryError('BAD_OPTION', `${describe(key, source[key] ?? 'defaults')} must be between ${range.min} and ${range.max}, got ${n}.`);
    }
  }
  const options = merged as BuildOptions;
  if (options.overlapWords >= options.chunkWords) {
    throw new QuarryError('BAD_OPTION', `overlap (${options.overlapWords} words) must be smaller than chunk-words (${options.chunkWords}).`);
  }
  options.siteDir = site;
  const out = merged.outDir as string | null;
  // A flag is typed relative to where the command runs; a config file lives in the site.
  options.outDir = out === null ? join(site, '_quarry') : source.outDir === COMMAND_LINE ? resolve(out) : resolve(site, out);
  return options;
}

async function loadConfig(file: string): Promise<Raw> {
  if (!existsSync(file)) throw new QuarryError('BAD_OPTION', `Config file not found: ${file}.`);
  let loaded: unknown;
  try {
    if (file.endsWith('.json')) loaded = JSON.parse(await readFile(file, 'utf8'));
    else loaded = ((await import(pathToFileURL(file).href)) as { default?: unknown }).default ?? {};
  } catch (e) {
    throw new QuarryError('BAD_OPTION', `Cannot read ${file}: ${(e as Error).message}.`, { cause: e });
  }
  if (typeof loaded !== 'object' || loaded === null || Array.isArray(loaded)) {
    throw new QuarryError('BAD_OPTION', `${file} must hold an object of options (e.g. { "chunkWords": 150 }), got ${JSON.stringify(loaded)}.`);
  }
  return loaded as Raw;
}

function specFor(key: string, from: string): OptionSpec<unknown> {
  const spec = Object.hasOwn(SPECS, key) ? SPECS[key as BuildOptionKey] : undefined;
  // --config names the file the others come from; it cannot name another one.
  const known = (Object.keys(SPECS) as BuildOptionKey[]).filter((k) => from === COMMAND_LINE || SPECS[k].only !== 'cli');
  if (!spec || !known.includes(key as BuildOptionKey)) {
    throw new QuarryError('BAD_OPTION', `Unknown option "${key}" in ${from}. Known options: ${known.join(', ')}.`);
  }
  return spec;
}

function validate(key: string, spec: OptionSpec<unknown>, value: unknown, from: string): unknown {
  const read = spec.kind.read(value);
  if (read === undefined) throw new QuarryError('BAD_OPTION', `${describe(key, from)} must be ${spec.kind.expected}, got ${JSON.stringify(value)}.`);
  return read;
}

/** `Option "chunkWords" (--chunk-words) on the command line` / `Option "chunkWords" in /site/quarry.config.json`. */
function describe(key: string, from: string): string {
  const { flag } = SPECS[key as BuildOptionKey];
  return from === COMMAND_LINE ? `Option "${key}"${flag ? ` (--${flag})` : ''} on ${from}` : `Option "${key}" in ${from}`;
}
