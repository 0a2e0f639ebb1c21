/**
 * Quarry's side of the benchmark, through its public build and Node APIs:
 * build (reused when nothing changed), score lexical / dense / hybrid /
 * tuned hybrid, nearest-neighbour recall vs exact search, and sizes.
 */
import { existsSync } from 'node:fs';
import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, type BuildSummary } from '../build-index/build.ts';
import { checkIndex, type CheckReport } from '../src/cli/commands/check.ts';
import { QueryRunner } from '../src/node/query-runner.ts';
import { tuneFusion } from '../src/node/tune-fusion.ts';
import { resolveBuildOptions } from '../build-index/options.ts';
import type { Reporter } from '../build-index/reporter.ts';
import type { FusionSettings } from '../src/core/format/manifest.ts';
import { evaluateRun, type EvalReport } from '../src/core/metrics/evaluate.ts';
import type { SearchMode } from '../src/core/search/types.ts';
import { openIndex } from '../src/node/index.ts';
import type { DevQuery } from './corpus.ts';
import { fingerprint, listFiles, log, sizeOf, type Size } from './util.ts';

const REPO = resolve(import.meta.dirname, '..');

export interface QuarryBuild {
  outDir: string;
  /** Seconds of this run's build (0 when the previous index was reused as is). */
  seconds: number;
  /** Seconds of the last build that encoded every passage (a cold build), when known. */
  coldSeconds: number | null;
  reusedIndex: boolean;
  summary: BuildSummary;
}

/** Prints build progress as plain lines (the bench output is a log, not a TTY UI). */
export function benchReporter(): Reporter {
  let name = '';
  let total = 0;
  let last = 0;
  return {
    phase(n, t) {
      name = n;
      total = t;
      last = 0;
    },
    tick(done) {
      if (Date.now() - last < 10_000 && done !== total) return;
      last = Date.now();
      log(`  quarry build: ${name} ${done}/${total}`);
    },
    info: (m) => log(`  quarry build: ${m}`),
    warn: () => undefined,
    end: () => undefined,
  };
}

/**
 * What makes an index stale: the corpus (names + sizes), Quarry's build and
 * core sources, package.json, the built widget/worker (dist/widget). When it matches the stored stamp the index in
 * bench/work is used as is; otherwise `build()` runs, and still reuses the
 * vectors of unchanged passages (its build-cache.json).
 */
async function stamp(siteDir: string): Promise<string> {
  const corpus = await listFiles(siteDir);
  let sizes = '';
  for (const f of corpus) sizes += `${f}:${(await stat(join(siteDir, f))).size}\n`;
  const sources = [
    ...(await listFiles(join(REPO, 'build-index'))).map((f) => `build-index/${f}`),
    ...(await listFiles(join(REPO, 'src/model'))).map((f) => `src/model/${f}`),
    ...(await listFiles(join(REPO, 'src/core'))).map((f) => `src/core/${f}`),
    'package.json',
  ].filter((f) => f.endsWith('.ts') || f.endsWith('.json'));
  // The index copies dist/widget (widget, worker, service worker) and lists them in its manifest:
  // after `npm run build` the index is rewritten so the browser runs the current worker.
  const widget = join(REPO, 'dist/widget');
  if (existsSync(widget)) sources.push(...(await listFiles(widget)).map((f) => `dist/widget/${f}`));
  return fingerprint(REPO, sources, sizes);
}

export async function ensureQuarryIndex(siteDir: string, outDir: string, force = false): Promise<QuarryBuild> {
  const stampFile = `${outDir}.bench.json`;
  const current = await stamp(siteDir);
  const stored = existsSync(stampFile) ? (JSON.parse(await readFile(stampFile, 'utf8')) as { stamp: string; summary: BuildSummary; coldSeconds: number | null }) : null;
  if (!force && stored && stored.stamp === current && existsSync(join(outDir, 'manifest.json'))) {
    log(`quarry: reusing the index in ${outDir} (manifest and sources unchanged since ${stored.summary.seconds.total.toFixed(0)} s build)`);
    return { outDir, seconds: 0, coldSeconds: stored.coldSeconds, reusedIndex: true, summary: stored.summary };
  }
  log(`quarry: building ${siteDir} → ${outDir}${stored ? ' (sources or corpus changed; unchanged passages reuse their vectors)' : ''}`);
  const options = await resolveBuildOptions(siteDir, { outDir });
  const t = performance.now();
  const summary = await build(options, benchReporter());
  const seconds = (performance.now() - t) / 1000;
  const coldSeconds = summary.reused === 0 ? seconds : (stored?.coldSeconds ?? null);
  await writeFile(stampFile, JSON.stringify({ stamp: current, summary, coldSeconds }, null, 1));
  log(`quarry: ${summary.pages} pages → ${summary.passages} passages in ${seconds.toFixed(1)} s (encoded ${summary.encoded}, reused ${summary.reused})`);
  return { outDir, seconds, coldSeconds, reusedIndex: false, summary };
}

