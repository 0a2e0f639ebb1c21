/**
 * Turns the collected numbers into bench/RESULTS.md: Markdown tables only,
 * every number produced by this run (nothing typed in by hand).
 */
import { cpus, totalmem } from 'node:os';
import type { EvalReport } from '../src/core/metrics/evaluate.ts';
import { evaluateRun } from '../src/core/metrics/evaluate.ts';
import type { Latency, Transfer } from './browser.ts';
import type { DevQuery } from './corpus.ts';
import type { OfflineScenario, Served } from './offline.ts';
import type { QuarryBuild, QuarrySizes, VectorCheck } from './quarry.ts';
import { STAGES, type StageRow } from './stages.ts';
import { mb, type Size } from './util.ts';
import type { VariantRow } from './variants.ts';

export interface SystemRun {
  /** Row label, e.g. "Quarry hybrid" or "MiniSearch". */
  name: string;
  /** The configuration that produced it (peers: the best tried). */
  config: string;
  report: EvalReport;
  runs: Map<string, string[]>;
}

export interface PeerConfigRow {
  system: string;
  config: string;
  report: EvalReport;
  chosen: boolean;
}

export interface SizeRow {
  system: string;
  part: string;
  size: Size;
  note?: string;
}

export interface TransferRow {
  system: string;
  what: string;
  transfer: Transfer;
}

export interface LatencyRow {
  system: string;
  what: string;
  latency: Latency;
}

export interface BuildRow {
  system: string;
  seconds: number;
  note: string;
}

export interface BenchResults {
  date: string;
  seconds: number;
  versions: Record<string, string>;
  corpus: { path: string; pages: number; passages: number | null };
  queries: DevQuery[];
  quality: SystemRun[];
  peerConfigs: PeerConfigRow[];
  sizes: SizeRow[];
  transfers: TransferRow[];
  latencies: LatencyRow[];
  builds: BuildRow[];
  quarryBuild: QuarryBuild | null;
  quarrySizes: QuarrySizes | null;
  tunedFusion: unknown;
  vectorCheck: VectorCheck | null;
  /** Quarry per-stage latency (Node, Chromium 1 thread, Chromium cross-origin isolated). */
  stages: StageRow[];
  /** Quarry first / repeat / offline visits, with and without the service worker. */
  offline: OfflineScenario[];
  /** fp32 vs int8 query encoding in Chromium. */
  variants: VariantRow[];
  skipped: string[];
  notes: string[];
}

const KINDS = ['paraphrase', 'literal', 'keyword', 'question'];
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '—');
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function table(head: string[], align: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform} ${process.arch}`;
}

function qualityTable(rows: SystemRun[]): string {
  const best = (pick: (r: EvalReport) => number) => Math.max(...rows.map((r) => pick(r.report)));
  const cell = (v: number, b: number) => (Math.abs(v - b) < 1e-9 ? `**${f3(v)}**` : f3(v));
  const cols: Array<[string, (r: EvalReport) => number]> = [
    ['nDCG@10', (r) => r.overall.ndcg],
    ['Recall@10', (r) => r.overall.recall],
    ['MRR@10', (r) => r.overall.mrr],
    ...KINDS.map((k) => [`${k} nDCG`, (r: EvalReport) => r.byKind[k]?.ndcg ?? NaN] as [string, (r: EvalReport) => number]),
  ];
  const bests = cols.map(([, pick]) => best(pick));
  const empty = (r: SystemRun) => [...r.runs.values()].filter((urls) => urls.length === 0).length;
  return table(
    ['system', 'configuration', ...cols.map(([h]) => h), 'no results'],
    ['---', '---', ...cols.map(() => '---:'), '---:'],
    rows.map((r) => [r.name, r.config, ...cols.map(([, pick], i) => cell(pick(r.report), bests[i])), String(empty(r))]),
  );
}

/** Per query: where the best peer ranks a relevant page higher than Quarry hybrid. */
function losses(queries: DevQuery[], quarry: SystemRun, peers: SystemRun[]): string {
  const per = (run: SystemRun, q: DevQuery) => evaluateRun([q], run.runs).overall;
  const rows: string[][] = [];
  for (const q of queries) {
    const mine = per(quarry, q);
    let top: { run: SystemRun; s: ReturnType<typeof per> } | null = null;
    for (const p of peers) {
      const s = per(p, q);
      if (s.ndcg > mine.ndcg + 1e-9 && (!top || s.ndcg > top.s.ndcg)) top = { run: p, s };
    }
    if (!top) continue;
    const rank = (mrr: number) => (mrr > 0 ? String(Math.round(1 / mrr)) : '>10');
    const firstQuarry = (quarry.runs.get(q.id) ?? [])[0]?.replace(/#.*/, '') ?? '(none)';
    rows.push([q.id, q.kind, `\`${q.query.replace(/\|/g, '\\|')}\``, top.run.name, f3(top.s.ndcg), f3(mine.ndcg), rank(top.s.mrr), rank(mine.mrr), firstQuarry, q.relevant.join(', ')]);
  }
  if (!rows.length) return 'No query where a peer scores a higher nDCG@10 than Quarry hybrid.';
  return table(
    ['id', 'kind', 'query', 'best peer', 'peer nDCG', 'Quarry nDCG', 'peer 1st rel.', 'Quarry 1st rel.', 'Quarry top hit', 'relevant'],
    ['---', '---', '---', '---', '---:', '---:', '---:', '---:', '---', '---'],
    rows,
  );
}

