/**
 * Checks an untrusted manifest.json before anything else is fetched, so a
 * stale, foreign or hand-edited index fails with a message that says what to
 * do instead of a TypeError deep inside search.
 */
import { QuarryError } from '../errors.ts';
import { INDEX_FORMAT, INDEX_VERSION, SHARD_HASH_CHARS, type FileEntry, type Manifest } from './manifest.ts';

export function validateManifest(value: unknown, where: string): Manifest {
  const fail = (what: string): never => {
    throw new QuarryError('INDEX_CORRUPT', `${where}: ${what}. Rebuild the index with \`quarry build\`.`);
  };
  if (!isObject(value)) return fail('not a JSON object');
  if (value.format !== INDEX_FORMAT) return fail(`"format" is ${JSON.stringify(value.format)}, expected "${INDEX_FORMAT}" — is this a Quarry index folder?`);
  if (typeof value.version !== 'number') return fail('"version" is missing');
  if (value.version !== INDEX_VERSION) {
    throw new QuarryError(
      'INDEX_VERSION',
      `${where}: index format version ${value.version}, but this Quarry reads version ${INDEX_VERSION}. ` +
        (value.version > INDEX_VERSION ? 'Update Quarry (the widget and the CLI) to the version that built it.' : 'Rebuild the index with `quarry build`.'),
    );
  }
  const model = value.model;
  if (!isObject(model)) return fail('"model" is missing');
  for (const key of ['id', 'hash', 'pooling', 'dtype', 'queryPrefix', 'passagePrefix'] as const) {
    if (typeof model[key] !== 'string') fail(`"model.${key}" must be a string`);
  }
  if (!isPositiveInt(model.dims)) fail('"model.dims" must be a positive integer');
  if (!isObject(value.counts) || !isCount(value.counts.pages) || !isCount(value.counts.passages)) fail('"counts" is missing or invalid');
  const files = value.files;
  if (!isObject(files)) return fail('"files" is missing');
  for (const key of ['docs', 'vectors', 'lexical', 'terms'] as const) checkEntry(files[key], `files.${key}`, fail);
  const passages = (value.counts as { passages: number }).passages;
  checkShardTable((checkShardSet(files.postings, 'files.postings', fail) as { tables: unknown }).tables, 'files.postings.tables', 'string', fail);
  const text = checkShardTable((checkShardSet(files.text, 'files.text', fail) as { tables: unknown }).tables, 'files.text.tables', 'number', fail);
  if (passages > 0 && (text.first[0] !== 0 || (text.first[text.first.length - 1] as number) >= passages)) fail(`"files.text.tables.first" must start at passage 0 and stay below the ${passages} passages`);
  for (const key of ['model', 'assets'] as const) {
    if (!Array.isArray(files[key])) fail(`"files.${key}" must be a list`);
    (files[key] as unknown[]).forEach((e, i) => checkEntry(e, `files.${key}[${i}]`, fail));
  }
  if (value.calibration !== undefined) checkCalibration(value.calibration, fail);
  if (value.staticTier !== undefined) checkStaticTier(value.staticTier, files, fail);
  return value as unknown as Manifest;
}

function checkStaticTier(t: unknown, files: Record<string, unknown>, fail: (what: string) => never): void {
  if (!isObject(t) || t.version !== 1) return fail('"staticTier" must be { version: 1, nprobe, words, key }');
  checkShardTable((checkShardSet(files.staticRows, 'files.staticRows', fail) as { tables: unknown }).tables, 'files.staticRows.tables', 'string', fail);
  checkEntry(files.ivfCentroids, 'files.ivfCentroids', fail);
  const lists = checkShardTable((checkShardSet(files.ivfLists, 'files.ivfLists', fail) as { tables: unknown }).tables, 'files.ivfLists.tables', 'number', fail);
  if (lists.first[0] !== 0) fail('"files.ivfLists.tables.first" must start at list 0');
  if (!isPositiveInt(t.nprobe)) fail('"staticTier.nprobe" must be a positive integer');
  if (!isCount(t.words)) fail('"staticTier.words" must be a count');
  if (t.calibration !== undefined) checkCalibration(t.calibration, (what) => fail(`staticTier: ${what}`));
  if (typeof t.key !== 'string') fail('"staticTier.key" must be a string');
}

