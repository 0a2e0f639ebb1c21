/**
 * `quarry serve` on a real index built with `--precompress`, as a static host
 * should serve it: the `.br`/`.gz` sibling the client accepts (decoding to the
 * file), the file's own Content-Type, Vary, immutable caching for
 * content-hashed files and revalidation for the manifest and the
 * stable-named widget and runtime, and never a sibling older than its file.
 */
import { readFile, readdir, utimes } from 'node:fs/promises';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../../src/cli/serve/server.ts';
import { IMMUTABLE } from '../../../src/cli/serve/cache-headers.ts';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';

let built: BuiltSite;
let server: RunningServer;
let base: string;
let manifest: Manifest;
let onnx: string;

beforeAll(async () => {
  built = await buildSiteCopy(undefined, { precompress: true });
  server = await serveStatic({ root: built.site });
  base = `/${relative(built.site, built.index)}/`;
  manifest = JSON.parse(await readFile(join(built.index, 'manifest.json'), 'utf8')) as Manifest;
  onnx = manifest.files.model.find((f) => f.path.endsWith('.onnx'))!.path;
});
afterAll(async () => {
  await server?.close();
  await built?.cleanup();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http does not decode, so the bytes on the wire and the headers are what a browser gets. */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

const file = (rel: string) => readFile(join(built.index, rel));

describe('precompressed siblings', () => {
  it('sends the .br sibling to a brotli client and the .gz one to a gzip-only client, each decoding to the file', async () => {
    for (const rel of ['manifest.json', manifest.files.terms.path, 'quarry.js', 'ort/ort-wasm-simd-threaded.wasm', onnx]) {
      const original = await file(rel);
      const sibling = async (enc: 'br' | 'gz') => (await file(`${rel}.${enc}`)).byteLength;
      const br = await get(base + rel, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
      expect(br.headers['content-encoding'], rel).toBe('br');
      // The stored sibling, not an on-the-fly stream: its length is known.
      expect(br.headers['content-length'], rel).toBe(String(await sibling('br')));
      expect(brotliDecompressSync(br.body).equals(original), rel).toBe(true);
      const gz = await get(base + rel, { 'Accept-Encoding': 'gzip' });
      expect(gz.headers['content-encoding'], rel).toBe('gzip');
      expect(gz.headers['content-length'], rel).toBe(String(await sibling('gz')));
      expect(gunzipSync(gz.body).equals(original), rel).toBe(true);
      expect(br.headers.vary, rel).toMatch(/Accept-Encoding/i);
    }
  });

  it("keeps the file's own Content-Type for its sibling (WebAssembly streaming compilation needs application/wasm)", async () => {
    const wasm = await get(`${base}ort/ort-wasm-simd-threaded.wasm`, { 'Accept-Encoding': 'br' });
    expect(wasm.headers['content-type']).toBe('application/wasm');
    expect((await get(`${base}ort/ort-wasm-simd-threaded.mjs`, { 'Accept-Encoding': 'br' })).headers['content-type']).toMatch(/^text\/javascript/);
    expect((await get(`${base}manifest.json`, { 'Accept-Encoding': 'br' })).headers['content-type']).toMatch(/^application\/json/);
    expect((await get(base + onnx, { 'Accept-Encoding': 'br' })).headers['content-type']).toBe('application/octet-stream');
  });

  it('sends the plain file to a client that accepts no encoding', async () => {
    const plain = await get(`${base}quarry.js`, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(await file('quarry.js'))).toBe(true);
  });

  it('answers HEAD with the sibling headers and no body, and revalidates a sibling with 304', async () => {
    const head = await get(`${base}manifest.json`, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(String((await file('manifest.json.br')).byteLength));
    expect(head.body.byteLength).toBe(0);
    const again = await get(`${base}manifest.json`, { 'Accept-Encoding': 'br', 'If-None-Match': String(head.headers.etag) });
    expect(again.status).toBe(304);
    // A gzip client's representation is another one: it must not be told its copy is current.
    const gz = await get(`${base}manifest.json`, { 'Accept-Encoding': 'gzip', 'If-None-Match': String(head.headers.etag) });
    expect(gz.status).toBe(200);
  });

  it('ignores a sibling older than its file (a file replaced after its siblings were written)', async () => {
    const rel = 'quarry.worker.js';
    const future = new Date(Date.now() + 60_000);
    await utimes(join(built.index, rel), future, future);
    const res = await get(base + rel, { 'Accept-Encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-length']).toBeUndefined(); // compressed now, from the file
    expect(brotliDecompressSync(res.body).equals(await file(rel))).toBe(true);
  });
});

describe('cache headers on a real index', () => {
  it('marks every content-hashed file (and its siblings) immutable', async () => {
    const hashed = [manifest.files.docs.path, manifest.files.vectors.path, manifest.files.lexical.path, manifest.files.terms.path, ...manifest.files.model.map((f) => f.path)];
    // Shards and other data files, whatever the index format names them: every file below text/ and lexical/ is content-addressed.
    const all = (await readdir(built.index, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => relative(built.index, join(d.parentPath, d.name)));
    hashed.push(...all.filter((f) => /^(text|lexical|postings)\//.test(f) && !/\.(br|gz)$/.test(f)));
    for (const rel of hashed) {
      expect((await get(base + rel, { 'Accept-Encoding': 'identity' })).headers['cache-control'], rel).toBe(IMMUTABLE);
      if (all.includes(`${rel}.br`)) expect((await get(base + rel, { 'Accept-Encoding': 'br' })).headers['cache-control'], `${rel} (br)`).toBe(IMMUTABLE);
    }
  });

  it('makes the manifest and the stable-named widget, worker and runtime revalidate', async () => {
    const stable = ['manifest.json', 'quarry.js', 'quarry.worker.js', 'ort/ort-wasm-simd-threaded.wasm', 'ort/ort-wasm-simd-threaded.mjs'];
    for (const rel of stable) {
      for (const ae of ['identity', 'br']) {
        const res = await get(base + rel, { 'Accept-Encoding': ae });
        expect(res.headers['cache-control'], `${rel} (${ae})`).toBe('no-cache');
        expect(res.headers.etag, rel).toBeTruthy();
      }
    }
  });
});
