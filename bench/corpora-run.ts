/**
 * `npm run bench -- --corpora [name,...]`: builds each real site of
 * bench/corpora/ exactly as shipped (default options), scores its labelled
 * queries as `quarry eval` does, and writes the per-site table of issue 12
 * to bench/CORPORA.md.
 *
 * Only aggregate metrics leave this module: the labelled queries must never
 * be read next to Quarry's rankings by whoever tunes extraction, so no
 * per-query result is printed or stored.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { build, type BuildSummary } from '../build-index/build.ts';
import { resolveBuildOptions } from '../build-index/options.ts';
import { readQueries } from '../src/cli/commands/queries-file.ts';
import { evaluateRun, type EvalReport } from '../src/core/metrics/evaluate.ts';
import type { SearchMode } from '../src/core/search/types.ts';
import { openIndex } from '../src/node/index.ts';
import { QueryRunner } from '../src/node/query-runner.ts';
import { readIndexedSite, siteFigures, NAV_RULE, type SiteFigures } from './corpora-metrics.ts';
import { BENCH_DIR, WORK_DIR } from './corpus.ts';
import { benchReporter } from './quarry.ts';
import { log } from './util.ts';

const run = promisify(execFile);
const CORPORA_DIR = join(BENCH_DIR, 'corpora');
const CORPORA_WORK = join(WORK_DIR, 'corpora');
const RESULTS_JSON = join(CORPORA_WORK, 'results.json');
const CORPORA_MD = join(BENCH_DIR, 'CORPORA.md');
const MODES: SearchMode[] = ['lexical', 'dense', 'hybrid'];

interface SiteConfig {
  name: string;
  generator: string;
  /** The hand-configured best build: extra build options (e.g. selector, exclude). Empty or absent: not measured. */
  best?: { selector?: string; exclude?: string[] };
}

interface BuildRow {
  seconds: number;
  /** Seconds of the last build of this site that encoded every passage, when one was measured. */
  coldSeconds: number | null;
  encoded: number;
  reused: number;
  /** Duplicates and aggregate pages the build itself says it dropped, for comparison with ours. */
  claimedDuplicates: number;
  figures: SiteFigures;
  scores: Record<string, EvalReport>;
}

interface SiteRow {
  name: string;
  generator: string;
  date: string;
  queries: number;
  shipped: BuildRow;
  best: (BuildRow & { options: NonNullable<SiteConfig['best']> }) | null;
}

/** `--corpora`, `--corpora a,b` or `--corpora=a,b` in argv: the chosen site names ([] = all), or null without the flag. */
export function corporaFlag(argv: readonly string[]): string[] | null {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--corpora=')) return a.slice('--corpora='.length).split(',').filter(Boolean);
    if (a === '--corpora') return argv[i + 1] && !argv[i + 1].startsWith('-') ? argv[i + 1].split(',').filter(Boolean) : [];
  }
  return null;
}

async function siteNames(): Promise<string[]> {
  const entries = await readdir(CORPORA_DIR, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory() && existsSync(join(CORPORA_DIR, e.name, 'site.json'))).map((e) => e.name).sort();
}

/** The unpacked HTML root (fetch.sh is idempotent and prints it on its last line). */
async function fetchSite(name: string): Promise<string> {
  const { stdout } = await run('bash', [join(CORPORA_DIR, name, 'fetch.sh')], { maxBuffer: 1 << 20 });
  const root = stdout.trim().split('\n').at(-1) ?? '';
  if (!existsSync(root)) throw new Error(`bench/corpora/${name}/fetch.sh printed "${root}", which does not exist`);
  return root;
}

