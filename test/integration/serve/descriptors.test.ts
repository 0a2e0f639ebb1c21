/**
 * `quarry serve` under load: bursts of loopback requests, some aborted by
 * the client mid-response, must not leave file descriptors behind (the
 * server used to leak the file stream of every aborted download).
 */
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveStatic, type RunningServer } from '../../../src/cli/serve/server.ts';

const BURSTS = 3;
const PER_BURST = 300;
const PARALLEL = 20;

let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quarry-serve-fd-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>x</title><p>hello</p>');
  await writeFile(join(dir, 'docs.0123456789ab.json'), JSON.stringify({ words: Array.from({ length: 5000 }, (_, i) => `w${i}`) }));
  // Large enough that a client that stops reading leaves the server mid-file.
  await writeFile(join(dir, 'model.onnx'), Buffer.alloc(8 * 1024 * 1024, 7));
  server = await serveStatic({ root: dir });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const openFds = () => readdirSync('/proc/self/fd').length;

/** One request; `abort` destroys the socket after the first chunk of the body. */
function get(path: string, abort: boolean, acceptEncoding = 'identity'): Promise<void> {
  return new Promise((done) => {
    const req = request(`${server.url}${path}`, { agent: false, headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      res.once('data', () => {
        if (abort) req.destroy();
      });
      res.on('end', done);
      res.on('close', done);
      res.resume();
    });
    req.on('error', () => done());
    req.on('close', () => done());
    req.end();
  });
}

async function burst(): Promise<void> {
  // The uncompressed model is what a client can abandon mid-file; the compressed ones go through zlib streams.
  const requests: Array<[string, string]> = [
    ['/index.html', 'gzip'],
    ['/docs.0123456789ab.json', 'br'],
    ['/model.onnx', 'identity'],
    ['/model.onnx', 'gzip, br'],
    ['/missing.txt', 'identity'],
  ];
  let next = 0;
  const worker = async () => {
    while (next < PER_BURST) {
      const i = next++;
      const [path, encoding] = requests[i % requests.length]!;
      await get(path, i % 3 === 0, encoding);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

async function settledFds(baseline: number): Promise<number> {
  let n = openFds();
  for (let i = 0; i < 100 && n > baseline + 3; i++) {
    await new Promise((r) => setTimeout(r, 50));
    n = openFds();
  }
  return n;
}

it('returns to its baseline of open descriptors after bursts with aborted downloads', async () => {
  await get('/index.html', false); // warm up lazily opened handles (DNS, timers) before the baseline
  const baseline = await settledFds(openFds());
  const after: number[] = [];
  for (let b = 0; b < BURSTS; b++) {
    await burst();
    after.push(await settledFds(baseline));
  }
  console.log(`open descriptors: baseline ${baseline}, after each burst ${after.join(', ')}`);
  for (const n of after) expect(n).toBeLessThanOrEqual(baseline + 3);
  // …and it still serves.
  const res = await fetch(`${server.url}/index.html`);
  expect(res.status).toBe(200);
});
