/**
 * Cache headers: content-hashed files are immutable, everything else
 * revalidates (ETag / Last-Modified → 304).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../../../src/cli/serve/server.ts';
import { cacheControl as cacheControlFor } from '../../../../src/cli/serve/cache-headers.ts';

let dir: string;
let server: RunningServer;
const IMMUTABLE = 'public, max-age=31536000, immutable';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quarry-serve-cache-'));
  await mkdir(join(dir, '_quarry', 'models', '0123456789ab', 'minilm', 'onnx'), { recursive: true });
  await writeFile(join(dir, '_quarry', 'docs.a1b2c3d4e5f6.json'), '{"docs":[]}');
  await writeFile(join(dir, '_quarry', 'manifest.json'), '{"version":1}');
  await writeFile(join(dir, '_quarry', 'quarry.js'), 'export {};');
  await writeFile(join(dir, '_quarry', 'models', '0123456789ab', 'minilm', 'onnx', 'model_quantized.onnx'), 'onnx');
  await writeFile(join(dir, 'index.html'), '<p>home</p>');
  await writeFile(join(dir, 'notes.abc.txt'), 'not a hash');
  server = await serveStatic({ root: dir });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const cacheControl = async (path: string) => (await fetch(`${server.url}${path}`)).headers.get('cache-control');

describe('Cache-Control', () => {
  it('marks content-hashed index files and the model folder immutable', async () => {
    expect(await cacheControl('/_quarry/docs.a1b2c3d4e5f6.json')).toBe(IMMUTABLE);
    expect(await cacheControl('/_quarry/models/0123456789ab/minilm/onnx/model_quantized.onnx')).toBe(IMMUTABLE);
  });

  it('makes the manifest, stable-named scripts and HTML revalidate', async () => {
    for (const path of ['/_quarry/manifest.json', '/_quarry/quarry.js', '/index.html', '/', '/notes.abc.txt']) expect(await cacheControl(path)).toBe('no-cache');
  });
});

describe('cacheControl by name', () => {
  it('treats shards named by their hash alone and precompressed siblings like the files they are', () => {
    for (const path of ['/_quarry/text/0123456789abcdef.json', '/_quarry/text/0123456789ab.json', '/_quarry/lexical/0123456789abcdef.bin', '/_quarry/docs.a1b2c3d4e5f6.json.br', '/_quarry/text/0123456789abcdef.json.gz', '/_quarry/models/0123456789ab/m/onnx/model_quantized.onnx.br']) {
      expect(cacheControlFor(path), path).toBe(IMMUTABLE);
    }
    for (const path of ['/_quarry/manifest.json.br', '/_quarry/quarry.js.gz', '/_quarry/ort/ort-wasm-simd-threaded.wasm.br', '/releases/archive.tar.gz', '/text/0123456789.json', '/cafe.json']) {
      expect(cacheControlFor(path), path).toBe('no-cache');
    }
  });
});

describe('revalidation', () => {
  it('answers a matching If-None-Match with 304 and no body', async () => {
    const first = await fetch(`${server.url}/_quarry/manifest.json`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('last-modified')).toBeTruthy();
    const again = await fetch(`${server.url}/_quarry/manifest.json`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('answers a current If-Modified-Since with 304, a changed file with 200', async () => {
    const first = await fetch(`${server.url}/index.html`);
    const lastModified = first.headers.get('last-modified')!;
    expect((await fetch(`${server.url}/index.html`, { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    const etag = first.headers.get('etag')!;
    await writeFile(join(dir, 'index.html'), '<p>home, changed and longer</p>');
    const changed = await fetch(`${server.url}/index.html`, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain('changed');
  });
});
