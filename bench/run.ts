/**
 * `npm run bench`: Quarry vs Pagefind, MiniSearch and Orama on the PostgreSQL
 * 15 manual and its labelled dev queries — quality, size, first-query bytes,
 * warm latency, build time, and nearest-neighbour recall — written to
 * bench/RESULTS.md and printed.
 *
 * Environment: BENCH_BUDGET_S (wall-clock budget, default 1800; steps that
 * no longer fit are skipped and listed), BENCH_REBUILD=1 (rebuild the Quarry
 * index even when its stamp matches), BENCH_PG_HTML, BENCH_QUERIES,
 * BENCH_ONLY=stages,offline,variants (only those Quarry sections, written to
 * bench/work/RESULTS.partial.md; add `main` for everything else too).
 * Everything it writes lives in bench/work/ except bench/RESULTS.md.
 * `npm run bench -- --corpora [name,...]` runs only the real-site table
 * (bench/corpora-run.ts → bench/CORPORA.md) instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { evaluateRun } from '../src/core/metrics/evaluate.ts';
import { BenchBrowser, bundleBenchPage, type Latency, type Transfer } from './browser.ts';
import { offlineScenarios, writeSwBootstrap, type OfflineScenario } from './offline.ts';
import { nodeStages, stageStats } from './stages.ts';
import { modelVariants } from './variants.ts';
import { corporaFlag, runCorpora } from './corpora-run.ts';
import { corpusMissingMessage, DEV_QUERIES, ensureSiteCopy, extractCorpus, loadDevQueries, PG_HTML, siteRelative, WORK_DIR, type PageDoc } from './corpus.ts';
import { buildMiniSearch, MINISEARCH_CONFIGS, searchMiniSearch, type PeerDoc } from './peers/minisearch.ts';
import { buildOrama, ORAMA_CONFIGS, searchOrama, serializeOrama } from './peers/orama.ts';
import { buildPagefind, PAGEFIND_CONFIGS, pagefindBundlePath, pagefindVersion } from './peers/pagefind.ts';
import { checkQuarryVectors, ensureQuarryIndex, quarrySizes, scoreQuarry } from './quarry.ts';
import { renderResults, type BenchResults, type PeerConfigRow } from './report.ts';
import { Budget, listFiles, log, mb, sizeOf } from './util.ts';

const run = promisify(execFile);
const PG_WORK = join(WORK_DIR, 'pg');
const SITE = join(PG_WORK, 'site');
const QUARRY_DIR = join(PG_WORK, '_quarry');
const QUARRY_TUNED = join(PG_WORK, '_quarry-tuned');
const RESULTS = join(import.meta.dirname, 'RESULTS.md');
const PARTIAL_RESULTS = join(WORK_DIR, 'RESULTS.partial.md');

/** BENCH_ONLY: a comma list of sections (stages, offline, variants, main = everything else); empty = all. */
const ONLY = new Set((process.env.BENCH_ONLY ?? '').split(',').map((x) => x.trim()).filter(Boolean));
const wants = (section: 'main' | 'stages' | 'offline' | 'variants') => !ONLY.size || ONLY.has(section);

/** Documents for MiniSearch/Orama: one per page, or one per section (url#anchor). */
function peerDocs(pages: PageDoc[], granularity: 'page' | 'section'): PeerDoc[] {
  if (granularity === 'page') return pages.map((p, id) => ({ id, url: p.url, title: p.title, text: p.text }));
  let id = 0;
  return pages.flatMap((p) =>
    p.sections.map((s) => ({ id: id++, url: s.anchor ? `${p.url}#${s.anchor}` : p.url, title: s.heading && s.heading !== p.title ? `${p.title} — ${s.heading}` : p.title, text: s.text })),
  );
}

