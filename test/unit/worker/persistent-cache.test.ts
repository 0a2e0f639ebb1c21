import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../../src/core/format/checksum.ts';
import type { FileEntry } from '../../../src/core/format/manifest.ts';
import { readVerified, type IndexSource } from '../../../src/core/load/source.ts';
import { cacheKey } from '../../../worker/cache-keys.ts';
import { cachedSource } from '../../../worker/persistent-cache.ts';

const BASE = 'https://docs.example/_quarry/';

/** Cache Storage as the browser has it, in memory. */
function installCaches(): Map<string, Uint8Array> {
  const store = new Map<string, Uint8Array>();
  const cache = {
    match: async (key: string) => (store.has(key) ? new Response(store.get(key) as unknown as BodyInit) : undefined),
    put: async (key: string, response: Response) => void store.set(key, new Uint8Array(await response.arrayBuffer())),
    delete: async (key: string) => store.delete(key),
    keys: async () => [...store.keys()].map((url) => ({ url })),
  };
  vi.stubGlobal('caches', { open: async () => cache });
  return store;
}

/** The network: serves `bytes` for every read and counts the reads. */
function network(bytes: Uint8Array): IndexSource & { reads: number } {
  return {
    location: BASE,
    reads: 0,
    async read() {
      this.reads++;
      return bytes.slice();
    },
  };
}

describe('cached index files: verified once, a corrupt cached copy still caught', () => {
  const good = new TextEncoder().encode('["passage one","passage two"]');
  let entry: FileEntry;
  let cache: Map<string, Uint8Array>;
  beforeEach(async () => {
    entry = { path: 'text-0.abc.json', bytes: good.byteLength, sha256: await sha256Hex(good) };
    cache = installCaches();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('hashes a file once per load, downloaded or cached, and stores only what passed', async () => {
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    const net = network(good);
    expect(await readVerified(cachedSource(net), entry)).toEqual(good);
    expect(digest).toHaveBeenCalledTimes(1);
    expect(cache.get(cacheKey(BASE, entry))).toEqual(good);

    digest.mockClear();
    expect(await readVerified(cachedSource(net), entry)).toEqual(good);
    expect(digest).toHaveBeenCalledTimes(1);
    expect(net.reads).toBe(1); // the second load came from the cache
  });

  it('refuses a corrupted cached copy, drops it and fetches the file again', async () => {
    const tampered = good.slice();
    tampered[3] ^= 1; // same size, other bytes: only the sha256 can tell
    cache.set(cacheKey(BASE, entry), tampered);
    const net = network(good);
    expect(await readVerified(cachedSource(net), entry)).toEqual(good);
    expect(net.reads).toBe(1);
    expect(cache.get(cacheKey(BASE, entry))).toEqual(good);
  });

  it('fails with INDEX_CORRUPT, storing nothing, when the download is corrupt too', async () => {
    const tampered = good.slice();
    tampered[3] ^= 1;
    cache.set(cacheKey(BASE, entry), tampered);
    await expect(readVerified(cachedSource(network(tampered)), entry)).rejects.toMatchObject({ code: 'INDEX_CORRUPT', problem: 'failed its checksum' });
    expect(cache.has(cacheKey(BASE, entry))).toBe(false);
  });
});
