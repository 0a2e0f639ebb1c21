/**
 * Checks an untrusted manifest.json before anything else is fetched, so a
 * stale, foreign or hand-edited index fails with a message that says what to
 * do instead of a TypeError deep inside search.
 */
import { QuarryError } from '../errors.ts';
import { INDEX_FORMAT, INDEX_VERSION, type FileEntry, type Manifest } from './manifest.ts';

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
  if (!isPositiveInt(value.textShardSize)) fail('"textShardSize" must be a positive integer');
  const files = value.files;
  if (!isObject(files)) return fail('"files" is missing');
  for (const key of ['docs', 'vectors', 'lexical', 'terms'] as const) checkEntry(files[key], `files.${key}`, fail);
  if (!Array.isArray(files.text)) fail('"files.text" must be a list');
  (files.text as unknown[]).forEach((e, i) => checkEntry(e, `files.text[${i}]`, fail));
  for (const key of ['model', 'assets'] as const) {
    if (!Array.isArray(files[key])) fail(`"files.${key}" must be a list`);
    (files[key] as unknown[]).forEach((e, i) => checkEntry(e, `files.${key}[${i}]`, fail));
  }
  if (value.calibration !== undefined) checkCalibration(value.calibration, fail);
  return value as unknown as Manifest;
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
function checkEntry(e: unknown, name: string, fail: (what: string) => never): asserts e is FileEntry {
  if (!isObject(e) || typeof e.path !== 'string' || !isCount(e.bytes) || typeof e.sha256 !== 'string') {
    fail(`"${name}" must be { path, bytes, sha256 }`);
  }
  const path = (e as unknown as FileEntry).path;
  // Paths come from a file anyone can edit; keep fetches inside the index folder.
  if (path.startsWith('/') || path.split('/').includes('..') || /^[a-z]+:/i.test(path)) fail(`"${name}.path" must stay inside the index folder`);
}
