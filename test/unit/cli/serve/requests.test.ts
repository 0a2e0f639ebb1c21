/**
 * What `quarry serve` answers to methods it does not support, malformed
 * URLs and attempts to read outside its root.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../../../src/cli/serve/server.ts';

let parent: string;
let server: RunningServer;

beforeAll(async () => {
  // root/ is served; its sibling outside.txt must never be.
  parent = await mkdtemp(join(tmpdir(), 'quarry-serve-req-'));
  await mkdir(join(parent, 'root', 'docs'), { recursive: true });
  await writeFile(join(parent, 'outside.txt'), 'TOP SECRET');
  await writeFile(join(parent, 'root', 'index.html'), '<p>home</p>');
  await writeFile(join(parent, 'root', 'docs', 'page.html'), '<p>page</p>');
  server = await serveStatic({ root: join(parent, 'root') });
});

afterAll(async () => {
  await server?.close();
  await rm(parent, { recursive: true, force: true });
});

/** Sends a raw request line (fetch would normalise `..` and backslashes away). */
function raw(target: string, method = 'GET'): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(`${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (c) => (text += c));
    socket.on('end', () => ok({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.on('error', fail);
  });
}

describe('methods', () => {
  for (const method of ['OPTIONS', 'POST', 'DELETE', 'PUT', 'PATCH']) {
    it(`answers ${method} with 405 and Allow: GET, HEAD`, async () => {
      const res = await fetch(`${server.url}/index.html`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expect(await res.text()).not.toContain('home');
    });
  }

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await fetch(`${server.url}/index.html`, { method: 'HEAD', headers: { 'Accept-Encoding': 'identity' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String('<p>home</p>'.length));
    expect(await res.text()).toBe('');
  });
});

describe('malformed URLs', () => {
  it('answers a broken %-escape with 400', async () => {
    const res = await raw('/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/URIError|at .*\.ts/);
  });

  it('answers a NUL byte with 400 or 403', async () => {
    expect([400, 403]).toContain((await raw('/index.html%00.png')).status);
  });

  it('still serves the next request', async () => {
    await raw('/%zz');
    expect((await raw('/docs/page.html')).text).toContain('<p>page</p>');
  });
});

describe('path traversal', () => {
  const attempts = [
    '/../outside.txt',
    '/docs/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/%2E%2E%2Foutside.txt',
    '/docs/%2e%2e/%2e%2e/outside.txt',
    '/..%2f..%2foutside.txt',
    '/..\\outside.txt',
    '/%5c..%5coutside.txt',
    '/docs/..%5c..%5coutside.txt',
    '/%00/../outside.txt',
    '//../outside.txt',
  ];
  for (const target of attempts) {
    it(`refuses ${target}`, async () => {
      const res = await raw(target);
      expect([400, 403, 404]).toContain(res.status);
      expect(res.text).not.toContain('TOP SECRET');
    });
  }

  it('serves a directory’s index.html', async () => {
    expect((await raw('/')).text).toContain('<p>home</p>');
  });
});
