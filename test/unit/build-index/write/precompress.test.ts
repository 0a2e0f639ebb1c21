/**
 * The sibling ledger's rules on a plain folder: what is compressed, what is
 * kept, what is removed, and that nothing outside the ledger is touched.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { brotliQuality, COMPRESSED_LEDGER_FILE, isPrecompressible, updateCompressedSiblings } from '../../../../build-index/write/precompress.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quarry-precompress-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Deterministic incompressible bytes: a sha256 chain. */
const noise = (n: number) => {
  const out = Buffer.alloc(n);
  let block = createHash('sha256').update('seed').digest();
  for (let i = 0; i < n; i += block.length) {
    block.copy(out, i);
    block = createHash('sha256').update(block).digest();
  }
  return out;
};
const json = (n: number) => JSON.stringify({ words: Array.from({ length: n }, (_, i) => `word${i % 97}`) });
const put = async (rel: string, data: string | Uint8Array) => {
  await mkdir(join(dir, rel, '..'), { recursive: true });
  await writeFile(join(dir, rel), data);
};
const list = async () => (await readdir(dir, { recursive: true })).map(String).sort();
const run = (enabled: boolean, files: string[], owned: string[] = files) => updateCompressedSiblings(dir, { enabled, files, owned: new Set(owned) });

