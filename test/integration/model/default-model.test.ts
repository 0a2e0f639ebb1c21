/**
 * The real default model: converted from the npm safetensors, loaded through
 * transformers.js, checked against sentence-transformers reference values.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAMP_FILE } from '../../../src/model/layout.ts';
import { prepareDefaultModel } from '../../../src/model/prepare.ts';
import { resolveModel } from '../../../src/model/resolve.ts';
import type { PreparedModel } from '../../../src/model/types.ts';
import { cosine, INT8_COS_TOL, REFERENCE, referenceVectors, verifyModel } from '../../../src/model/verify.ts';
import { createNodeEncoder } from '../../../src/node/encoder.ts';
import { serveStatic } from '../../../src/cli/serve/server.ts';

let model: PreparedModel;
const temps: string[] = [];
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'quarry-model-'));
  temps.push(d);
  return d;
};

beforeAll(async () => {
  model = await prepareDefaultModel(); // the shared cache: converted once, reused by later runs
});
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});

describe('prepareDefaultModel', () => {
  it('describes the model and lists its files', () => {
    expect(model).toMatchObject({ id: 'quarry/all-MiniLM-L6-v2', dims: 384, pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '', maxTokens: 256, buildDtype: 'q8', browserDtype: 'q8' });
    expect(model.dir).toBe(join(model.root, 'quarry', 'all-MiniLM-L6-v2'));
    expect(model.files).toEqual(expect.arrayContaining(['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'README.md']));
    expect(model.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes tokenizer_config.json and the Apache-2.0 attribution', async () => {
    const tc = JSON.parse(await readFile(join(model.dir, 'tokenizer_config.json'), 'utf8'));
    expect(tc).toMatchObject({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 256, cls_token: '[CLS]', strip_accents: null });
    expect(await readFile(join(model.dir, 'README.md'), 'utf8')).toMatch(/Apache License 2\.0/);
  });

  it('is stable: a second call reuses the cache with the same hash', async () => {
    const again = await prepareDefaultModel();
    expect(again.hash).toBe(model.hash);
  });
});

describe('reference embeddings', () => {
  it('fp32 matches sentence-transformers', async () => {
    const v = await referenceVectors(model, 'fp32');
    REFERENCE.prefix.forEach((x, i) => expect(Math.abs(v.sentence[i] - x)).toBeLessThan(1e-3));
    expect(cosine(v.query, v.related)).toBeCloseTo(0.549, 2);
    expect(cosine(v.query, v.unrelated)).toBeCloseTo(-0.035, 2);
    expect(Math.hypot(...v.sentence)).toBeCloseTo(1, 5);
  });

  it('int8 stays within 0.01 of fp32, encoded one at a time and in a batch', async () => {
    const f = await referenceVectors(model, 'fp32');
    const q = await referenceVectors(model, 'q8');
    expect(Math.abs(cosine(q.query, q.related) - cosine(f.query, f.related))).toBeLessThan(INT8_COS_TOL);
    expect(Math.abs(cosine(q.query, q.unrelated) - cosine(f.query, f.unrelated))).toBeLessThan(INT8_COS_TOL);
    expect(cosine(q.sentence, f.sentence)).toBeGreaterThan(0.99);

    const enc = await createNodeEncoder(model, { dtype: 'q8', batchSize: 2 });
    const texts = [REFERENCE.query, REFERENCE.related, REFERENCE.unrelated, REFERENCE.sentence];
    const seen: number[] = [];
    const batched = await enc.encodeBatched(texts, 'passage', (done) => seen.push(done));
    expect(seen).toEqual([2, 4]);
    expect(batched).toHaveLength(4);
    // Batches share one activation scale per tensor, so allow a slightly wider margin than single texts.
    expect(Math.abs(cosine(batched[0], batched[1]) - cosine(f.query, f.related))).toBeLessThan(0.015);
    await enc.dispose?.();
  });

  it('verifyModel passes', async () => {
    const { ok, checks } = await verifyModel({ model });
    expect(checks.filter((c) => !c.pass)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('serialises concurrent encode calls on one encoder', async () => {
    const enc = await createNodeEncoder(model, { dtype: 'fp32' });
    const [a, b] = await Promise.all([enc.encode([REFERENCE.sentence], 'query'), enc.encode([REFERENCE.query], 'query')]);
    expect(a[0][0]).toBeCloseTo(REFERENCE.prefix[0], 3);
    expect(b[0]).toHaveLength(384);
    await enc.dispose?.();
  });
});

describe('cache safety', () => {
  it('concurrent prepares into an empty cache both succeed, and a corrupted file is regenerated', async () => {
    const root = await tempDir();
    const [a, b] = await Promise.all([prepareDefaultModel({ cacheDir: root }), prepareDefaultModel({ cacheDir: root })]);
    expect(a.hash).toBe(b.hash);
    expect(a.hash).toBe(model.hash); // the conversion is deterministic

    const onnx = join(a.dir, 'onnx', 'model_quantized.onnx');
    const bytes = await readFile(onnx);
    bytes[bytes.length >> 1] ^= 0xff;
    await writeFile(onnx, bytes);
    const phases: string[] = [];
    const c = await prepareDefaultModel({ cacheDir: root, onProgress: (p) => phases.push(p.phase) });
    expect(phases).toContain('convert');
    expect(c.hash).toBe(model.hash);
    const enc = await createNodeEncoder(c, { dtype: 'q8' });
    expect((await enc.encode([REFERENCE.sentence], 'query'))[0]).toHaveLength(384);
    await enc.dispose?.();
  });

  it('a missing file also triggers regeneration', async () => {
    const root = await tempDir();
    await cp(model.root, root, { recursive: true });
    await rm(join(root, 'quarry', 'all-MiniLM-L6-v2', 'tokenizer_config.json'));
    const phases: string[] = [];
    await prepareDefaultModel({ cacheDir: root, onProgress: (p) => phases.push(p.phase) });
    expect(phases).toContain('convert');
    expect(JSON.parse(await readFile(join(root, 'quarry', 'all-MiniLM-L6-v2', STAMP_FILE), 'utf8')).hash).toBe(model.hash);
  });
});

describe('resolveModel', () => {
  it('"default" is the prepared model; a local folder is used as is', async () => {
    expect((await resolveModel('default')).hash).toBe(model.hash);
    const local = await resolveModel(model.dir);
    expect(local).toMatchObject({ id: 'quarry/all-MiniLM-L6-v2', root: model.root, dims: 384, pooling: 'mean', hash: model.hash, buildDtype: 'q8', browserDtype: 'q8' });
  });

  it('a non-existent path is MODEL_NOT_FOUND; an unreachable Hub is MODEL_NOT_FOUND saying what to do offline', async () => {
    await expect(resolveModel('./no/such/folder')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    const saved = process.env.HF_ENDPOINT;
    process.env.HF_ENDPOINT = 'http://127.0.0.1:9'; // nothing listens on the discard port
    try {
      await expect(resolveModel('quarry-test-nonexistent/model-xyz', { cacheDir: await tempDir() })).rejects.toMatchObject({
        code: 'MODEL_NOT_FOUND',
        message: expect.stringMatching(/Could not download .*offline, use --model default/),
      });
    } finally {
      if (saved === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = saved;
    }
  });

  it('downloads a Hub model once into the cache and then treats it as a local folder', async () => {
    // A stand-in Hub on localhost with the Hub's URL layout, serving our converted model.
    const hub = await tempDir();
    const files = join(hub, 'acme', 'mini-test', 'resolve', 'main');
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx']) {
      await mkdir(dirname(join(files, f)), { recursive: true });
      await cp(join(model.dir, f), join(files, f));
    }
    const requests: string[] = [];
    const server = await serveStatic({ root: hub, onRequest: (p, status) => requests.push(`${status} ${p}`) });
    const saved = process.env.HF_ENDPOINT;
    process.env.HF_ENDPOINT = server.url;
    try {
      const cacheDir = await tempDir();
      const remote = await resolveModel('acme/mini-test', { cacheDir });
      expect(remote).toMatchObject({ id: 'acme/mini-test', root: cacheDir, dims: 384, browserDtype: 'q8' });
      expect(remote.hash).toMatch(/^[0-9a-f]{64}$/);
      const encoder = await createNodeEncoder(remote, { dtype: 'q8' });
      const [v] = await encoder.encode(['This is an example sentence'], 'passage');
      expect(v[0]).toBeCloseTo(0.0677, 1);
      await encoder.dispose?.();
      const count = requests.length;
      await resolveModel('acme/mini-test', { cacheDir });
      expect(requests.length).toBe(count); // cached: no second download
    } finally {
      if (saved === undefined) delete process.env.HF_ENDPOINT;
      else process.env.HF_ENDPOINT = saved;
      await server.close();
    }
  });

  it('a missing ONNX variant in a folder is a typed, actionable load error', async () => {
    const root = await tempDir();
    await cp(model.root, root, { recursive: true });
    const dir = join(root, 'quarry', 'all-MiniLM-L6-v2');
    await rm(join(dir, 'onnx', 'model_quantized.onnx'));
    const m = await resolveModel(dir);
    await expect(createNodeEncoder(m, { dtype: 'q8' })).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', message: expect.stringContaining(dir) });
    await writeFile(join(dir, 'onnx', 'model.onnx'), 'garbage');
    await expect(createNodeEncoder(m, { dtype: 'fp32' })).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED', message: expect.stringContaining('quarry model prepare') });
  });
});