/** Bytes by kind of Quarry file (index, model, runtime, code...). */
export function servedByKind(files: Array<{ path: string; bytes: number }>): string {
  const kinds: Array<[string, (p: string) => boolean]> = [
    ['manifest', (p) => p.endsWith('/_quarry/manifest.json')],
    ['text shards', (p) => p.includes('/_quarry/text/')],
    ['model', (p) => p.includes('/_quarry/models/')],
    ['runtime', (p) => p.includes('/_quarry/ort/')],
    ['vectors', (p) => /\/_quarry\/vectors\./.test(p)],
    ['lexical index', (p) => /\/_quarry\/(docs|lexical|terms)\b/.test(p)],
    ['worker', (p) => p.endsWith('/quarry.worker.js')],
    ['widget', (p) => p.endsWith('/_quarry/quarry.js')],
    ['service worker', (p) => p.endsWith('quarry-sw.js')],
    ['page', () => true],
  ];
  const sums = new Map<string, { n: number; bytes: number }>();
  for (const f of files) {
    const kind = kinds.find(([, test]) => test(f.path))![0];
    const e = sums.get(kind) ?? { n: 0, bytes: 0 };
    e.n++;
    e.bytes += f.bytes;
    sums.set(kind, e);
  }
  if (!sums.size) return 'nothing';
  return [...sums].map(([k, e]) => `${k}${e.n > 1 ? ` ×${e.n}` : ''} ${mb(e.bytes)}`).join(', ');
}

function stagesSection(rows: StageRow[]): string[] {
  const out: string[] = [];
  const heads: Record<(typeof STAGES)[number], string> = {
    encodeMs: 'encode',
    denseMs: 'dense scan',
    lexicalMs: 'lexical',
    fuseMs: 'fusion',
    totalMs: 'total',
    roundTripMs: 'round trip',
  };
  const cell = (v: { p50: number; p95: number } | null) => (v ? `${ms(v.p50)} / ${ms(v.p95)}` : '—');
  out.push('## Quarry stage latency, Node and Chromium (hybrid, warm)');
  out.push('');
  out.push(
    table(
      ['where', 'encoder threads', ...STAGES.map((s) => `${heads[s]} p50 / p95 ms`)],
      ['---', '---', ...STAGES.map(() => '---:')],
      rows.map((r) => [r.where, r.threads, ...STAGES.map((s) => cell(r.stats[s]))]),
    ),
  );
  out.push('');
  const n = rows[0];
  out.push(
    `From \`SearchResponse.timings\` of each final (hybrid) answer: encode = query embedding, dense scan = exact int8 scan of the passage vectors, lexical = BM25, fusion = fusing the two lists; total = the engine's search call including snippet/result building plus the encode. ` +
      `Round trip: Node, around \`index.search()\`; Chromium, \`search()\` in the page until the final answer (worker messaging and the lexical-only first answer included, as in the latency table above). ` +
      `${n?.queries ?? 51} dev queries, one untimed warm-up pass, then ${n?.passes ?? 3} timed passes; per-query median, then p50/p95 over the queries. ` +
      'Cross-origin isolated = the test server sends COOP/COEP (`serveStatic({ isolate: true })`), so onnxruntime-web gets SharedArrayBuffer and Quarry uses min(4, cores) threads.',
  );
  for (const r of rows) if (r.note) out.push(`${r.where}: ${r.note}`);
  out.push('');
  return out;
}

