/**
 * Maps a request target to a file under the served root, or to the status
 * that refuses it. Works on the raw target, not on `new URL()`, which would
 * silently resolve `..` and turn backslashes into slashes.
 */
import { join, sep } from 'node:path';

export type RequestPath = { path: string; file: string } | { path: string; status: 400 | 403 };

export function resolveRequestPath(root: string, target: string): RequestPath {
  // absolute-form (`GET http://host/x`) is legal HTTP/1.1: keep only its path.
  const raw = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/, 1)[0]!;
  if (!raw.startsWith('/')) return { path: raw, status: 400 };
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return { path: raw, status: 400 }; // malformed %-escape
  }
  if (path.includes('\0')) return { path: raw, status: 400 };
  if (path.includes('\\') || path.split('/').includes('..')) return { path, status: 403 };
  const file = join(root, path);
  if (file !== root && !file.startsWith(root + sep)) return { path, status: 403 };
  return { path, file };
}
