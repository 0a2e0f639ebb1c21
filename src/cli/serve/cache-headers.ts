/**
 * Cache-Control by name, and ETag / Last-Modified revalidation. Quarry's data
 * files are content-addressed (`name.<sha256-12>.ext`, `models/<hash-12>/…`),
 * so they never change under their name and may be cached for good; the
 * manifest, the stable-named scripts and pages must be revalidated.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Stats } from 'node:fs';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED_NAME = /(?:^|\/)[^/]+\.[0-9a-f]{12}\.[^./]+$/;
const HASHED_FOLDER = /(?:^|\/)models\/[0-9a-f]{12}\//;

export function cacheControl(urlPath: string): string {
  return HASHED_NAME.test(urlPath) || HASHED_FOLDER.test(urlPath) ? IMMUTABLE : 'no-cache';
}

/** Weak validator from size and mtime; the encoding is part of it since each encoding is its own representation. */
export function etagFor(info: Stats, encoding: string | null): string {
  return `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${encoding ? `-${encoding}` : ''}"`;
}

/** RFC 9110 §13.1: If-None-Match (weak comparison) wins over If-Modified-Since. */
export function isNotModified(headers: IncomingHttpHeaders, etag: string, mtime: Date): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    const strip = (t: string) => t.trim().replace(/^W\//, '');
    return inm.split(',').some((t) => t.trim() === '*' || strip(t) === strip(etag));
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}
