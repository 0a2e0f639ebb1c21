/**
 * First visits as shipped: Quarry's widget and Pagefind's default UI on the
 * same site, served in the same run by one static server that behaves like a
 * well-configured host (gzip on the fly, ETag/304, immutable caching for
 * content-hashed names, revalidation for the rest). Bytes are what the server
 * sent, compressed; times run from navigation to the first result.
 *
 *   npx tsx bench/first-visit.ts [SITE_HTML] [--queries N]
 *
 * SITE_HTML defaults to the PostgreSQL manual. BENCH_MODEL=DIR builds Quarry
 * with that model folder (default: the bundled one). Results go to
 * bench/work/first-visit/RESULTS.md and stdout; `bench/RESULTS.md` quotes them.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { PAGEFIND_BIN } from './peers/pagefind.ts';
import { DEV_QUERIES, PG_HTML, WORK_DIR } from './corpus.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(WORK_DIR, 'first-visit');
const SITE = join(WORK, 'site');
const args = process.argv.slice(2);
const html = resolve(args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? PG_HTML);
const queryCount = Number(args[args.indexOf('--queries') + 1]) || 10;

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png' };
/** A file named by its content (Quarry's `<hash>.<ext>` and `name.<hash>.<ext>`, Pagefind's `*.<hash>.pf_*`). */
const HASHED = /(^|[./_-])[0-9a-f]{10,}(\.|$)/;

interface Sent {
  path: string;
  bytes: number;
}

function serve(root: string, sent: Sent[]): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = join(root, path);
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      sent.push({ path, bytes: 0 });
      return void res.writeHead(404).end();
    }
    const raw = readFileSync(file);
    const etag = `"${createHash('sha1').update(raw).digest('hex').slice(0, 16)}"`;
    const cache = HASHED.test(path.split('/').pop() ?? '') ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (req.headers['if-none-match'] === etag) {
      sent.push({ path, bytes: 0 });
      return void res.writeHead(304, { etag, 'cache-control': cache }).end();
    }
    const gzip = String(req.headers['accept-encoding'] ?? '').includes('gzip');
    const body = gzip ? gzipSync(raw, { level: 6 }) : raw;
    sent.push({ path, bytes: body.length });
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cache, etag, ...(gzip ? { 'content-encoding': 'gzip' } : {}) }).end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() })));
}

type System = 'quarry' | 'pagefind';
const PAGES: Record<System, string> = { quarry: '/index.html', pagefind: '/_bench/pagefind.html' };

