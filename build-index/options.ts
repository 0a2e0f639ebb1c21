/**
 * Turns CLI flags + quarry.config.json/.js into validated BuildOptions.
 * Precedence: flags > config file > BUILD_DEFAULTS. Unknown keys and wrong
 * types are errors that name their source, never silently dropped.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { QuarryError } from '../src/core/errors.ts';
import { BUILD_DEFAULTS, type BuildOptions } from './config.ts';

type Raw = Record<string, unknown>;

const KINDS: Record<keyof typeof BUILD_DEFAULTS | 'outDir', 'string' | 'int' | 'bool' | 'strings' | 'fields' | 'nullable-string' | 'pooling'> = {
  outDir: 'string',
  model: 'string',
  chunkWords: 'int',
  overlapWords: 'int',
  minWords: 'int',
  include: 'strings',
  exclude: 'strings',
  selector: 'nullable-string',
  copyModel: 'bool',
  encodeFields: 'fields',
  queryPrefix: 'nullable-string',
  passagePrefix: 'nullable-string',
  pooling: 'pooling',
  batchSize: 'int',
  serviceWorker: 'bool',
  json: 'bool',
  maxFileBytes: 'int',
};

export async function resolveBuildOptions(siteDir: string, flags: Raw, configPath?: string): Promise<BuildOptions> {
  const site = resolve(siteDir);
  const file = configPath ? resolve(configPath) : ['quarry.config.json', 'quarry.config.js', 'quarry.config.mjs'].map((f) => join(site, f)).find(existsSync);
  const fromFile = file ? await loadConfig(file) : {};
  const merged: Raw = { ...BUILD_DEFAULTS };
  apply(merged, fromFile, file ?? 'config');
  apply(merged, flags, 'command line');
  const options = { ...merged, siteDir: site, outDir: resolve(site, (merged.outDir as string | undefined) ?? '_quarry') } as BuildOptions;
  if (options.overlapWords >= options.chunkWords) {
    throw new QuarryError('BAD_OPTION', `overlap (${options.overlapWords} words) must be smaller than chunk-words (${options.chunkWords}).`);
  }
  if (options.chunkWords < 20 || options.chunkWords > 2000) throw new QuarryError('BAD_OPTION', `chunk-words must be between 20 and 2000, got ${options.chunkWords}.`);
  return options;
}

async function loadConfig(file: string): Promise<Raw> {
  if (!existsSync(file)) throw new QuarryError('BAD_OPTION', `Config file not found: ${file}.`);
  try {
    if (file.endsWith('.json')) return JSON.parse(await readFile(file, 'utf8')) as Raw;
    const mod = (await import(pathToFileURL(file).href)) as { default?: Raw };
    return mod.default ?? {};
  } catch (e) {
    throw new QuarryError('BAD_OPTION', `Cannot read ${file}: ${(e as Error).message}.`, { cause: e });
  }
}

function apply(target: Raw, source: Raw, from: string): void {
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const kind = KINDS[key as keyof typeof KINDS];
    if (!kind) {
      throw new QuarryError('BAD_OPTION', `Unknown option "${key}" in ${from}. Known options: ${Object.keys(KINDS).join(', ')}.`);
    }
    target[key] = coerce(key, kind, value, from);
  }
}

function coerce(key: string, kind: (typeof KINDS)[keyof typeof KINDS], value: unknown, from: string): unknown {
  const bad = (expected: string): never => {
    throw new QuarryError('BAD_OPTION', `Option "${key}" in ${from} must be ${expected}, got ${JSON.stringify(value)}.`);
  };
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value ? value : bad('a non-empty string');
    case 'nullable-string':
      return value === null || typeof value === 'string' ? value : bad('a string');
    case 'bool':
      return typeof value === 'boolean' ? value : bad('true or false');
    case 'int': {
      const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
      return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : bad('a positive whole number');
    }
    case 'strings': {
      const list = typeof value === 'string' ? [value] : value;
      return Array.isArray(list) && list.every((s) => typeof s === 'string') ? list : bad('a list of glob patterns');
    }
    case 'fields': {
      const list = typeof value === 'string' ? value.split(',') : value;
      const ok = ['title', 'breadcrumb', 'text'];
      return Array.isArray(list) && list.length && list.every((s) => ok.includes(s)) ? list : bad(`a list of ${ok.join(', ')}`);
    }
    case 'pooling':
      return value === null || value === 'mean' || value === 'cls' ? value : bad('"mean" or "cls"');
  }
}
