/**
 * Compression as a static host does it: brotli or gzip by Accept-Encoding,
 * precompressed siblings preferred, already-compressed types left alone.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../../../src/cli/serve/server.ts';
import { CompressedCache } from '../../../../src/cli/serve/compressed-cache.ts';
import { chooseEncoding } from '../../../../src/cli/serve/encoding.ts';

let dir: string;
let server: RunningServer;
const json = Buffer.from(JSON.stringify({ terms: Array.from({ length: 4000 }, (_, i) => `term${i % 50}`) }));
const onnx = Buffer.alloc(300_000, 3);
const png = Buffer.alloc(50_000, 9);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quarry-serve-gz-'));
  await writeFile(join(dir, 'terms.0123456789ab.json'), json);
  await writeFile(join(dir, 'model.onnx'), onnx);
  await writeFile(join(dir, 'logo.png'), png);
  await writeFile(join(dir, 'pre.js'), 'console.log("original, not this");'.repeat(100));
  await writeFile(join(dir, 'pre.js.br'), brotliCompressSync('// precompressed sibling'));
  server = await serveStatic({ root: dir });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** node:http does not decompress, so the raw bytes and headers are visible. */
function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    const req = request(`${server.url}${path}`, { headers: acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('content encoding', () => {
  it('sends brotli when accepted (preferred over gzip), and it decodes to the file', async () => {
    const res = await get('/terms.0123456789ab.json', 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(res.body).equals(json)).toBe(true);
    expect(res.body.length).toBeLessThan(json.length / 4);
  });

  it('sends gzip when only gzip is accepted', async () => {
    const res = await get('/model.onnx', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).equals(onnx)).toBe(true);
  });

  it('sends the file as it is when no encoding is accepted', async () => {
    for (const ae of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const res = await get('/model.onnx', ae);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['content-length']).toBe(String(onnx.length));
      expect(res.body.equals(onnx)).toBe(true);
    }
  });

  it('does not recompress an already-compressed type', async () => {
    const res = await get('/logo.png', 'br, gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(png)).toBe(true);
  });

  it('serves a precompressed .br sibling instead of compressing on the fly', async () => {
    const res = await get('/pre.js', 'br');
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(brotliDecompressSync(res.body).toString()).toBe('// precompressed sibling');
    // A client without brotli gets the original.
    expect((await get('/pre.js', 'gzip')).body.length).toBeGreaterThan(0);
    expect(gunzipSync((await get('/pre.js', 'gzip')).body).toString()).toContain('original');
  });
});

describe('compressed copies', () => {
  it('sends a repeat request from memory, with its Content-Length and the same bytes', async () => {
    const first = await get('/model.onnx', 'br');
    expect(first.headers['content-length']).toBeUndefined(); // streamed while compressing
    const again = await get('/model.onnx', 'br');
    expect(again.headers['content-encoding']).toBe('br');
    expect(again.headers['content-length']).toBe(String(again.body.length));
    expect(again.body.equals(first.body)).toBe(true);
  });

  it('compresses a changed file afresh', async () => {
    await get('/terms.0123456789ab.json', 'gzip');
    const changed = Buffer.from(JSON.stringify({ changed: Array.from({ length: 3000 }, (_, i) => i) }));
    await writeFile(join(dir, 'terms.0123456789ab.json'), changed);
    expect(gunzipSync((await get('/terms.0123456789ab.json', 'gzip')).body).equals(changed)).toBe(true);
    await writeFile(join(dir, 'terms.0123456789ab.json'), json);
  });
});

describe('CompressedCache', () => {
  it('stays within its byte bound, dropping the least recently used first', () => {
    const cache = new CompressedCache(100, 60);
    cache.set('a', Buffer.alloc(40));
    cache.set('b', Buffer.alloc(40));
    cache.get('a');
    cache.set('c', Buffer.alloc(40));
    expect(cache.bytes).toBeLessThanOrEqual(100);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    cache.set('huge', Buffer.alloc(61));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('does not keep a stream that was cut short', async () => {
    const cache = new CompressedCache(1000);
    const rec = cache.recorder('k');
    rec.write(Buffer.alloc(10));
    rec.destroy();
    expect(cache.get('k')).toBeUndefined();
    const ok = cache.recorder('k2');
    ok.resume();
    await new Promise((done) => ok.end(Buffer.alloc(10), () => done(null)));
    await new Promise((r) => setImmediate(r));
    expect(cache.get('k2')?.length).toBe(10);
  });
});

describe('chooseEncoding', () => {
  it('follows q-values, prefers br on a tie and honours identity/*', () => {
    expect(chooseEncoding('gzip, br')).toBe('br');
    expect(chooseEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0')).toBe(null);
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*;q=0.1, gzip;q=0.9')).toBe('gzip');
    expect(chooseEncoding('')).toBe(null);
    expect(chooseEncoding(undefined)).toBe(null);
    expect(chooseEncoding('deflate')).toBe(null);
    expect(chooseEncoding('GZIP')).toBe('gzip');
  });
});