/** Opens the system's page, types the query, resolves when the first result (or the first semantic one) is on screen. */
async function visit(context: BrowserContext, base: string, system: System, query: string, wait: 'first' | 'semantic'): Promise<number> {
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(base + PAGES[system]);
  if (system === 'quarry') {
    await page.evaluate(() => {
      (window as unknown as { __answers: unknown[] }).__answers = [];
      addEventListener('quarry:search', (e) => (window as unknown as { __answers: unknown[] }).__answers.push((e as CustomEvent).detail), true);
    });
    await page.keyboard.press('Control+k');
    const input = page.locator('quarry-search input').first();
    await input.waitFor({ state: 'visible' });
    await input.fill(query);
    await page.waitForFunction(
      ([q, w]) => (window as unknown as { __answers: Array<{ query: string; stage: string; count: number }> }).__answers.some((d) => d.query === q && d.count > 0 && (w === 'first' || d.stage !== 'lexical')),
      [query, wait] as const,
      { timeout: 180_000, polling: 20 },
    );
  } else {
    const input = page.locator('.pagefind-ui__search-input');
    await input.waitFor({ state: 'visible' });
    await input.fill(query);
    // Its answer, results or none: the message line names the query once the search ran.
    await page.locator('.pagefind-ui__message', { hasText: query }).waitFor({ timeout: 60_000 });
  }
  const ms = Date.now() - t0;
  await page.close();
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? NaN;
const kb = (b: number): string => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`);

async function buildIndexes(): Promise<void> {
  const model = process.env.BENCH_MODEL ? ['--model', process.env.BENCH_MODEL] : [];
  await run('npx', ['tsx', join(ROOT, 'src/cli/bin.ts'), 'build', SITE, ...model], { cwd: ROOT, maxBuffer: 64 << 20 });
  await run(PAGEFIND_BIN, ['--site', SITE, '--glob', '*.html', '--quiet'], { maxBuffer: 64 << 20 });
}

async function main(): Promise<void> {
  // Keyword and literal queries: those a keyword tier answers (a paraphrase waits for the semantic one).
  const queries = readFileSync(DEV_QUERIES, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { query: string; kind: string })
    .filter((q) => q.kind === 'keyword' || q.kind === 'literal')
    .map((q) => q.query)
    .slice(0, queryCount);
  await mkdir(WORK, { recursive: true });
  // A fresh copy of the site, keeping a previous build's _quarry (its encode cache) and pagefind/.
  for (const f of existsSync(SITE) ? await import('node:fs/promises').then((fs) => fs.readdir(SITE)) : []) if (f !== '_quarry' && f !== 'pagefind') await rm(join(SITE, f), { recursive: true, force: true });
  await cp(html, SITE, { recursive: true });
  const index = join(SITE, 'index.html');
  await writeFile(index, (await readFile(index, 'utf8')).replace('</body>', '<quarry-search></quarry-search><script type="module" src="/_quarry/quarry.js"></script></body>'));
  await mkdir(join(SITE, '_bench'), { recursive: true });
  await writeFile(
    join(SITE, '_bench/pagefind.html'),
    '<!doctype html><meta charset="utf-8"><title>Pagefind</title><link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script><div id="search"></div><script>addEventListener("DOMContentLoaded", () => new PagefindUI({ element: "#search" }));</script>',
  );
  console.log(`building both indexes over ${html} …`);
  await buildIndexes();

  const sent: Sent[] = [];
  const server = await serve(SITE, sent);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const rows: string[] = [];
  const measure = async (context: BrowserContext, system: System, query: string, wait: 'first' | 'semantic') => {
    sent.length = 0;
    const ms = await visit(context, server.url, system, query, wait);
    return { ms, bytes: sent.reduce((n, s) => n + s.bytes, 0), requests: sent.filter((s) => s.bytes > 0).length };
  };
  try {
    for (const system of ['quarry', 'pagefind'] as System[]) {
      const first: Array<{ ms: number; bytes: number; requests: number }> = [];
      const cached: typeof first = [];
      for (const q of queries) {
        const context = await browser.newContext();
        first.push(await measure(context, system, q, 'first'));
        // The rest of the first visit (Quarry: the model), then a later visit with it cached.
        if (system === 'quarry') await measure(context, system, q, 'semantic');
        cached.push(await measure(context, system, q, system === 'quarry' ? 'semantic' : 'first'));
        await context.close();
      }
      const label = system === 'quarry' ? 'Quarry (widget as shipped)' : 'Pagefind (default UI)';
      rows.push(`| ${label} | first visit → first keyword result | ${kb(median(first.map((r) => r.bytes)))} (max ${kb(Math.max(...first.map((r) => r.bytes)))}) | ${median(first.map((r) => r.requests))} | ${median(first.map((r) => r.ms))} ms |`);
      rows.push(`| ${label} | later visit, index${system === 'quarry' ? ' and model' : ''} cached → first ${system === 'quarry' ? 'hybrid ' : ''}result | ${kb(median(cached.map((r) => r.bytes)))} | ${median(cached.map((r) => r.requests))} | ${median(cached.map((r) => r.ms))} ms |`);
    }
    // One page changed between two visits: what the second one fetches again.
    const q = queries[0];
    const contexts = { quarry: await browser.newContext(), pagefind: await browser.newContext() };
    await measure(contexts.quarry, 'quarry', q, 'semantic');
    await measure(contexts.pagefind, 'pagefind', q, 'first');
    const edited = join(SITE, 'wal-configuration.html');
    const original = await readFile(edited, 'utf8');
    await writeFile(edited, original.replace('</p>', ' Checkpoints are also called restart points on a standby.</p>'));
    await buildIndexes();
    for (const system of ['quarry', 'pagefind'] as System[]) {
      const r = await measure(contexts[system], system, q, 'first');
      rows.push(`| ${system === 'quarry' ? 'Quarry (widget as shipped)' : 'Pagefind (default UI)'} | repeat visit after one page changed → first result | ${kb(r.bytes)} | ${r.requests} | ${r.ms} ms |`);
    }
    await writeFile(edited, original);
  } finally {
    await browser.close();
    server.close();
  }
  const table = [
    `First visits as shipped, ${queries.length} keyword and literal dev queries, median (fresh Chromium context each; one static server, gzip on the fly, ETag/304, immutable caching for content-hashed names):`,
    '',
    '| system | visit | sent (compressed) | requests | navigation → result |',
    '|---|---|---:|---:|---:|',
    ...rows,
  ].join('\n');
  await writeFile(join(WORK, 'RESULTS.md'), `${table}\n`);
  console.log(table);
}

await main();
