/**
 * Content-Encoding negotiation (RFC 9110 §12.5.3) and the on-the-fly
 * compressors. Brotli wins a tie with gzip: it is 15–25 % smaller here.
 */
import type { Transform } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const PREFERENCE: Encoding[] = ['br', 'gzip'];

/** Sibling file that holds a precompressed copy: `file.br`, `file.gz`. */
export const SIBLING_SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

/** The encodings the client accepts (q > 0), best first. */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  if (!header) return [];
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam === undefined ? 1 : Number(qParam.slice(2));
    q.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(value) ? value : 0);
  }
  const weight = (e: Encoding) => q.get(e) ?? q.get('*') ?? 0;
  return PREFERENCE.filter((e) => weight(e) > 0).sort((a, b) => weight(b) - weight(a));
}

export function chooseEncoding(header: string | undefined): Encoding | null {
  return acceptedEncodings(header)[0] ?? null;
}

/**
 * A streaming compressor. Brotli's default quality (11) takes tens of seconds
 * on a 23 MB model; 5 is what static hosts use on the fly and is close to gzip
 * in speed. Streaming keeps memory flat whatever the file size.
 */
export function compressor(encoding: Encoding, size: number, text: boolean): Transform {
  if (encoding === 'gzip') return createGzip({ level: 6 });
  return createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: size,
      [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
    },
  });
}
