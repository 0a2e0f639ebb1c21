/**
 * A small static file server for previews (`quarry serve`) and tests. It sets
 * the headers Quarry cares about: correct MIME types for .wasm/.mjs/.onnx,
 * optional cross-origin isolation (COOP/COEP, enables WASM threads) and an
 * optional Content-Security-Policy.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

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

export async function serveStatic(options: ServeOptions): Promise<RunningServer> {
  const root = resolve(options.root);
  const server = createServer((req, res) => {
    handle(root, options, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => ok());
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

async function handle(root: string, options: ServeOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = normalize(join(root, urlPath));
  if (file !== root && !file.startsWith(root + sep)) return send(res, options, urlPath, 403);
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(res, options, urlPath, 404);

  const type = MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string | number> = {
    'Content-Type': type,
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
  };
  if (options.isolate) {
    headers['Cross-Origin-Opener-Policy'] = 'same-origin';
    headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
    headers['Cross-Origin-Resource-Policy'] = 'same-origin';
  }
  if (options.csp && type.startsWith('text/html')) headers['Content-Security-Policy'] = options.csp;
  res.writeHead(200, headers);
  options.onRequest?.(urlPath, 200);
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

function send(res: ServerResponse, options: ServeOptions, path: string, status: number): void {
  options.onRequest?.(path, status);
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end(status === 404 ? 'Not found' : 'Forbidden');
}
