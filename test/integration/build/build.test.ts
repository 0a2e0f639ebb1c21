import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../build-index/build.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { allIndexFiles } from '../../../src/core/format/index-files.ts';
import { createHash } from 'node:crypto';
import { buildSiteCopy, silentReporter, type BuiltSite } from '../../support/sample-site.ts';

describe('quarry build on the sample docs site', () => {
  let built: BuiltSite;
  beforeAll(async () => {
    built = await buildSiteCopy();
  });
  afterAll(() => built?.cleanup());

  it('writes a manifest whose files all exist with the listed sizes', async () => {
    const manifest = JSON.parse(await readFile(join(built.index, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.counts.passages).toBe(built.summary.passages);
    expect(manifest.model.id).toBe('quarry/all-MiniLM-L6-v2');
    expect(manifest.model.dims).toBe(384);
    const files = await allIndexFiles(manifest, (e) => readFile(join(built.index, e.path)));
    expect(files.filter((e) => /^text\/[0-9a-f]{12}\.json$/.test(e.path)).length).toBeGreaterThan(0);
    for (const e of files) {
      const bytes = await readFile(join(built.index, e.path));
      if (e.bytes !== undefined) expect(bytes.byteLength, e.path).toBe(e.bytes);
      expect(createHash('sha256').update(bytes).digest('hex').startsWith(e.sha256), e.path).toBe(true);
    }
    // vectors are int8 + a scale: about dims bytes per passage, never JSON floats
    expect(manifest.files.vectors.bytes).toBeLessThan(manifest.counts.passages * (384 + 4) + 64);
  });

  it('copies the model, runtime and widget so the site needs no third-party host', async () => {
    const files = (await readdir(built.index, { recursive: true })).map(String);
    expect(files).toContain('ort/ort-wasm-simd-threaded.wasm');
    expect(files.some((f) => f.endsWith('onnx/model_quantized.onnx'))).toBe(true);
    expect(files).toContain('quarry.js');
    expect(files).toContain('quarry.worker.js');
  });

  it('re-encodes nothing when the site is unchanged, and only the changed page otherwise', async () => {
    const options = await resolveBuildOptions(built.site, {});
    const again = await build(options, silentReporter);
    expect(again.encoded).toBe(0);
    expect(again.reused).toBe(built.summary.passages);

    const page = join(built.site, 'troubleshooting.html');
    const html = await readFile(page, 'utf8');
    await writeFile(page, html.replace('</p>', ' An extra sentence about kelp forests appears here.</p>'));
    const changed = await build(options, silentReporter);
    expect(changed.encoded).toBeGreaterThan(0);
    expect(changed.encoded).toBeLessThan(changed.passages / 3);
    expect(changed.reused + changed.encoded).toBe(changed.passages);
  });

  it('keeps the previous index when a build fails', async () => {
    const before = await readFile(join(built.index, 'manifest.json'), 'utf8');
    const options = await resolveBuildOptions(built.site, { model: join(built.root, 'no-such-model') });
    await expect(build(options, silentReporter)).rejects.toThrow(/no-such-model/);
    expect(await readFile(join(built.index, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('fails with NO_PAGES naming the folder when nothing can be indexed', async () => {
    const empty = join(built.root, 'empty-site');
    await mkdir(empty, { recursive: true });
    await writeFile(join(empty, 'readme.txt'), 'not html');
    const options = await resolveBuildOptions(empty, {});
    await expect(build(options, silentReporter)).rejects.toMatchObject({ code: 'NO_PAGES', message: expect.stringContaining(empty) });
  });

  it('reports OUTPUT_UNWRITABLE for an output folder it cannot create', async () => {
    // A path below a regular file fails even for root, unlike permission bits.
    const file = join(built.root, 'a-file');
    await writeFile(file, 'x');
    const options = await resolveBuildOptions(built.site, { outDir: join(file, '_quarry') });
    await expect(build(options, silentReporter)).rejects.toMatchObject({ code: 'OUTPUT_UNWRITABLE', message: expect.stringContaining(file) });
  });
});
