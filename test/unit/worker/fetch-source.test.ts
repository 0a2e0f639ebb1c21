import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSource } from '../../../worker/fetch-source.ts';

describe('fetchSource download progress', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reports the manifest's size as the total, not a compressed Content-Length", async () => {
    const body = new Uint8Array(1000).fill(7);
    // What a gzip-serving host sends: Content-Length counts compressed bytes, the stream yields decompressed ones.
    vi.stubGlobal('fetch', async () => new Response(body, { headers: { 'Content-Length': '180', 'Content-Encoding': 'gzip' } }));
    const progress: Array<[number, number]> = [];
    const bytes = await fetchSource('https://docs.example/_quarry/').read('vectors.abc.bin', (l, t) => progress.push([l, t]), { path: 'vectors.abc.bin', bytes: 1000, sha256: 'x' });
    expect(bytes.byteLength).toBe(1000);
    expect(progress.at(-1)).toEqual([1000, 1000]);
    expect(progress.every(([loaded, total]) => loaded <= total)).toBe(true);
  });

  it('does not take a compressed Content-Length as the total when the size is unknown', async () => {
    vi.stubGlobal('fetch', async () => new Response(new Uint8Array(1000), { headers: { 'Content-Length': '180', 'Content-Encoding': 'br' } }));
    const progress: Array<[number, number]> = [];
    await fetchSource('https://docs.example/_quarry/').read('manifest.json', (l, t) => progress.push([l, t]));
    expect(progress.at(-1)).toEqual([1000, 0]);
  });
});
