/**
 * Cache-Control by name, and ETag / Last-Modified revalidation. Quarry's data
 * files are content-addressed (`name.<sha256-12>.ext`, shards named by their
 * hash alone, `text/<sha256-12>.json`, and `models/<hash-12>/…`), so they
 * never change under their name and may be cached for good; the manifest,
 * the stable-named scripts and runtime, and pages must be revalidated. A
 * precompressed sibling (`file.br`, `file.gz`) is the file's own name plus
 * an encoding and is cached like it.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Stats } from 'node:fs';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** `name.<12 hex>.ext`, or a shard named by its hash alone: `<12+ hex>.ext`. */
const HASHED_NAME = /(?:^|\/)(?:[^/]+\.)?[0-9a-f]{12,64}\.[^./]+$/;
const HASHED_FOLDER = /(?:^|\/)models\/[0-9a-f]{12}\//;
const SIBLING = /\.(?:br|gz)$/;

export function cacheControl(urlPath: string): string {
  const path = urlPath.replace(SIBLING, '');
  return HASHED_NAME.test(path) || HASHED_FOLDER.test(path) ? IMMUTABLE : 'no-cache';
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
