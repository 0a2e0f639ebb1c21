/**
 * Generations in one live folder: new files go in beside the old ones,
 * manifest.json is replaced last, files two generations old are collected,
 * and a failed write rolls back to the previous index. Small synthetic
 * contents (no model is involved in writing).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Passage } from '../../../../src/core/format/docs.ts';
import type { Manifest } from '../../../../src/core/format/manifest.ts';
import { manifestEntries } from '../../../support/build-child.ts';
import { writeIndex, type IndexContents } from '../../../../build-index/write/write-index.ts';

const passage = (url: string, text: string): Passage => ({ url, anchor: '', title: url, breadcrumb: [url], subsections: [], text, words: text.split(' ').length, weight: 1, lang: 'en', meta: {} });

let root: string;
let out: string;
let assets: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'quarry-write-'));
  out = join(root, 'index');
  assets = join(root, 'assets');
  await mkdir(assets);
  await writeFile(join(assets, 'quarry.js'), 'widget v1');
});
afterEach(() => rm(root, { recursive: true, force: true }));

function contents(words: string): IndexContents {
  const passages = [passage('a.html', `alpha ${words}`), passage('b.html', `beta ${words}`)];
  return {
    passages,
    vectors: passages.map((_, i) => Float32Array.from({ length: 4 }, (_, d) => (d === i ? 1 : 0))),
    cacheKeys: passages.map((p) => p.text),
    model: { id: 'test/model', hash: 'f'.repeat(64), dims: 4, pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '', dtype: 'q8', path: null, maxTokens: 16 },
    modelFiles: [],
    assetsDir: assets,
    runtimeFiles: [],
    generator: 'quarry@test',
  };
}

const files = async () => (await readdir(out, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => join(d.parentPath, d.name).slice(out.length + 1)).sort();
/** What a manifest lists, shards included: read while its tables are still on disk. */
const listed = (m: Manifest) => manifestEntries(m, out).map((e) => e.path);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
async function expectIntact(m: Manifest) {
  for (const e of manifestEntries(m, out)) expect(sha(await readFile(join(out, e.path))).startsWith(e.sha256), e.path).toBe(true);
}