async function buildAndScore(htmlRoot: string, outDir: string, queriesFile: string, extra: Record<string, unknown>): Promise<BuildRow> {
  // The site folder is the package as unpacked (read-only in spirit): the index goes to bench/work, and its
  // build-cache.json there lets the next run reuse every unchanged passage's vector.
  const options = await resolveBuildOptions(htmlRoot, { ...extra, outDir });
  const t = performance.now();
  const summary: BuildSummary = await build(options, benchReporter());
  const seconds = (performance.now() - t) / 1000;
  const queries = await readQueries(queriesFile);
  const index = await openIndex(outDir);
  const scores: Record<string, EvalReport> = {};
  try {
    const runner = new QueryRunner(index);
    for (const mode of MODES) scores[mode] = evaluateRun(queries, await runner.rankAll(queries, mode));
  } finally {
    await index.close();
  }
  return { seconds, coldSeconds: summary.reused === 0 ? seconds : null, encoded: summary.encoded, reused: summary.reused, claimedDuplicates: summary.duplicates, figures: siteFigures(await readIndexedSite(outDir)), scores };
}

async function measureSite(name: string, previous: SiteRow | undefined): Promise<SiteRow> {
  const config = JSON.parse(await readFile(join(CORPORA_DIR, name, 'site.json'), 'utf8')) as SiteConfig;
  const queriesFile = join(CORPORA_DIR, name, 'queries.jsonl');
  const htmlRoot = await fetchSite(name);
  log(`${name}: building ${htmlRoot} as shipped`);
  const shipped = await buildAndScore(htmlRoot, join(CORPORA_WORK, name, '_quarry'), queriesFile, {});
  shipped.coldSeconds ??= previous?.shipped.coldSeconds ?? null;
  log(`${name}: ${shipped.figures.pages} pages, ${shipped.figures.passages} passages, hybrid nDCG@10 ${shipped.scores.hybrid.overall.ndcg.toFixed(3)}`);
  const bestOptions = config.best && Object.values(config.best).some((v) => (Array.isArray(v) ? v.length : v)) ? config.best : null;
  let best: SiteRow['best'] = null;
  if (bestOptions) {
    log(`${name}: building the hand-configured best build ${JSON.stringify(bestOptions)}`);
    const bestDir = join(CORPORA_WORK, name, '_quarry-best');
    // Seeded from the shipped index, so the best build encodes only passages the shipped one lacks.
    if (!existsSync(bestDir)) await cp(join(CORPORA_WORK, name, '_quarry'), bestDir, { recursive: true });
    best = { ...(await buildAndScore(htmlRoot, bestDir, queriesFile, bestOptions)), options: bestOptions };
    best.coldSeconds ??= previous?.best?.coldSeconds ?? null;
  }
  return { name, generator: config.generator, date: new Date().toISOString().slice(0, 10), queries: shipped.scores.hybrid.overall.n, shipped, best };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const nd = (r: EvalReport | undefined) => (r ? r.overall.ndcg.toFixed(3) : '—');

/** The Markdown of bench/CORPORA.md: measured rows, and the other corpora listed as pending. */
function renderCorpora(rows: SiteRow[], all: string[], command: string): string {
  const measured = new Map(rows.map((r) => [r.name, r]));
  const kinds = [...new Set(rows.flatMap((r) => Object.keys(r.shipped.scores.hybrid.byKind)))].sort();
  const out = [
    '# Quarry on real documentation sites, as shipped',
    '',
    `Generated by \`${command}\` (bench/corpora-run.ts); each row keeps the date it was measured.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}; build seconds are \`build()\` wall time with encoding on this CPU: cold = every passage encoded (the last such run), this run = reusing the vectors of the previous build (encoded / reused passages).`,
    '',
    'Sites and labelled queries: bench/corpora/ (its README). "As shipped" is `quarry build <htmlRoot>` with no options; "best" is the hand-configured build in site.json\'s `best` (— where none is set).',
    '',
    '| site | generator | date | queries | pages | passages | build s: cold, this run (encoded / reused) | hybrid nDCG@10 as shipped | best | lexical | dense | duplicate passages | nav/TOC passages | distinct titles |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const name of all) {
    const r = measured.get(name);
    if (!r) {
      out.push(`| ${name} | | pending | | | | | | | | | | | |`);
      continue;
    }
    const s = r.shipped;
    const f = s.figures;
    out.push(
      `| ${name} | ${r.generator} | ${r.date} | ${r.queries} | ${f.pages} | ${f.passages} | ${s.coldSeconds === null ? '?' : s.coldSeconds.toFixed(0)}, ${s.seconds.toFixed(0)} (${s.encoded} / ${s.reused}) | ${nd(s.scores.hybrid)} | ${nd(r.best?.scores.hybrid)} | ${nd(s.scores.lexical)} | ${nd(s.scores.dense)} | ${pct(f.passages ? f.duplicatePassages / f.passages : 0)} (${f.duplicatePassages}; build claims ${s.claimedDuplicates} duplicate pages) | ${f.navLikePassages} | ${pct(f.distinctTitles)} |`,
    );
  }
  const pending = all.filter((n) => !measured.has(n));
  if (pending.length) out.push('', `Pending (not measured yet): ${pending.join(', ')} — run \`npm run bench -- --corpora ${pending.join(',')}\`.`);
  if (rows.length) {
    out.push('', 'Hybrid nDCG@10 as shipped, per query kind (n):', '', `| site | ${kinds.join(' | ')} |`, `|---|${kinds.map(() => '---:').join('|')}|`);
    for (const name of all) {
      const r = measured.get(name);
      if (r) out.push(`| ${name} | ${kinds.map((k) => (r.shipped.scores.hybrid.byKind[k] ? `${r.shipped.scores.hybrid.byKind[k].ndcg.toFixed(3)} (${r.shipped.scores.hybrid.byKind[k].n})` : '—')).join(' | ')} |`);
    }
  }
  out.push(
    '',
    'How the figures are counted, from the passages in the built index (docs json + text shards), not from the build\'s own report:',
    '',
    '- **duplicate passages**: passages whose text, normalised (NFKC, lower case, every run of non-letters/digits → one space), also occurs on another page; every copy counts.',
    `- **nav/TOC passages**: a passage whose first line or section heading is just "Table of contents", "Contents", "On this page", "In this article" or "Page contents"; or one where at least ${NAV_RULE.shareOfLines * 100}% of its lines (blocks) have at most ${NAV_RULE.shortLineWords} words and appear on at least ${NAV_RULE.shareOfPages * 100}% of the site's pages (and on at least ${NAV_RULE.minPages}).`,
    '- **distinct titles**: distinct page titles / indexed pages.',
    '- nDCG@10 is `quarry eval`\'s (binary page-level relevance, src/core/metrics/evaluate.ts); only aggregates are reported, never per-query rankings.',
  );
  return `${out.join('\n')}\n`;
}

export async function runCorpora(names: string[]): Promise<number> {
  const all = await siteNames();
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length) {
    process.stderr.write(`Unknown corpus: ${unknown.join(', ')}. The corpora are the folders of bench/corpora/: ${all.join(', ')}.\n`);
    return 1;
  }
  await mkdir(CORPORA_WORK, { recursive: true });
  // Rows of earlier runs are kept, so one site can be re-measured without the others.
  const stored: Record<string, SiteRow> = existsSync(RESULTS_JSON) ? JSON.parse(await readFile(RESULTS_JSON, 'utf8')) : {};
  const measured: Record<string, SiteRow> = {};
  let failed = 0;
  for (const name of names.length ? names : all) {
    try {
      measured[name] = await measureSite(name, stored[name]);
      // Re-read before writing: another run may have measured other sites meanwhile; this run's rows win.
      Object.assign(stored, existsSync(RESULTS_JSON) ? JSON.parse(await readFile(RESULTS_JSON, 'utf8')) : {}, measured);
      await writeFile(RESULTS_JSON, JSON.stringify(stored, null, 1));
    } catch (e) {
      failed++;
      log(`${name} failed: ${(e as Error).stack ?? e}`);
    }
  }
  const md = renderCorpora(all.filter((n) => stored[n]).map((n) => stored[n]), all, `npm run bench -- --corpora${names.length ? ` ${names.join(',')}` : ''}`);
  await writeFile(CORPORA_MD, md);
  process.stdout.write(`\n${md}`);
  log(`wrote ${CORPORA_MD}`);
  return failed ? 1 : 0;
}
