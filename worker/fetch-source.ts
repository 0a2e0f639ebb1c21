/**
 * Index files over fetch: retried with backoff on network errors, progress
 * from the response stream, and never a partial body (the length and the
 * manifest's sha256 are checked by the core before use).
 */
import { FileLoadError, type IndexSource } from '../src/core/load/source.ts';

const RETRIES = 3;

export function fetchSource(baseUrl: string): IndexSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    location: base,
    async read(path, onProgress, expected) {
      const url = new URL(path, base).href;
      let lastError: unknown;
      let lastStatus = 0;
      for (let attempt = 0; attempt <= RETRIES; attempt++) {
        if (attempt) await sleep(300 * 2 ** (attempt - 1));
        let response: Response;
        try {
          // manifest.json is not content-hashed: always revalidate it.
          response = await fetch(url, path === 'manifest.json' ? { cache: 'no-cache' } : undefined);
        } catch (e) {
          lastError = e;
          continue;
        }
        if (response.status === 404) {
          throw new FileLoadError(
            path === 'manifest.json' ? 'INDEX_NOT_FOUND' : 'INDEX_CORRUPT',
            path === 'manifest.json'
              ? `No Quarry index at ${base} (manifest.json: 404). Run \`quarry build <site>\` and deploy its _quarry folder, or set the widget's index attribute.`
              : `${url}: 404 — the index folder is incomplete. Redeploy the whole folder written by \`quarry build\`.`,
            path,
            'returned 404',
          );
        }
        if (!response.ok) {
          lastError = new Error(`HTTP ${response.status}`);
          lastStatus = response.status;
          if (response.status < 500) break;
          continue;
        }
        try {
          return await readBody(response, onProgress, expected?.bytes);
        } catch (e) {
          lastError = e;
        }
      }
      throw new FileLoadError(
        'NETWORK',
        `Could not load ${url}: ${(lastError as Error)?.message ?? 'network error'}. Check your connection and reload.`,
        path,
        lastStatus ? `returned ${lastStatus}` : 'could not be fetched (network error)',
        { cause: lastError },
      );
    },
  };
}

/**
 * `total` for progress: the manifest's size when known. Content-Length of a
 * compressed response counts compressed bytes while the stream yields
 * decompressed ones ("27 MB of 24 MB"), so it is used only when uncompressed.
 */
async function readBody(response: Response, onProgress?: (loaded: number, total: number) => void, expectedBytes?: number): Promise<Uint8Array> {
  const encoded = (response.headers.get('Content-Encoding') ?? 'identity') !== 'identity';
  const total = expectedBytes ?? (encoded ? 0 : Number(response.headers.get('Content-Length') ?? 0));
  if (!response.body || !onProgress) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress(loaded, total);
  }
  const out = new Uint8Array(loaded);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