describe('writeIndex', () => {
  it('keeps the previous generation next to the new one and collects the one before', async () => {
    const a = (await writeIndex(out, contents('one'))).manifest;
    const inA = listed(a);
    const b = (await writeIndex(out, contents('two'))).manifest;
    const inB = listed(b);
    expect(inB.some((p) => /^text\/tables\/[0-9a-f]{12}\.json$/.test(p)) && inB.some((p) => /^text\/[0-9a-f]{12}\.json$/.test(p))).toBe(true);
    expect(await files()).toEqual([...new Set([...inA, ...inB, 'build-cache.json', 'build-files.json', 'manifest.json'])].sort());
    const c = (await writeIndex(out, contents('three'))).manifest;
    expect(await files()).toEqual([...new Set([...inB, ...listed(c), 'build-cache.json', 'build-files.json', 'manifest.json'])].sort());
    expect(JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'))).toEqual(c);
    await expectIntact(c);
    await expectIntact(b);
  });

  it('never collects a file it did not write', async () => {
    await writeIndex(out, contents('one'));
    await writeFile(join(out, '.htaccess'), 'Header set Cache-Control "max-age=60"');
    await writeFile(join(out, 'text', 'notes.json'), '{}');
    await writeIndex(out, contents('two'));
    await writeIndex(out, contents('three'));
    expect(await readFile(join(out, '.htaccess'), 'utf8')).toContain('max-age');
    expect(await readFile(join(out, 'text', 'notes.json'), 'utf8')).toBe('{}');
  });

  it('collects, from an index written before ledgers existed, only what its manifest lists', async () => {
    const inA = listed((await writeIndex(out, contents('one'))).manifest);
    await rm(join(out, 'build-files.json'));
    await writeFile(join(out, 'docs.user-copy.json'), 'mine');
    const inB = listed((await writeIndex(out, contents('two'))).manifest);
    const inC = listed((await writeIndex(out, contents('three'))).manifest);
    const left = await files();
    const gone = inA.filter((p) => !inB.includes(p) && !inC.includes(p));
    expect(gone.length).toBeGreaterThan(0);
    for (const p of gone) expect(left).not.toContain(p);
    expect(left).toContain('docs.user-copy.json');
  });

  it('upgrading a format-1 index: keeps its files one generation for open pages, then collects them, and never a user file', async () => {
    // A 0.1 folder: text shards listed as an array of entries, named text/<n>.<hash>.json, in the ledger.
    const v1Files = ['docs.000000000001.json', 'vectors.000000000002.bin', 'lexical.000000000003.bin', 'terms.000000000004.json', 'text/0.000000000005.json', 'text/1.000000000006.json'];
    await mkdir(join(out, 'text'), { recursive: true });
    for (const f of v1Files) await writeFile(join(out, f), f);
    await writeFile(join(out, 'text', 'notes.txt'), 'mine');
    const entry = (path: string) => ({ path, bytes: path.length, sha256: sha(Buffer.from(path)) });
    const v1 = { format: 'quarry-index', version: 1, files: { docs: entry(v1Files[0]), vectors: entry(v1Files[1]), lexical: entry(v1Files[2]), terms: entry(v1Files[3]), text: [entry(v1Files[4]), entry(v1Files[5])], model: [], assets: [] } };
    await writeFile(join(out, 'manifest.json'), JSON.stringify(v1));
    await writeFile(join(out, 'build-files.json'), JSON.stringify({ format: 'quarry-build-files', version: 1, files: v1Files }));
    const b = (await writeIndex(out, contents('two'))).manifest;
    expect(b.version).toBe(3);
    let left = await files();
    for (const f of v1Files) expect(left).toContain(f);
    await expectIntact(b);
    await writeIndex(out, contents('three'));
    left = await files();
    for (const f of v1Files) expect(left).not.toContain(f);
    expect(left).toContain('text/notes.txt');
  });

  it('a write that fails midway leaves the previous index as it was, stable-named files included', async () => {
    const a = (await writeIndex(out, contents('one'))).manifest;
    const before = await files();
    const manifest = await readFile(join(out, 'manifest.json'), 'utf8');
    // The next build changes quarry.js and adds zz/late.js, which cannot be placed: zz is a file.
    await writeFile(join(assets, 'quarry.js'), 'widget v2');
    await mkdir(join(assets, 'zz'));
    await writeFile(join(assets, 'zz', 'late.js'), 'late');
    await writeFile(join(out, 'zz'), 'in the way');
    await expect(writeIndex(out, contents('two'))).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE', message: expect.stringMatching(/^Writing the index to .*index failed: .* The previous index is unchanged\.$/) });
    expect(await readFile(join(out, 'manifest.json'), 'utf8')).toBe(manifest);
    expect(await readFile(join(out, 'quarry.js'), 'utf8')).toBe('widget v1');
    await expectIntact(a);
    expect(await files()).toEqual([...before, 'zz'].sort());
  });

  it('a first write that fails leaves nothing of its own behind', async () => {
    await mkdir(join(assets, 'zz'));
    await writeFile(join(assets, 'zz', 'late.js'), 'late');
    await mkdir(out);
    await writeFile(join(out, 'zz'), 'in the way');
    await expect(writeIndex(out, contents('one'))).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE' });
    expect(await readdir(out)).toEqual(['zz']);
  });

  it('the build cache names the vectors file it is aligned with', async () => {
    const { manifest } = await writeIndex(out, contents('one'));
    const cache = JSON.parse(await readFile(join(out, 'build-cache.json'), 'utf8'));
    expect(cache.vectors).toEqual({ path: manifest.files.vectors.path, sha256: manifest.files.vectors.sha256 });
    expect(cache.keys).toEqual(['alpha one', 'beta one']);
  });
});
