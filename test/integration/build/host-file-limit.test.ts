/**
 * Static hosts cap the size of one file (Cloudflare Pages: 25 MiB). The
 * sample build's index, model and runtime included, stays under it; only
 * `--webgpu` adds a file over it (onnxruntime-web's asyncify build, 26.9 MB),
 * and the build says so. File sizes are deterministic for a given Quarry and
 * onnxruntime-web version.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, HOST_FILE_LIMIT_BYTES } from '../../../build-index/build.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { buildSiteCopy, silentReporter, type BuiltSite } from '../../support/sample-site.ts';

let built: BuiltSite;
beforeAll(async () => {
  built = await buildSiteCopy();
});
afterAll(() => built?.cleanup());

const filesWithSizes = async () => {
  const names = (await readdir(built.index, { recursive: true })).map(String);
  const entries = await Promise.all(names.map(async (f) => ({ path: f, info: await stat(join(built.index, f)) })));
  return entries.filter((e) => e.info.isFile()).map((e) => ({ path: e.path, bytes: e.info.size }));
};
const assets = async () => (JSON.parse(await readFile(join(built.index, 'manifest.json'), 'utf8')) as Manifest).files.assets.map((f) => f.path);

describe('the 25 MiB per-file limit', () => {
  it('holds for every file of the sample build, the model and the WASM runtime included', async () => {
    expect(HOST_FILE_LIMIT_BYTES).toBe(26_214_400);
    const files = await filesWithSizes();
    const over = files.filter((f) => f.bytes > HOST_FILE_LIMIT_BYTES);
    expect(over).toEqual([]);
    const model = files.find((f) => f.path.endsWith('onnx/model_quantized.onnx'));
    expect(model?.bytes).toBeGreaterThan(20_000_000); // the real int8 model, not a stub
    expect(files.map((f) => f.path)).toContain('ort/ort-wasm-simd-threaded.wasm');
    expect(built.summary.warnings.filter((w) => w.reason.includes('25 MiB'))).toEqual([]);
  });

  it('ships the WebGPU runtime only with --webgpu, and warns that it is over the limit', async () => {
    expect(await assets()).not.toContain('ort/ort-wasm-simd-threaded.asyncify.wasm');
    const summary = await build(await resolveBuildOptions(built.site, { webgpu: true }), silentReporter);
    expect(await assets()).toEqual(expect.arrayContaining(['ort/ort-wasm-simd-threaded.asyncify.wasm', 'ort/ort-wasm-simd-threaded.asyncify.mjs', 'ort/ort-wasm-simd-threaded.wasm', 'ort/ort-wasm-simd-threaded.mjs']));
    expect(summary.warnings).toContainEqual({ file: 'ort/ort-wasm-simd-threaded.asyncify.wasm', reason: expect.stringMatching(/^25\.6 MiB, over the 25 MiB per-file limit .*Cloudflare Pages/) });
    // A build without the flag lists it no more (the folder keeps it one generation for visitors of the previous manifest).
    await build(await resolveBuildOptions(built.site, {}), silentReporter);
    expect(await assets()).not.toContain('ort/ort-wasm-simd-threaded.asyncify.wasm');
  });
});