export interface QuarryScores {
  reports: Record<string, EvalReport>;
  runs: Record<string, Map<string, string[]>>;
  tunedFusion: FusionSettings | null;
}

const MODES: SearchMode[] = ['lexical', 'dense', 'hybrid'];

async function scoreModes(dir: string, queries: DevQuery[], modes: SearchMode[]): Promise<Record<string, Map<string, string[]>>> {
  const index = await openIndex(dir);
  try {
    const runner = new QueryRunner(index);
    const runs: Record<string, Map<string, string[]>> = {};
    for (const mode of modes) runs[mode] = await runner.rankAll(queries, mode);
    return runs;
  } finally {
    await index.close();
  }
}

/**
 * Lexical, dense, hybrid with the index's fusion settings, then `quarry tune`
 * on a copy of the index (tune rewrites manifest.json) and hybrid again there.
 */
export async function scoreQuarry(outDir: string, tunedDir: string, queries: DevQuery[], queriesFile: string, tune: boolean): Promise<QuarryScores> {
  const runs = await scoreModes(outDir, queries, MODES);
  let tunedFusion: FusionSettings | null = null;
  if (tune) {
    await rm(tunedDir, { recursive: true, force: true });
    await cp(outDir, tunedDir, { recursive: true, filter: (src) => !src.endsWith('build-cache.json') });
    log('quarry tune (grid over fusion methods × lexical weights, on the dev set itself):');
    const index = await openIndex(tunedDir);
    try {
      tunedFusion = (await tuneFusion(index, queries, { onMethod: (r) => log(`  ${r.settings.method} nDCG@10 ${r.ndcg.toFixed(4)}: ${JSON.stringify(r.settings)}`) })).settings;
    } finally {
      await index.close();
    }
    // The tuned copy answers with the stored settings, as `quarry tune` leaves an index.
    const manifestFile = join(tunedDir, 'manifest.json');
    await writeFile(manifestFile, JSON.stringify({ ...JSON.parse(await readFile(manifestFile, 'utf8')), fusion: tunedFusion }, null, 1));
    runs['hybrid (tuned)'] = (await scoreModes(tunedDir, queries, ['hybrid'])).hybrid;
  }
  const reports: Record<string, EvalReport> = {};
  for (const [name, run] of Object.entries(runs)) reports[name] = evaluateRun(queries, run);
  return { reports, runs, tunedFusion };
}

export interface VectorCheck {
  samples: CheckReport;
  devQueries: CheckReport;
}

/** `quarry check` on the bench index (float32 truth for sampled passages): sampled passage-neighbourhood queries, and the dev queries. */
export async function checkQuarryVectors(outDir: string, queries: DevQuery[], samples = 200): Promise<VectorCheck> {
  const index = await openIndex(outDir);
  try {
    const dev: Float32Array[] = [];
    for (const q of queries) dev.push(await index.encodeQuery(q.query));
    return { samples: await checkIndex(index, { samples }), devQueries: await checkIndex(index, { samples, queries: dev, noisy: false }) };
  } finally {
    await index.close();
  }
}


export interface QuarrySizes {
  /** Everything a browser may fetch for lexical results: manifest, docs, postings, terms. */
  lexical: Size;
  /** int8 passage vectors. */
  vectors: Size;
  /** Passage text shards (fetched lazily for snippets). */
  text: Size;
  model: Size;
  /** onnxruntime-web (.mjs + .wasm); browsers fetch the plain SIMD build, not asyncify (WebGPU). */
  runtime: Size;
  runtimeFetched: Size;
  /** quarry.js + quarry.worker.js (+ service worker when built). */
  code: Size;
  /** build-cache.json: not served to browsers. */
  buildOnly: Size;
}

export async function quarrySizes(outDir: string): Promise<QuarrySizes> {
  const files = await listFiles(outDir);
  const pick = (test: (f: string) => boolean) => files.filter(test);
  const isCode = (f: string) => /^quarry[\w.-]*\.js$/.test(f) && !f.includes('/');
  const isText = (f: string) => f.startsWith('text/');
  const isVectors = (f: string) => f.startsWith('vectors.');
  const isModel = (f: string) => f.startsWith('models/');
  const isRuntime = (f: string) => f.startsWith('ort/');
  const isBuildOnly = (f: string) => f === 'build-cache.json';
  return {
    lexical: await sizeOf(outDir, pick((f) => !isCode(f) && !isText(f) && !isVectors(f) && !isModel(f) && !isRuntime(f) && !isBuildOnly(f))),
    vectors: await sizeOf(outDir, pick(isVectors)),
    text: await sizeOf(outDir, pick(isText)),
    model: await sizeOf(outDir, pick(isModel)),
    runtime: await sizeOf(outDir, pick(isRuntime)),
    runtimeFetched: await sizeOf(outDir, pick((f) => isRuntime(f) && !f.includes('asyncify'))),
    code: await sizeOf(outDir, pick(isCode)),
    buildOnly: await sizeOf(outDir, pick(isBuildOnly)),
  };
}