function version(pkg: string): string {
  try {
    // Read node_modules/<pkg>/package.json directly: "exports" maps hide it from require.resolve.
    const file = join(import.meta.dirname, '../node_modules', pkg, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** Paths a transfer fetched more than once (same file downloaded twice in one fresh context). */
function duplicates(t: Transfer): Array<{ path: string; times: number; bytes: number }> {
  const seen = new Map<string, { times: number; bytes: number }>();
  for (const f of t.files) {
    const e = seen.get(f.path) ?? { times: 0, bytes: 0 };
    e.times++;
    e.bytes += f.bytes;
    seen.set(f.path, e);
  }
  return [...seen].filter(([, e]) => e.times > 1).map(([path, e]) => ({ path, ...e }));
}

/** Bytes of a Quarry transfer by kind of file. */
function quarryBreakdown(t: Transfer): string {
  const kinds: Array<[string, (p: string) => boolean]> = [
    ['text shards (snippets)', (p) => p.includes('/_quarry/text/')],
    ['model', (p) => p.includes('/_quarry/models/')],
    ['onnxruntime-web', (p) => p.includes('/_quarry/ort/')],
    ['vectors', (p) => /\/_quarry\/vectors\./.test(p)],
    ['lexical index', (p) => /\/_quarry\/(manifest|docs|lexical|terms)\b/.test(p)],
    ['code + page', () => true],
  ];
  const sums = new Map<string, number>();
  for (const f of t.files) {
    const kind = kinds.find(([, test]) => test(f.path))![0];
    sums.set(kind, (sums.get(kind) ?? 0) + f.bytes);
  }
  return [...sums].map(([k, b]) => `${k} ${mb(b)}`).join(', ');
}

type HybridRun = Awaited<ReturnType<BenchBrowser['latency']>>;

function threadsLabel(status: unknown): string {
  const s = status as { backend?: string; threads?: number; crossOriginIsolated?: boolean } | undefined;
  if (!s?.threads) return '?';
  return `${s.threads} (${s.backend ?? '?'}${s.crossOriginIsolated ? ', cross-origin isolated' : ''})`;
}

/** Chromium stage rows from a hybrid latency run of the Quarry page. */
function chromiumStageRow(where: string, r: HybridRun, passes = 3): BenchResults['stages'][number] {
  if (!r.timings) throw new Error(`${where}: the Quarry page reported no SearchResponse.timings (an old bench page?)`);
  return { where, threads: threadsLabel(r.status), queries: r.timings.length, passes, stats: stageStats(r.timings, r.ms) };
}

/** Notes for what the caching scenarios downloaded that they should not have. */
function offlineNotes(rows: OfflineScenario[]): string[] {
  const notes: string[] = [];
  const codeOrPage = (p: string) => /\/_quarry\/manifest\.json$|\/_quarry\/quarry(\.worker)?\.js$|^\/_bench\/|^\/quarry-sw\.js$|^\/_quarry\/quarry-sw\.js$/.test(p);
  const list = (files: Array<{ path: string; bytes: number }>) => {
    const byPath = new Map<string, { n: number; bytes: number }>();
    for (const f of files) {
      const e = byPath.get(f.path) ?? { n: 0, bytes: 0 };
      e.n++;
      e.bytes += f.bytes;
      byPath.set(f.path, e);
    }
    // Text shards collapse into one entry (there are ~120 of them).
    const shards = [...byPath].filter(([p]) => p.includes('/_quarry/text/'));
    const named = [...byPath].filter(([p]) => !p.includes('/_quarry/text/')).map(([p, e]) => `${p.replace(/^\/_quarry\//, '')}${e.n > 1 ? ` ×${e.n}` : ''} (${mb(e.bytes)})`);
    if (shards.length) named.push(`${shards.length} text shards (${shards.reduce((a, [, e]) => a + e.n, 0)} requests, ${mb(shards.reduce((a, [, e]) => a + e.bytes, 0))})`);
    return named.join(', ');
  };
  for (const r of rows) {
    if (r.id === 'b' || r.id === 'd') {
      const extra = r.served.files.filter((f) => !codeOrPage(f.path));
      if (extra.length) notes.push(`**Quarry caching (${r.id}) ${r.what} downloaded index/model/runtime files again** (${mb(extra.reduce((a, f) => a + f.bytes, 0))}): ${list(extra)}.`);
      else notes.push(`Quarry caching (${r.id}) ${r.what}: only page, code and manifest were sent: ${list(r.served.files)}.`);
    }
    if (r.id === 'c') {
      const all = [...r.served.files, ...(r.precache?.files ?? [])].filter((f) => f.status === 200);
      const seen = new Map<string, number>();
      for (const f of all) seen.set(f.path, (seen.get(f.path) ?? 0) + 1);
      const twice = all.filter((f) => (seen.get(f.path) ?? 0) > 1 && !f.path.endsWith('/manifest.json'));
      if (twice.length) notes.push(`**Quarry caching (c): on a first visit with the service worker, ${new Set(twice.map((f) => f.path)).size} file(s) were sent twice** (the search worker fetched them before the service worker controlled the page, and the service worker precached them again), ${mb(twice.reduce((a, f) => a + f.bytes, 0) / 2)} extra: ${list(twice)}.`);
      if (r.swCache) notes.push(`Quarry caching (c): once the manifest was in it, the service worker's cache held ${r.swCache.files} entries, ${mb(r.swCache.bytes)}${r.swCache.missing.length ? `; **missing from it: ${r.swCache.missing.join(', ')}**` : ' (every file the manifest lists)'}.`);
      if (r.precache) notes.push(`Quarry caching (c′): still sent after the hybrid answer, until the service worker's cache held the manifest: ${list(r.precache.files)}.`);
    }
    if (r.id === 'e' && r.served.requests) {
      // The browser's own service-worker update check (the registered script and what it imports) is not covered by Playwright's offline emulation.
      const updateCheck = r.served.files.every((f) => /^\/(_quarry\/)?quarry-sw\.js$/.test(f.path));
      notes.push(
        updateCheck
          ? `Quarry caching (e): the only requests that reached the server during the offline reload were the browser's service-worker update check (${list(r.served.files)}), which Playwright's context.setOffline does not cover; offline they fail harmlessly.`
          : `**Quarry caching (e): the offline reload still reached the server ${r.served.requests} time(s)**: ${list(r.served.files)}.`,
      );
    }
    if (r.controlled === false && (r.id === 'd' || r.id === 'e')) notes.push(`**Quarry caching (${r.id}): the page was not controlled by the service worker** when it searched.`);
  }
  return notes;
}

/**
 * The Quarry browser sections added on top of the main comparison: stage
 * latency (plain and cross-origin isolated), caching/offline transfers and
 * model variants. `hybrid` reuses the main hybrid latency run when there was one.
 */
async function quarryBrowserExtras(
  browser: BenchBrowser,
  results: BenchResults,
  budget: Budget,
  o: { qPage: string; head: string; workerParam: string; texts: string[]; probe: string; hybrid?: HybridRun },
): Promise<void> {
  const skip = (what: string) => results.skipped.push(what);
  if (wants('stages')) {
    try {
      const plain = o.hybrid ?? (log('Quarry stages: 51 queries × (1 warm-up + 3 timed), hybrid, in Chromium'), await browser.latency(`${o.qPage}?eager=1${o.workerParam}`, o.texts, 'hybrid'));
      results.stages.push(chromiumStageRow('Chromium worker, plain server', plain));
      if (budget.allows('Quarry stages, cross-origin isolated', 60)) {
        log('Quarry stages: the same, cross-origin isolated (COOP/COEP → WASM threads)');
        const isolated = await browser.sibling({ isolate: true });
        try {
          const r = await isolated.latency(`${o.qPage}?eager=1${o.workerParam}`, o.texts, 'hybrid');
          const row = chromiumStageRow('Chromium worker, cross-origin isolated', r);
          if (!(r.status as { crossOriginIsolated?: boolean } | undefined)?.crossOriginIsolated) row.note = '**the worker did not report crossOriginIsolated**: COOP/COEP had no effect.';
          results.stages.push(row);
        } finally {
          await isolated.close();
        }
      } else skip('Quarry stages cross-origin isolated (budget)');
    } catch (e) {
      log(`Quarry stage latency failed: ${(e as Error).stack ?? e}`);
      skip(`Quarry stage latency in Chromium (${(e as Error).message.split('\n')[0]})`);
    }
  }
  if (wants('offline')) {
    if (o.workerParam) skip('Quarry caching/offline (the index has no worker)');
    else if (budget.allows('Quarry caching/offline', 120)) {
      try {
        const sw = await writeSwBootstrap(SITE);
        const page = await bundleBenchPage(SITE, 'quarry', o.head, { inline: true, htmlName: 'quarry-offline' });
        results.offline = await offlineScenarios(browser, page, sw, o.probe);
        results.notes.push(...offlineNotes(results.offline));
      } catch (e) {
        log(`Quarry caching/offline failed: ${(e as Error).stack ?? e}`);
        skip(`Quarry caching/offline (${(e as Error).message.split('\n')[0]})`);
      }
    } else skip('Quarry caching/offline (budget)');
  }
  if (wants('variants')) {
    if (budget.allows('model variants', 90)) {
      try {
        results.variants = await modelVariants(browser, o.texts);
      } catch (e) {
        log(`model variants failed: ${(e as Error).stack ?? e}`);
        skip(`model variants (${(e as Error).message.split('\n')[0]})`);
      }
    } else skip('model variants (budget)');
  }
}

/** Serves the index from the site copy (symlink) and picks the widget/worker files; returns the page head and worker parameter. */
async function prepareQuarryPage(results: BenchResults): Promise<{ head: string; workerParam: string }> {
  await rm(join(SITE, '_quarry'), { recursive: true, force: true });
  await symlink('../_quarry', join(SITE, '_quarry'));
  let workerParam = '';
  let head = '';
  if (existsSync(join(QUARRY_DIR, 'quarry.js'))) head = '<script type="module" src="/_quarry/quarry.js"></script>';
  if (!existsSync(join(QUARRY_DIR, 'quarry.worker.js'))) {
    log('the index has no quarry.worker.js (widget not built): building widget + worker into bench/work/widget with vite');
    const out = join(WORK_DIR, 'widget');
    const vite = join(import.meta.dirname, '../node_modules/.bin/vite');
    await run(vite, ['build', '--outDir', out, '--logLevel', 'error'], { cwd: join(import.meta.dirname, '..') });
    await run(vite, ['build', '--mode', 'worker', '--outDir', out, '--logLevel', 'error'], { cwd: join(import.meta.dirname, '..') });
    await cp(out, join(SITE, '_bench/widget'), { recursive: true });
    workerParam = '&worker=/_bench/widget/quarry.worker.js';
    head = '<script type="module" src="/_bench/widget/quarry.js"></script>';
    results.notes.push('Quarry\'s index had no widget files (dist/widget not built); the bench built them with vite into bench/work/widget.');
  }
  return { head, workerParam };
}

/** BENCH_ONLY without `main`: only the requested Quarry sections, written to bench/work/RESULTS.partial.md. */
async function partialRun(results: BenchResults, budget: Budget, texts: string[]): Promise<void> {
  await ensureSiteCopy(SITE);
  const qb = await ensureQuarryIndex(PG_HTML, QUARRY_DIR, process.env.BENCH_REBUILD === '1');
  results.quarryBuild = qb;
  results.corpus.passages = qb.summary.passages;
  results.corpus.pages = qb.summary.pages;
  if (wants('stages')) {
    log('Quarry stages in Node: 51 queries × (1 warm-up + 3 timed), hybrid');
    results.stages.push(await nodeStages(QUARRY_DIR, texts));
  }
  if (!wants('offline') && !wants('variants') && !wants('stages')) return;
  const browser = await BenchBrowser.start(SITE);
  results.versions.chromium = browser.version();
  try {
    const { head, workerParam } = await prepareQuarryPage(results);
    const qPage = await bundleBenchPage(SITE, 'quarry', head);
    await quarryBrowserExtras(browser, results, budget, { qPage, head, workerParam, texts, probe: texts[0] });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<number> {
  // --corpora [name,...]: only the real-site table (bench/corpora-run.ts), no PostgreSQL peers run.
  const corpora = corporaFlag(process.argv.slice(2));
  if (corpora) return runCorpora(corpora);
  const missing = corpusMissingMessage();
  if (missing) {
    process.stderr.write(missing);
    return 1;
  }
  const budget = new Budget(Number(process.env.BENCH_BUDGET_S ?? 1800));
  const queries = await loadDevQueries();
  const texts = queries.map((q) => q.query);
  await mkdir(PG_WORK, { recursive: true });
  log(`budget ${budget.seconds}s; corpus ${PG_HTML}; ${queries.length} dev queries`);

  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    seconds: 0,
    versions: {
      node: process.version,
      quarry: (JSON.parse(await readFile(join(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }).version,
      pagefind: (await pagefindVersion()).replace(/^pagefind\s*/, ''),
      minisearch: version('minisearch'),
      '@orama/orama': version('@orama/orama'),
      '@huggingface/transformers': version('@huggingface/transformers'),
      'onnxruntime-web': version('onnxruntime-web'),
      'playwright-core': version('playwright-core'),
    },
    corpus: { path: PG_HTML, pages: 0, passages: null },
    queries,
    quality: [],
    peerConfigs: [],
    sizes: [],
    transfers: [],
    latencies: [],
    builds: [],
    quarryBuild: null,
    quarrySizes: null,
    tunedFusion: null,
    vectorCheck: null,
    stages: [],
    offline: [],
    variants: [],
    skipped: [],
    notes: [],
  };
  const skip = (what: string) => results.skipped.push(what);

  if (!wants('main')) {
    log(`BENCH_ONLY=${[...ONLY].join(',')}: only those sections, written to ${PARTIAL_RESULTS}`);
    await partialRun(results, budget, texts);
    results.seconds = budget.elapsed();
    const md = renderResults(results);
    await writeFile(PARTIAL_RESULTS, `${md}\n`);
    await writeFile(join(WORK_DIR, 'results.partial.json'), JSON.stringify({ stages: results.stages, offline: results.offline, variants: results.variants, skipped: results.skipped }, null, 1));
    process.stdout.write(`\n${md}\n`);
    log(`wrote ${PARTIAL_RESULTS} (${budget.elapsed().toFixed(0)} s)`);
    return 0;
  }

  // ── 1. Page text (Quarry's extractor) and a writable copy of the site ──
  const pages = await extractCorpus();
  results.corpus.pages = pages.length;
  await ensureSiteCopy(SITE);

  // ── 2. MiniSearch and Orama in Node: every configuration scored, the best kept ──
  const bestOf = (rows: PeerConfigRow[]) => rows.reduce((a, b) => (b.report.overall.ndcg > a.report.overall.ndcg + 1e-9 ? b : a));
  const peerRuns = new Map<string, Map<string, string[]>>();

  log('MiniSearch: indexing and scoring each configuration');
  const msRows: PeerConfigRow[] = [];
  const msBuild = new Map<string, { seconds: number; json: string }>();
  for (const config of MINISEARCH_CONFIGS) {
    const t = performance.now();
    const ms = buildMiniSearch(peerDocs(pages, config.granularity), config);
    const json = JSON.stringify(ms);
    msBuild.set(config.name, { seconds: (performance.now() - t) / 1000, json });
    const runs = new Map(queries.map((q) => [q.id, searchMiniSearch(ms, q.query)]));
    peerRuns.set(`minisearch:${config.name}`, runs);
    msRows.push({ system: 'MiniSearch', config: config.name, report: evaluateRun(queries, runs), chosen: false });
    log(`  ${config.name}: nDCG@10 ${msRows.at(-1)!.report.overall.ndcg.toFixed(3)}`);
  }
  const msBest = bestOf(msRows);
  msBest.chosen = true;

  log('Orama: indexing and scoring each configuration');
  const orRows: PeerConfigRow[] = [];
  const orBuild = new Map<string, { seconds: number; json: string }>();
  for (const config of ORAMA_CONFIGS) {
    const t = performance.now();
    const db = await buildOrama(peerDocs(pages, config.granularity), config);
    const json = serializeOrama(db);
    orBuild.set(config.name, { seconds: (performance.now() - t) / 1000, json });
    const runs = new Map<string, string[]>();
    for (const q of queries) runs.set(q.id, await searchOrama(db, q.query));
    peerRuns.set(`orama:${config.name}`, runs);
    orRows.push({ system: 'Orama', config: config.name, report: evaluateRun(queries, runs), chosen: false });
    log(`  ${config.name}: nDCG@10 ${orRows.at(-1)!.report.overall.ndcg.toFixed(3)}`);
  }
  const orBest = bestOf(orRows);
  orBest.chosen = true;

  await mkdir(join(SITE, '_bench'), { recursive: true });
  await writeFile(join(SITE, '_bench/minisearch.json'), msBuild.get(msBest.config)!.json);
  await writeFile(join(SITE, '_bench/orama.json'), orBuild.get(orBest.config)!.json);
  results.builds.push({ system: 'MiniSearch', seconds: msBuild.get(msBest.config)!.seconds, note: `${msBest.config}: addAll + JSON.stringify, in Node, over pre-extracted text (extraction not included)` });
  results.builds.push({ system: 'Orama', seconds: orBuild.get(orBest.config)!.seconds, note: `${orBest.config}: insertMultiple + save, in Node, over pre-extracted text (extraction not included)` });
  msBuild.clear();
  orBuild.clear();

  // ── 3. Pagefind bundles (its own crawler over the site copy) ──
  const pfSeconds = new Map<string, number>();
  for (const config of PAGEFIND_CONFIGS) {
    log(`Pagefind: indexing (${config.name})`);
    pfSeconds.set(config.name, await buildPagefind(SITE, config));
  }

  // ── 4. Quarry: build (or reuse), score, tune, check ──
  let quarryOk = false;
  try {
    const qb = await ensureQuarryIndex(PG_HTML, QUARRY_DIR, process.env.BENCH_REBUILD === '1');
    results.quarryBuild = qb;
    results.corpus.passages = qb.summary.passages;
    const phases = `extract ${qb.summary.seconds.extract.toFixed(0)} s, encode ${qb.summary.seconds.encode.toFixed(0)} s, write ${qb.summary.seconds.write.toFixed(0)} s`;
    if (qb.coldSeconds) results.builds.push({ system: 'Quarry (cold)', seconds: qb.coldSeconds, note: `every passage encoded on CPU (onnxruntime-node, int8 model, ${results.corpus.passages} passages); recorded by the bench run that built bench/work/pg/_quarry` });
    results.builds.push({
      system: 'Quarry (this run)',
      seconds: qb.reusedIndex ? 0 : qb.seconds,
      note: qb.reusedIndex ? 'index reused as is (stamp matched)' : `${phases}; ${qb.summary.encoded} passages encoded, ${qb.summary.reused} vectors reused from the previous build`,
    });
    quarryOk = true;
  } catch (e) {
    log(`quarry build failed: ${(e as Error).stack ?? e}`);
    skip(`Quarry (build failed: ${(e as Error).message.split('\n')[0]})`);
  }

  if (quarryOk) {
    try {
      log('Quarry: scoring lexical, dense, hybrid' + (budget.left() > 300 ? ' and tuned hybrid' : ''));
      const tune = budget.allows('quarry tune', 300);
      if (!tune) skip('Quarry tuned hybrid (budget)');
      const scores = await scoreQuarry(QUARRY_DIR, QUARRY_TUNED, queries, DEV_QUERIES, tune);
      results.tunedFusion = scores.tunedFusion;
      for (const [mode, report] of Object.entries(scores.reports)) {
        results.quality.push({ name: `Quarry ${mode}`, config: mode === 'hybrid (tuned)' ? 'quarry tune on the dev set' : mode === 'hybrid' ? 'defaults' : 'defaults', report, runs: scores.runs[mode] });
      }
    } catch (e) {
      log(`quarry scoring failed: ${(e as Error).stack ?? e}`);
      skip(`Quarry scoring (${(e as Error).message.split('\n')[0]})`);
    }
    if (budget.allows('quarry check', 120)) {
      try {
        log('Quarry: nearest-neighbour check (exact int8 scan and voy-search vs exact float)');
        results.vectorCheck = await checkQuarryVectors(QUARRY_DIR, queries);
      } catch (e) {
        log(`quarry check failed: ${(e as Error).message}`);
        skip(`quarry check (${(e as Error).message.split('\n')[0]})`);
      }
    } else skip('quarry check (budget)');
    if (wants('stages') && budget.allows('Quarry stages in Node', 60)) {
      try {
        log('Quarry stages in Node: 51 queries × (1 warm-up + 3 timed), hybrid');
        results.stages.push(await nodeStages(QUARRY_DIR, texts));
      } catch (e) {
        log(`Quarry stages in Node failed: ${(e as Error).stack ?? e}`);
        skip(`Quarry stage latency in Node (${(e as Error).message.split('\n')[0]})`);
      }
    }
    const s = await quarrySizes(QUARRY_DIR);
    results.quarrySizes = s;
    results.sizes.push(
      { system: 'Quarry', part: 'lexical index (manifest, docs, BM25 postings, terms)', size: s.lexical, note: 'enough for keyword results' },
      { system: 'Quarry', part: 'passage vectors (int8)', size: s.vectors },
      { system: 'Quarry', part: 'passage text shards', size: s.text, note: 'fetched lazily, for snippets' },
      { system: 'Quarry', part: 'model (tokenizer + int8 ONNX)', size: s.model },
      { system: 'Quarry', part: 'runtime: onnxruntime-web, plain SIMD build', size: s.runtimeFetched, note: 'what WASM browsers fetch' },
      { system: 'Quarry', part: 'runtime: every build in ort/ (asyncify, for WebGPU, only with --webgpu)', size: s.runtime },
      { system: 'Quarry', part: 'widget + worker code', size: s.code },
    );
  }

  // ── 5. Sizes of the peers ──
  const pfBundleFiles = async (name: string) =>
    (await listFiles(join(SITE, pagefindBundlePath(PAGEFIND_CONFIGS.find((c) => c.name === name)!)))).filter((f) => !/ui\.(js|css)$|highlight\.js$|^playground\//.test(f));

  // ── 6. Chromium: Pagefind scoring, first-query bytes, warm latency ──
  let browser: BenchBrowser | null = null;
  try {
    browser = await BenchBrowser.start(SITE);
    results.versions.chromium = browser.version();
  } catch (e) {
    log(`Chromium unavailable: ${(e as Error).message}`);
    skip(`all browser measurements and Pagefind scoring (${(e as Error).message.split('\n')[0]})`);
  }

  if (browser) {
    try {
      const pfPage = await bundleBenchPage(SITE, 'pagefind');
      const msPage = await bundleBenchPage(SITE, 'minisearch');
      const orPage = await bundleBenchPage(SITE, 'orama');

      // Pagefind: score every configuration through pagefind.js (that run is also its latency run).
      const pfRows: PeerConfigRow[] = [];
      const pfLatency = new Map<string, Latency>();
      for (const config of PAGEFIND_CONFIGS) {
        log(`Pagefind (${config.name}): 51 queries × (1 warm-up + 3 timed) in Chromium`);
        const { latency, urls } = await browser.latency(`${pfPage}?bundle=/${pagefindBundlePath(config)}`, texts, undefined);
        const runs = new Map(queries.map((q, i) => [q.id, urls[i].map(siteRelative)]));
        peerRuns.set(`pagefind:${config.name}`, runs);
        pfLatency.set(config.name, latency);
        pfRows.push({ system: 'Pagefind', config: config.name, report: evaluateRun(queries, runs), chosen: false });
        log(`  nDCG@10 ${pfRows.at(-1)!.report.overall.ndcg.toFixed(3)}, p50 ${latency.p50.toFixed(1)} ms`);
      }
      const pfBest = bestOf(pfRows);
      pfBest.chosen = true;
      const pfBestConfig = PAGEFIND_CONFIGS.find((c) => c.name === pfBest.config)!;
      const pfUrl = `${pfPage}?bundle=/${pagefindBundlePath(pfBestConfig)}`;
      results.peerConfigs.push(...pfRows, ...msRows, ...orRows);
      results.quality.push(
        { name: 'Pagefind', config: pfBest.config, report: pfBest.report, runs: peerRuns.get(`pagefind:${pfBest.config}`)! },
        { name: 'MiniSearch', config: msBest.config, report: msBest.report, runs: peerRuns.get(`minisearch:${msBest.config}`)! },
        { name: 'Orama', config: orBest.config, report: orBest.report, runs: peerRuns.get(`orama:${orBest.config}`)! },
      );
      results.builds.push({ system: 'Pagefind', seconds: pfSeconds.get(pfBest.config)!, note: `${pfBest.config}: the pagefind CLI over the HTML (its own extraction included)` });
      const pfFiles = await pfBundleFiles(pfBest.config);
      const pfDir = join(SITE, pagefindBundlePath(pfBestConfig));
      results.sizes.push(
        { system: 'Pagefind', part: `bundle (${pfBest.config}): index chunks, fragments, meta, pagefind.js, WASM`, size: await sizeOf(pfDir, pfFiles), note: 'UI files excluded; chunks are pre-compressed' },
        { system: 'MiniSearch', part: `serialized index (${msBest.config})`, size: await sizeOf(SITE, ['_bench/minisearch.json']), note: 'JSON.stringify(miniSearch)' },
        { system: 'MiniSearch', part: 'page code (library + search, minified)', size: await sizeOf(SITE, ['_bench/minisearch.js']) },
        { system: 'Orama', part: `serialized database (${orBest.config})`, size: await sizeOf(SITE, ['_bench/orama.json']), note: 'JSON of save(db)' },
        { system: 'Orama', part: 'page code (library + search, minified)', size: await sizeOf(SITE, ['_bench/orama.js']) },
      );

      const probe = queries[0].query;
      log('first-query transfer: Pagefind, MiniSearch, Orama');
      results.transfers.push({ system: 'Pagefind', what: `search + data() of the top 10 (${pfBest.config})`, transfer: await browser.firstQuery(pfUrl, probe) });
      const msUrl = `${msPage}?config=${encodeURIComponent(msBest.config)}`;
      const orUrl = `${orPage}?config=${encodeURIComponent(orBest.config)}`;
      results.transfers.push({ system: 'MiniSearch', what: 'page code + whole serialized index', transfer: await browser.firstQuery(msUrl, probe) });
      results.transfers.push({ system: 'Orama', what: 'page code + whole serialized database', transfer: await browser.firstQuery(orUrl, probe) });

      results.latencies.push({ system: 'Pagefind', what: `pagefind.search + data() of the top 10 (${pfBest.config})`, latency: pfLatency.get(pfBest.config)! });
      for (const [system, url, config, nodeRuns] of [
        ['MiniSearch', msUrl, msBest.config, peerRuns.get(`minisearch:${msBest.config}`)!],
        ['Orama', orUrl, orBest.config, peerRuns.get(`orama:${orBest.config}`)!],
      ] as const) {
        log(`${system}: 51 queries × (1 warm-up + 3 timed) in Chromium`);
        const { latency, urls } = await browser.latency(url, texts, undefined);
        results.latencies.push({ system, what: `search() over the loaded index (${config})`, latency });
        const same = queries.every((q, i) => urls[i].slice(0, 10).join() === (nodeRuns.get(q.id) ?? []).slice(0, 10).join());
        if (!same) results.notes.push(`${system}: Chromium's top 10 differ from Node's for some queries (quality is scored from Node).`);
      }
    } catch (e) {
      log(`peer browser measurements failed: ${(e as Error).stack ?? e}`);
      skip(`peer browser measurements (${(e as Error).message.split('\n')[0]})`);
    }

    // Quarry in the browser: the real worker + client, served from the site.
    if (quarryOk && budget.allows('Quarry browser measurements', 120)) {
      try {
        const { head, workerParam } = await prepareQuarryPage(results);
        const qPage = await bundleBenchPage(SITE, 'quarry', head);
        const probe = queries[0].query;
        log('Quarry first-query transfer: lexical-first, then full hybrid');
        const lex = await browser.firstQuery(`${qPage}?eager=0${workerParam}`, probe, 'lexical');
        results.transfers.unshift({ system: 'Quarry', what: 'lexical-first (widget + worker + lexical index; model not requested)', transfer: lex });
        const hyb = await browser.firstQuery(`${qPage}?eager=1${workerParam}`, probe, 'hybrid');
        const stage = (name: string) => hyb.stages?.find((s) => s.stage === name)?.ms;
        results.transfers.splice(1, 0, { system: 'Quarry', what: 'full hybrid (adds vectors, model, onnxruntime-web)', transfer: hyb });
        const lexStage = stage('lexical');
        const hybStage = stage('hybrid');
        if (lexStage !== undefined && hybStage !== undefined) {
          results.notes.push(`Quarry, fresh context, hybrid mode: the first (lexical) answer arrived ${(lexStage / 1000).toFixed(2)} s after search() was called, the hybrid answer ${(hybStage / 1000).toFixed(2)} s after (model download, WASM compile, session start and warm-up encodes on 1 thread, no cross-origin isolation).`);
        }
        results.notes.push(`Quarry lexical-first transfer by kind: ${quarryBreakdown(lex)}.`);
        results.notes.push(`Quarry full-hybrid transfer by kind: ${quarryBreakdown(hyb)}.`);
        for (const t of results.transfers) {
          const dup = duplicates(t.transfer);
          if (dup.length) results.notes.push(`**${t.system} (${t.what}) downloaded ${dup.length} file(s) more than once** in one fresh context: ${dup.map((d) => `${d.path.replace(/.*\//, '')} ×${d.times} (${mb(d.bytes)})`).join(', ')}. The transfer column counts what was actually sent.`);
        }
        log('Quarry: 51 queries × (1 warm-up + 3 timed), lexical then hybrid, in Chromium');
        const qLex = await browser.latency(`${qPage}?eager=0${workerParam}`, texts, 'lexical');
        results.latencies.unshift({ system: 'Quarry lexical', what: 'worker round trip: BM25 + page grouping + snippets', latency: qLex.latency });
        const qHyb = await browser.latency(`${qPage}?eager=1${workerParam}`, texts, 'hybrid');
        results.latencies.splice(1, 0, { system: 'Quarry hybrid', what: 'worker round trip to the final answer: lexical update, query encode (WASM, 1 thread), exact scan, fusion', latency: qHyb.latency });
        const browserRuns = new Map(queries.map((q, i) => [q.id, qHyb.urls[i]]));
        const b = evaluateRun(queries, browserRuns).overall.ndcg;
        const n = results.quality.find((r) => r.name === 'Quarry hybrid')?.report.overall.ndcg;
        if (n !== undefined) results.notes.push(`Quarry hybrid scored from Chromium's rankings: nDCG@10 ${b.toFixed(3)} (Node: ${n.toFixed(3)}); the quality table uses Node, where the same core runs with onnxruntime-node${Math.abs(b - n) > 0.005 ? '. The gap means the worker in the index (copied from dist/widget) is older than the sources: run `npm run build` before `npm run bench`' : ''}.`);
        await quarryBrowserExtras(browser, results, budget, { qPage, head, workerParam, texts, probe, hybrid: qHyb });
      } catch (e) {
        log(`Quarry browser measurements failed: ${(e as Error).stack ?? e}`);
        skip(`Quarry browser measurements (${(e as Error).message.split('\n')[0]})`);
      }
    } else if (!quarryOk) skip('Quarry browser measurements (no index)');
    else skip('Quarry browser measurements (budget)');
    await browser.close();
  } else {
    results.peerConfigs.push(...msRows, ...orRows);
    results.quality.push(
      { name: 'MiniSearch', config: msBest.config, report: msBest.report, runs: peerRuns.get(`minisearch:${msBest.config}`)! },
      { name: 'Orama', config: orBest.config, report: orBest.report, runs: peerRuns.get(`orama:${orBest.config}`)! },
    );
  }

  // Quarry rows first, then peers (quality table order).
  results.builds.sort((a, b) => Number(!a.system.startsWith('Quarry')) - Number(!b.system.startsWith('Quarry')));
  results.quality.sort((a, b) => Number(!a.name.startsWith('Quarry')) - Number(!b.name.startsWith('Quarry')));
  results.notes.unshift(
    'MiniSearch and Orama index the text Quarry\'s extractor took from each page (title + headings + body blocks, no navigation); Pagefind runs its own crawler on the HTML, as it would on a real site.',
    'Pagefind only returns pages containing every query word (AND), so long paraphrased questions mostly get no results (see "no results"); MiniSearch and Orama match any word (OR) and rank with BM25+/BM25.',
  );
  results.seconds = budget.elapsed();
  await writeFile(join(WORK_DIR, 'results.json'), JSON.stringify({ ...results, quality: results.quality.map(({ runs, ...r }) => ({ ...r, runs: Object.fromEntries(runs) })) }, null, 1));
  const md = renderResults(results);
  await writeFile(RESULTS, `${md}\n`);
  process.stdout.write(`\n${md}\n`);
  log(`wrote ${RESULTS} (${budget.elapsed().toFixed(0)} s)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
