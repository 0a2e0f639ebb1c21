/**
 * A small static file server for previews (`quarry serve`) and tests. It sets
 * the headers Quarry cares about: correct MIME types for .wasm/.mjs/.onnx,
 * gzip/brotli (precompressed `.br`/`.gz` siblings first), immutable caching of
 * content-hashed files, optional cross-origin isolation (COOP/COEP, enables
 * WASM threads) and an optional Content-Security-Policy.
 *
 * One request can never take the server down: every file is opened before
 * the headers go out (so a failed open gets its own status), streamed with
 * `pipeline` (so a client that goes away closes the file), and errors become
 * short status responses without stack traces.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { cacheControl, etagFor, isNotModified } from './cache-headers.ts';
import { CompressedCache } from './compressed-cache.ts';
import { acceptedEncodings, compressor, SIBLING_SUFFIX, type Encoding } from './encoding.ts';
import { contentType, isCompressible } from './mime.ts';
import { resolveRequestPath } from './request-path.ts';

export interface ServeOptions {
  root: string;
  port?: number;
  host?: string;
  /** Send COOP/COEP so the page is crossOriginIsolated (WASM threads). */
  isolate?: boolean;
  /** Content-Security-Policy header value for HTML responses. */
  csp?: string;
  /** Called for every request (tests record what the browser fetched). */
  onRequest?: (path: string, status: number) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const ALLOW = 'GET, HEAD';
/** Below this, compression costs more than it saves (nginx's default gzip_min_length is smaller; this is a preview server). */
const MIN_COMPRESS_BYTES = 1024;
/** Room for the model and runtime in both encodings' worth of the biggest one (see compressed-cache.ts). */
const COMPRESSED_CACHE_BYTES = 64 * 1024 * 1024;

interface Context {
  root: string;
  options: ServeOptions;
  compressed: CompressedCache;
}

export async function serveStatic(options: ServeOptions): Promise<RunningServer> {
  const context: Context = { root: resolve(options.root), options, compressed: new CompressedCache(COMPRESSED_CACHE_BYTES) };
  const server = createServer((req, res) => {
    handle(context, req, res).catch(() => {
      // Only reached by a bug in handle(): answer if we still can, never crash.
      if (!res.headersSent) sendStatus(res, options, req.url ?? '', 500);
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      ok();
    });
  });
  // Out of descriptors, accept() fails: libuv drops that connection, Node
  // reports it here. The server itself is fine and accepts again once fds free up.
  server.on('error', (e: NodeJS.ErrnoException) => {
    if (e.syscall !== 'accept') throw e;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

interface Source {
  handle: FileHandle;
  info: Stats;
  /** Content-Encoding of the bytes in `handle` (a precompressed sibling), or null. */
  stored: Encoding | null;
}

async function handle({ root, options, compressed }: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(res, options, req.url ?? '', 405, { Allow: ALLOW });
  const target = resolveRequestPath(root, req.url ?? '/');
  if ('status' in target) return sendStatus(res, options, target.path, target.status);
  const urlPath = target.path;

  const found = await findFile(target.file);
  if ('status' in found) return sendStatus(res, options, urlPath, found.status);
  const { file } = found;

  const compressible = isCompressible(file);
  const accepted = compressible ? acceptedEncodings(req.headers['accept-encoding']) : [];
  let source: Source;
  try {
    source = await openSource(file, found.info, accepted);
  } catch (e) {
    return sendStatus(res, options, urlPath, statusFor(e), retryAfter(e));
  }
  const { handle: fh, info, stored } = source;
  const onTheFly = !stored && accepted.length > 0 && info.size >= MIN_COMPRESS_BYTES ? accepted[0]! : null;
  const encoding = stored ?? onTheFly;
  const cacheKey = onTheFly && [onTheFly, file, info.ino, info.size, info.mtimeMs].join('\0');
  const cached = cacheKey ? compressed.get(cacheKey) : undefined;

  const type = contentType(file);
  const etag = etagFor(info, encoding);
  const headers: OutgoingHttpHeaders = {
    'Content-Type': type,
    'Cache-Control': cacheControl(urlPath),
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
  };
  if (compressible) headers.Vary = 'Accept-Encoding';
  if (options.isolate) {
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    headers['Cross-Origin-Resource-Policy'] = 'same-origin';
  }
  if (options.csp && type.startsWith('text/html')) headers['Content-Security-Policy'] = options.csp;

  if (isNotModified(req.headers, etag, info.mtime)) {
    await fh.close();
    options.onRequest?.(urlPath, 304);
    res.writeHead(304, headers);
    return void res.end();
  }
  if (encoding) headers['Content-Encoding'] = encoding;
  // Unknown only while compressing on the fly.
  if (!onTheFly) headers['Content-Length'] = info.size;
  else if (cached) headers['Content-Length'] = cached.byteLength;
  options.onRequest?.(urlPath, 200);
  res.writeHead(200, headers);
  if (req.method === 'HEAD' || cached) {
    await fh.close();
    return void res.end(req.method === 'HEAD' ? undefined : cached);
  }

  const body = fh.createReadStream(); // autoClose: the handle closes when the stream ends or is destroyed
  try {
    if (onTheFly && cacheKey) await pipeline(body, compressor(onTheFly, info.size, type.startsWith('text/') || type.includes('json')), compressed.recorder(cacheKey), res);
    else await pipeline(body, res);
  } catch {
    // The client went away (pipeline destroyed the file stream) or the read
    // failed after the headers were sent: cut the response so it is not taken
    // for a complete one.
    res.destroy();
  }
}

/** The file for a path: itself, or a directory's index.html; FIFOs, sockets and devices are not served. */
async function findFile(file: string): Promise<{ file: string; info: Stats } | { status: number }> {
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    return info.isFile() ? { file, info } : { status: 404 };
  } catch (e) {
    return { status: statusFor(e) };
  }
}

/**
 * Opens what will be sent: a precompressed sibling in the client's order of
 * preference if one is at least as new as the file, else the file. Sizes and
 * validators come from the open handle, so a file swapped meanwhile cannot
 * get the wrong Content-Length.
 */
async function openSource(file: string, info: Stats, accepted: Encoding[]): Promise<Source> {
  for (const encoding of accepted) {
    const sibling = `${file}${SIBLING_SUFFIX[encoding]}`;
    const s = await stat(sibling).catch(() => null);
    if (!s?.isFile() || s.mtimeMs < info.mtimeMs) continue;
    const opened = await openFile(sibling).catch(() => null);
    if (opened) return { ...opened, stored: encoding };
  }
  return { ...(await openFile(file)), stored: null };
}

async function openFile(file: string): Promise<{ handle: FileHandle; info: Stats }> {
  const handle = await open(file, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw Object.assign(new Error(`${file} is not a file`), { code: 'ENOENT' });
    return { handle, info };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

function statusFor(e: unknown): number {
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ELOOP':
    case 'ENAMETOOLONG':
      return 404;
    case 'EACCES':
    case 'EPERM':
      return 403;
    case 'EMFILE':
    case 'ENFILE':
      return 503;
    default:
      return 500;
  }
}

function retryAfter(e: unknown): OutgoingHttpHeaders {
  return statusFor(e) === 503 ? { 'Retry-After': 1 } : {};
}

const REASONS: Record<number, string> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  500: 'Internal server error',
  503: 'Too many open files; retry shortly',
};

function sendStatus(res: ServerResponse, options: ServeOptions, path: string, status: number, extra: OutgoingHttpHeaders = {}): void {
  options.onRequest?.(path, status);
  const body = REASONS[status] ?? String(status);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}