describe('updateCompressedSiblings', () => {
  it('writes .br and .gz that decode to the file, for compressible files that shrink', async () => {
    await put('manifest.json', json(500));
    await put('text/0123456789ab.json', json(2000));
    await put('tiny.js', 'export {};');
    await put('logo.png', Buffer.alloc(5000, 1));
    await put('noise.bin', noise(20_000)); // int8 vectors come close: incompressible bytes get no sibling
    const r = await run(true, ['manifest.json', 'text/0123456789ab.json', 'tiny.js', 'logo.png', 'noise.bin']);
    expect(r.siblings.map((s) => s.path)).toEqual(['manifest.json.br', 'manifest.json.gz', 'text/0123456789ab.json.br', 'text/0123456789ab.json.gz']);
    expect(brotliDecompressSync(await readFile(join(dir, 'manifest.json.br'))).toString()).toBe(json(500));
    expect(gunzipSync(await readFile(join(dir, 'text/0123456789ab.json.gz'))).toString()).toBe(json(2000));
    expect(r.compressed).toBe(4);
    expect(await list()).toContain(COMPRESSED_LEDGER_FILE);
  });

  it('keeps the siblings of an unchanged file, and redoes those of a changed one', async () => {
    await put('quarry.js', json(800));
    await put('docs.aaaaaaaaaaaa.json', json(900));
    await run(true, ['quarry.js', 'docs.aaaaaaaaaaaa.json']);
    const before = (await stat(join(dir, 'quarry.js.br'))).mtimeMs;
    await put('docs.aaaaaaaaaaaa.json', json(950));
    const r = await run(true, ['quarry.js', 'docs.aaaaaaaaaaaa.json']);
    expect(r.compressed).toBe(2);
    expect((await stat(join(dir, 'quarry.js.br'))).mtimeMs).toBe(before);
    expect(brotliDecompressSync(await readFile(join(dir, 'docs.aaaaaaaaaaaa.json.br'))).toString()).toBe(json(950));
  });

  it("keeps the previous generation's siblings while the build keeps its files, and drops them with the files", async () => {
    await put('docs.aaaaaaaaaaaa.json', json(900));
    await run(true, ['docs.aaaaaaaaaaaa.json']);
    await put('docs.bbbbbbbbbbbb.json', json(901));
    await run(true, ['docs.bbbbbbbbbbbb.json'], ['docs.aaaaaaaaaaaa.json', 'docs.bbbbbbbbbbbb.json']);
    expect(await list()).toEqual(expect.arrayContaining(['docs.aaaaaaaaaaaa.json.br', 'docs.bbbbbbbbbbbb.json.br']));
    // The index writer collected the old file: its siblings go too.
    await rm(join(dir, 'docs.aaaaaaaaaaaa.json'));
    const r = await run(true, ['docs.bbbbbbbbbbbb.json'], ['docs.bbbbbbbbbbbb.json']);
    expect(r.removed).toEqual(['docs.aaaaaaaaaaaa.json.br', 'docs.aaaaaaaaaaaa.json.gz']);
    expect((await list()).filter((f) => f.startsWith('docs.aaaaaaaaaaaa'))).toEqual([]);
  });

  it('removes every sibling it wrote when disabled, then its ledger, and never a file it did not write', async () => {
    await put('manifest.json', json(500));
    await run(true, ['manifest.json']);
    await put('site-owner.json.gz', 'not ours');
    await put('quarry.js', json(600));
    await put('quarry.js.br', 'made by the site owner');
    const r = await run(false, ['manifest.json', 'quarry.js']);
    expect(r.siblings).toEqual([]);
    expect(await list()).toEqual(['manifest.json', 'quarry.js', 'quarry.js.br', 'site-owner.json.gz']);
  });

  it('does not overwrite a sibling-named file it did not write', async () => {
    await put('quarry.js', json(600));
    await put('quarry.js.br', 'made by the site owner');
    const r = await run(true, ['quarry.js']);
    expect(r.foreign).toEqual(['quarry.js.br']);
    expect(await readFile(join(dir, 'quarry.js.br'), 'utf8')).toBe('made by the site owner');
    expect(r.siblings.map((s) => s.path)).toEqual(['quarry.js.gz']);
    // Nor remove it later.
    await run(false, ['quarry.js']);
    expect(await list()).toEqual(['quarry.js', 'quarry.js.br']);
  });

  it('cleans up after a build killed while writing siblings (listed before they are placed)', async () => {
    await put('manifest.json', json(500));
    // What a killed build leaves: the pending ledger and one sibling of unknown state.
    await put(COMPRESSED_LEDGER_FILE, JSON.stringify({ format: 'quarry-build-compressed', version: 1, files: { 'manifest.json': { sha256: '', siblings: ['manifest.json.br', 'manifest.json.gz'] } } }));
    await put('manifest.json.br', 'half written');
    await run(false, ['manifest.json']);
    expect(await list()).toEqual(['manifest.json']);
  });

  it('never follows a tampered ledger outside the folder or to files that are not siblings', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'quarry-outside-'));
    try {
      await writeFile(join(outside, 'keep.br'), 'x');
      await put('page.html', '<p>mine</p>');
      const files = { '../keep': { sha256: 'x', siblings: ['../keep.br'] }, 'manifest.json': { sha256: 'x', siblings: ['page.html', 'manifest.json.br'] } };
      await put(COMPRESSED_LEDGER_FILE, JSON.stringify({ format: 'quarry-build-compressed', version: 1, files }));
      await put('manifest.json', json(10));
      await run(false, ['manifest.json']);
      expect(await readdir(outside)).toEqual(['keep.br']);
      expect(await list()).toEqual(['manifest.json', 'page.html']);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe('what is compressed, and how hard', () => {
  it('takes index data, scripts, WebAssembly and ONNX, not build records or images', () => {
    for (const f of ['manifest.json', 'vectors.0123456789ab.bin', 'ort/ort-wasm-simd-threaded.wasm', 'ort/ort-wasm-simd-threaded.mjs', 'models/x/onnx/model_quantized.onnx', 'quarry.js']) expect(isPrecompressible(f), f).toBe(true);
    for (const f of ['build-cache.json', 'build-files.json', COMPRESSED_LEDGER_FILE, 'logo.png', 'font.woff2', 'manifest.json.br']) expect(isPrecompressible(f), f).toBe(false);
  });

  it('uses brotli 11 for small files and lower qualities for multi-MB ones', () => {
    expect(brotliQuality(20_000)).toBe(11);
    expect(brotliQuality(1_000_000)).toBe(9);
    expect(brotliQuality(14_000_000)).toBe(5);
  });
});