function offlineSection(rows: OfflineScenario[]): string[] {
  const out: string[] = [];
  const sent = (s: Served) => `${mb(s.bytes)} (${s.requests} req.)`;
  out.push('## Quarry repeat visits, caching and offline (bytes the server sent)');
  out.push('');
  out.push(
    table(
      ['', 'visit', 'sent until the hybrid answer', 'if served gzip -9', 'navigation → hybrid answer', 'hybrid search works', 'what was sent'],
      ['---', '---', '---:', '---:', '---:', ':-:', '---'],
      rows.flatMap((r) => {
        const main = [
          `(${r.id})`,
          r.what,
          sent(r.served),
          mb(r.served.gzipBytes),
          r.ms === null ? '—' : `${(r.ms / 1000).toFixed(2)} s`,
          r.works ? 'yes' : `**no**${r.error ? ` (${r.error.replace(/\|/g, '\\|')})` : ''}`,
          servedByKind(r.served.files),
        ];
        if (!r.precache) return [main];
        return [
          main,
          [
            `(${r.id}′)`,
            '… then the service worker\'s precache, until its cache holds the manifest',
            sent(r.precache),
            mb(r.precache.gzipBytes),
            `${(r.precache.ms / 1000).toFixed(2)} s after navigation`,
            '',
            servedByKind(r.precache.files),
          ],
        ];
      }),
    ),
  );
  out.push('');
  out.push(
    'PostgreSQL index, a page with the bench\'s Quarry client (real worker, no widget UI; its script is inline so the service worker\'s page cache can serve it offline) plus `_quarry/quarry.js`, as a site would load it; one hybrid query. ' +
      'Counted on the server (`serveStatic` onRequest + the size of each file sent), so the search worker\'s and the service worker\'s downloads count too. ' +
      'Repeat visit = `page.reload()` in the same browser context (same Cache Storage). Service-worker rows register `/quarry-sw.js` (the bootstrap `quarry build --sw` writes) from the page. ' +
      'The test server sends `Cache-Control: no-cache` and no ETag/Last-Modified, so every revalidation is a full download; a host that answers 304s would send only headers for unchanged page, widget, worker and manifest.',
  );
  out.push('');
  return out;
}

function variantsSection(rows: VariantRow[]): string[] {
  const out: string[] = [];
  out.push('## Model variants in the browser: query encoding in Chromium (WASM, 1 thread)');
  out.push('');
  out.push(
    table(
      ['model', 'file', 'raw', 'gzip -9', 'load (fetch + compile + session)', 'encode p50 ms', 'encode p95 ms', 'cosine to fp32: mean / min'],
      ['---', '---', '---:', '---:', '---:', '---:', '---:', '---:'],
      rows.map((r) => [r.variant, `\`${r.file}\``, mb(r.size.raw), mb(r.size.gzip), `${(r.loadMs / 1000).toFixed(2)} s`, ms(r.latency.p50), ms(r.latency.p95), `${r.cosine.mean.toFixed(4)} / ${r.cosine.min.toFixed(4)}`]),
    ),
  );
  out.push('');
  out.push(
    'transformers.js used directly, set up like worker/encoder.ts (same-origin model folder from node_modules/.cache/quarry/models, no remote models, no caches, plain SIMD onnxruntime-web build, 1 thread, in the page), mean pooling + normalize; ' +
      '5 untimed warm-up encodes, then the 51 dev queries × 3; per-query median, then p50/p95. Cosine compares each query\'s vector with the fp32 model\'s vector for the same query.',
  );
  out.push('');
  return out;
}