/** A hand-edited or foreign calibration would silently hide every result: refuse it. */
function checkCalibration(c: unknown, fail: (what: string) => never): void {
  const isScore = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= -1 && v <= 1;
  const checkSpread = (spread: unknown, name: string): void => {
    if (!isObject(spread) || !isCount(spread.count) || !(['p05', 'p50', 'p95', 'max'] as const).every((q) => isScore(spread[q]))) {
      fail(`"${name}" must be { count, p05, p50, p95, max }`);
    }
  };
  if (!isObject(c) || c.version !== 1) return fail('"calibration" must be { version: 1, denseFloor, unknownWordsFloor, noise, inDomain, key }');
  for (const key of ['denseFloor', 'unknownWordsFloor'] as const) if (!isScore(c[key])) fail(`"calibration.${key}" must be a cosine between -1 and 1`);
  if (!isObject(c.noise)) return fail('"calibration.noise" must be { offTopic, madeUp }');
  checkSpread(c.noise.offTopic, 'calibration.noise.offTopic');
  checkSpread(c.noise.madeUp, 'calibration.noise.madeUp');
  checkSpread(c.inDomain, 'calibration.inDomain');
  if (typeof c.key !== 'string') fail('"calibration.key" must be a string');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
function isPositiveInt(v: unknown): v is number {
  return isCount(v) && v > 0;
}
/** A shard set: plain folder and extension, and its tables. */
function checkShardSet(set: unknown, name: string, fail: (what: string) => never): Record<string, unknown> {
  if (!isObject(set) || typeof set.dir !== 'string' || typeof set.ext !== 'string' || !isObject(set.tables)) return fail(`"${name}" must be { dir, ext, tables }`);
  if (!/^[a-z0-9_-]+$/i.test(set.dir) || !/^[a-z0-9]+$/i.test(set.ext)) fail(`"${name}.dir" and ".ext" must be plain names`);
  return set;
}

/**
 * A shard table (in the manifest, or a table file): hashes of 12 hex digits
 * each, and one first key per shard, ascending. Search binary-searches the
 * keys, so an unsorted table would silently miss terms.
 */
export function checkShardTable(table: unknown, name: string, key: 'string' | 'number', fail: (what: string) => never): { hashes: string; first: Array<string | number> } {
  if (!isObject(table) || typeof table.hashes !== 'string' || !Array.isArray(table.first)) return fail(`"${name}" must be { hashes, first }`);
  if (!new RegExp(`^([0-9a-f]{${SHARD_HASH_CHARS}})*$`).test(table.hashes)) fail(`"${name}.hashes" must be ${SHARD_HASH_CHARS}-digit hex hashes end to end`);
  const first = table.first as unknown[];
  if (first.length * SHARD_HASH_CHARS !== table.hashes.length) fail(`"${name}" lists ${first.length} keys but ${table.hashes.length / SHARD_HASH_CHARS} hashes`);
  const ok = (k: unknown): boolean => (key === 'string' ? typeof k === 'string' : isCount(k));
  if (!first.every((k, i) => ok(k) && (i === 0 || (first[i - 1] as string | number) < (k as string | number)))) fail(`"${name}.first" must be ${key === 'string' ? 'terms' : 'passage ids'} in ascending order`);
  return table as { hashes: string; first: Array<string | number> };
}

function checkEntry(e: unknown, name: string, fail: (what: string) => never): asserts e is FileEntry {
  if (!isObject(e) || typeof e.path !== 'string' || !isCount(e.bytes) || typeof e.sha256 !== 'string') {
    fail(`"${name}" must be { path, bytes, sha256 }`);
  }
  const path = (e as unknown as FileEntry).path;
  // Paths come from a file anyone can edit; keep fetches inside the index folder.
  if (path.startsWith('/') || path.split('/').includes('..') || /^[a-z]+:/i.test(path)) fail(`"${name}.path" must stay inside the index folder`);
}
