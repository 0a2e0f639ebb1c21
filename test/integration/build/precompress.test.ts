/**
 * `quarry build --precompress` on the sample site: `.br`/`.gz` siblings that
 * decode to the files' bytes, kept while their file is unchanged, removed
 * with the files the build collects and all of them on a build without the
 * flag, and never a sibling Quarry did not write.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, HOST_FILE_LIMIT_BYTES } from '../../../build-index/build.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { COMPRESSED_LEDGER_FILE } from '../../../build-index/write/precompress.ts';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { buildSiteCopy, silentReporter, type BuiltSite } from '../../support/sample-site.ts';

const SIBLING = /\.(br|gz)$/;

let built: BuiltSite;
beforeAll(async () => {
  built = await buildSiteCopy(undefined, { precompress: true });
});
afterAll(() => built?.cleanup());

const files = async () => (await readdir(built.index, { recursive: true })).map(String).sort();
const manifestOf = async (): Promise<Manifest> => JSON.parse(await readFile(join(built.index, 'manifest.json'), 'utf8')) as Manifest;
const rebuild = async (flags: Record<string, unknown> = {}) => build(await resolveBuildOptions(built.site, flags), silentReporter);
const editPage = async (sentence: string) => {
  const page = join(built.site, 'troubleshooting.html');
  await writeFile(page, (await readFile(page, 'utf8')).replace('</p>', ` ${sentence}</p>`));
};

/** Every sibling in the folder decodes to its file's current bytes. */
async function expectSiblingsMatch(): Promise<string[]> {
  const siblings = (await files()).filter((f) => SIBLING.test(f));
  for (const s of siblings) {
    const base = s.replace(SIBLING, '');
    const packed = await readFile(join(built.index, s));
    const original = await readFile(join(built.index, base)).catch(() => null);
    expect(original, `${s} has no ${base}`).not.toBeNull();
    const decoded = s.endsWith('.br') ? brotliDecompressSync(packed) : gunzipSync(packed);
    expect(decoded.equals(original!), `${s} decodes to ${base}`).toBe(true);
    expect(packed.byteLength, s).toBeLessThan(original!.byteLength * 0.95);
  }
  return siblings;
}

describe('quarry build --precompress', () => {
  it('writes .br and .gz beside the manifest, index files, model, runtime and widget, decoding to the same bytes', async () => {
    const siblings = await expectSiblingsMatch();
    const m = await manifestOf();
    const onnx = m.files.model.find((f) => f.path.endsWith('.onnx'))!.path;
    // Whatever the index format names its files: every JSON, script, WebAssembly or ONNX file of 4 KiB or more shrinks by far more than 5 %.
    const text = [];
    for (const f of await files()) {
      if (SIBLING.test(f) || f.startsWith('build-') || !/\.(json|js|mjs|wasm|onnx)$/.test(f)) continue;
      if ((await stat(join(built.index, f))).size >= 4096) text.push(f);
    }
    if ((await stat(join(built.index, 'manifest.json'))).size >= 1024) text.push('manifest.json');
    expect(text).toEqual(expect.arrayContaining(['quarry.js', 'quarry.worker.js', 'ort/ort-wasm-simd-threaded.wasm', 'ort/ort-wasm-simd-threaded.mjs', onnx]));
    for (const base of text) expect(siblings, base).toEqual(expect.arrayContaining([`${base}.br`, `${base}.gz`]));
    // Build records are not fetched by browsers.
    for (const record of ['build-cache.json', 'build-files.json', COMPRESSED_LEDGER_FILE]) expect(siblings.some((s) => s.startsWith(`${record}.`)), record).toBe(false);
    expect(built.summary.precompressed?.files.map((f) => f.path).sort()).toEqual(siblings);
    // Brotli beats gzip on the runtime (the biggest win: 14 MB → ~3 MB).
    const size = async (p: string) => (await stat(join(built.index, p))).size;
    expect(await size('ort/ort-wasm-simd-threaded.wasm.br')).toBeLessThan(await size('ort/ort-wasm-simd-threaded.wasm.gz'));
    expect(await size('ort/ort-wasm-simd-threaded.wasm.br')).toBeLessThan((await size('ort/ort-wasm-simd-threaded.wasm')) / 3);
  });

  it('keeps no file, sibling or not, over 25 MiB', async () => {
    for (const f of await files()) expect((await stat(join(built.index, f))).size, f).toBeLessThanOrEqual(HOST_FILE_LIMIT_BYTES);
  });

  it('compresses only what changed on a rebuild, and drops the siblings of files the build collects', async () => {
    const m0 = await manifestOf();
    const onnx = m0.files.model.find((f) => f.path.endsWith('.onnx'))!.path;
    const modelBr = await stat(join(built.index, `${onnx}.br`));

    const same = await rebuild({ precompress: true });
    // Only manifest.json changed (its build date): the model's and runtime's siblings are not made again.
    expect(same.precompressed?.compressed).toBeLessThanOrEqual(2);
    expect(same.precompressed?.files.length).toBe(built.summary.precompressed?.files.length);
    expect((await stat(join(built.index, `${onnx}.br`))).mtimeMs).toBe(modelBr.mtimeMs);

    await editPage('An extra sentence about kelp forests appears here.');
    await rebuild({ precompress: true });
    const m1 = await manifestOf();
    expect(m1.files.vectors.path).not.toBe(m0.files.vectors.path);
    const siblings = await expectSiblingsMatch();
    expect(siblings).toEqual(expect.arrayContaining([`${m1.files.vectors.path}.br`, `${m0.files.vectors.path}.br`])); // the previous generation is still served

    await editPage('And one about tide pools.');
    await rebuild({ precompress: true });
    const now = await files();
    // m0's own files were collected, and their siblings with them.
    expect(now).not.toContain(m0.files.vectors.path);
    expect(now).not.toContain(`${m0.files.vectors.path}.br`);
    expect(now).not.toContain(`${m0.files.vectors.path}.gz`);
    await expectSiblingsMatch();
  });

  it('removes every sibling it wrote on a build without the flag, and never one it did not write', async () => {
    await writeFile(join(built.index, 'site-notes.json.gz'), 'a file the site owner put here');
    const summary = await rebuild();
    expect(summary.precompressed).toBeNull();
    expect((await files()).filter((f) => SIBLING.test(f))).toEqual(['site-notes.json.gz']);
    // With no siblings left there is no ledger of them either.
    expect(await files()).not.toContain(COMPRESSED_LEDGER_FILE);
  });
});