export function renderResults(r: BenchResults): string {
  const out: string[] = [];
  out.push('# Quarry benchmark: PostgreSQL 15 manual');
  out.push('');
  out.push(`Generated by \`npm run bench\` (bench/run.ts) on ${r.date}, in ${(r.seconds / 60).toFixed(1)} min.`);
  out.push('');
  out.push(`- **Machine:** ${machine()}`);
  out.push(`- **Versions:** ${Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  out.push(
    `- **Corpus:** \`${r.corpus.path}\` — ${r.corpus.pages} pages indexed${r.corpus.passages ? `, ${r.corpus.passages} Quarry passages` : ''}; ` +
      `${r.queries.length} labelled dev queries (${KINDS.map((k) => `${r.queries.filter((q) => q.kind === k).length} ${k}`).join(', ')}), /work/shared/eval/postgres-dev.jsonl.`,
  );
  out.push('- **Scoring:** one scorer for every system, `evaluateRun` (src/core/metrics/evaluate.ts): page-level binary relevance, anchors dropped, pages deduplicated keeping the first rank, top 10; means over all queries and per kind.');
  if (r.quarryBuild?.reusedIndex) out.push(`- **Quarry index reused** from bench/work/pg/_quarry: corpus, build sources and package.json unchanged since it was built (delete bench/work or set BENCH_REBUILD=1 to rebuild).`);
  if (r.skipped.length) out.push(`- **Skipped this run:** ${r.skipped.join('; ')}.`);
  out.push('');

  if (r.quality.length) {
    out.push('## Retrieval quality (dev set)');
    out.push('');
    out.push(qualityTable(r.quality));
    out.push('');
    out.push('Best value per column in bold; "no results" counts queries that returned nothing. "hybrid (tuned)" is `quarry tune` run on these same 51 queries, then scored on them: an in-sample upper bound, not a held-out result.');
    if (r.tunedFusion) out.push(`Tuned fusion: \`${JSON.stringify(r.tunedFusion)}\`.`);
    out.push('');
  }

  if (r.peerConfigs.length) {
    out.push('### Peer configurations tried');
    out.push('');
    out.push('Each peer gets its best honest configuration: the row marked ✓ (highest dev nDCG@10) is the one in every other table. Choosing on the dev set favours the peers slightly, as tuning does for Quarry.');
    out.push('');
    out.push(
      table(
        ['system', 'configuration', 'nDCG@10', 'Recall@10', 'MRR@10', ...KINDS.map((k) => `${k} nDCG`), 'used'],
        ['---', '---', '---:', '---:', '---:', ...KINDS.map(() => '---:'), ':-:'],
        r.peerConfigs.map((c) => [c.system, c.config, f3(c.report.overall.ndcg), f3(c.report.overall.recall), f3(c.report.overall.mrr), ...KINDS.map((k) => f3(c.report.byKind[k]?.ndcg ?? NaN)), c.chosen ? '✓' : '']),
      ),
    );
    out.push('');
  }

  const quarryHybrid = r.quality.find((q) => q.name === 'Quarry hybrid');
  const peers = r.quality.filter((q) => !q.name.startsWith('Quarry'));
  if (quarryHybrid && peers.length) {
    out.push('### Queries where a peer beats Quarry hybrid (defaults)');
    out.push('');
    out.push(losses(r.queries, quarryHybrid, peers));
    out.push('');
  }

  if (r.sizes.length) {
    out.push('## Index size on disk');
    out.push('');
    out.push(
      table(
        ['system', 'part', 'files', 'raw', 'gzip -9', 'note'],
        ['---', '---', '---:', '---:', '---:', '---'],
        r.sizes.map((s) => [s.system, s.part, String(s.size.files), mb(s.size.raw), mb(s.size.gzip), s.note ?? '']),
      ),
    );
    out.push('');
  }

  if (r.transfers.length) {
    out.push('## Bytes transferred for the first query (fresh Chromium context)');
    out.push('');
    out.push(
      table(
        ['system', 'what', 'requests', 'as served (no compression)', 'if served gzip -9', 'navigation → results'],
        ['---', '---', '---:', '---:', '---:', '---:'],
        r.transfers.map((t) => [t.system, t.what, String(t.transfer.requests), mb(t.transfer.bytes), mb(t.transfer.gzipBytes), `${(t.transfer.ms / 1000).toFixed(2)} s`]),
      ),
    );
    out.push('');
    out.push('Every response the page requested from navigation until `search()` resolved (page, scripts, index, model, WASM), counted from Chromium\'s network events. The test server sends files uncompressed; the gzip column is the same files compressed at level 9. Pagefind\'s index chunks are already compressed, so gzip barely changes them.');
    out.push('');
  }

  if (r.offline.length) out.push(...offlineSection(r.offline));

  if (r.latencies.length) {
    out.push('## Query latency in Chromium (warm)');
    out.push('');
    const ref = (name: string) => r.latencies.find((l) => l.system === name)?.latency.p50;
    const qLex = ref('Quarry lexical');
    const qHyb = ref('Quarry hybrid');
    out.push(
      table(
        ['system', 'what is timed', 'p50 ms', 'p95 ms', 'p50 ÷ Quarry lexical', 'p50 ÷ Quarry hybrid'],
        ['---', '---', '---:', '---:', '---:', '---:'],
        r.latencies.map((l) => [l.system, l.what, ms(l.latency.p50), ms(l.latency.p95), qLex ? `${(l.latency.p50 / qLex).toFixed(2)}×` : '—', qHyb ? `${(l.latency.p50 / qHyb).toFixed(2)}×` : '—']),
      ),
    );
    out.push('');
    out.push('One page per system; one untimed warm-up pass over the 51 queries, then 3 timed passes; per-query median of the 3, then p50/p95 over the queries. Timed in the page with `performance.now()` around one `search()` call that resolves when the results list could be rendered. The machine is a shared 2-core VM: absolute times move ±30 % between runs (busier neighbours, V8 tiering); compare systems within one run.');
    out.push('');
  }

  if (r.stages.length) out.push(...stagesSection(r.stages));
  if (r.variants.length) out.push(...variantsSection(r.variants));

  if (r.builds.length) {
    out.push('## Build time');
    out.push('');
    out.push(table(['system', 'seconds', 'note'], ['---', '---:', '---'], r.builds.map((b) => [b.system, b.seconds.toFixed(1), b.note])));
    out.push('');
  }

  if (r.vectorCheck) {
    out.push('## Dense retrieval: exact int8 scan vs voy-search (`quarry check`)');
    out.push('');
    const v = r.vectorCheck;
    const row = (set: string, c: typeof v.samples) => [
      [set, 'exact int8 scan', String(c.queries), f3(c.exact.recallAt10), ms(c.exact.p50Ms), ms(c.exact.p95Ms), ms(c.exact.startupMs)],
      [set, 'voy-search', String(c.queries), f3(c.voy.recallAt10), ms(c.voy.p50Ms), ms(c.voy.p95Ms), ms(c.voy.startupMs)],
    ];
    out.push(
      table(
        ['queries', 'engine', 'n', 'recall@10 vs exact float', 'p50 ms', 'p95 ms', 'start-up ms'],
        ['---', '---', '---:', '---:', '---:', '---:', '---:'],
        [...row('sampled passages + noise', v.samples), ...row('dev queries (encoded)', v.devQueries)],
      ),
    );
    out.push('');
    out.push(`${v.samples.vectors} vectors × ${v.samples.dims} dims, in Node (${process.version}). Recall@10 is the overlap with the exact float32 top 10 among ${v.samples.sample} passages re-encoded with the model (the int8 scan and voy search the same passages).`);
    out.push('');
  }

  if (r.notes.length) {
    out.push('## Notes');
    out.push('');
    for (const n of r.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}
