/**
 * The fixed corpus (PostgreSQL 15 HTML manual from Debian's postgresql-doc-15)
 * and the labelled dev queries, plus the page text every lexical peer indexes:
 * exactly what Quarry's own extractor reads from each page, so the peers
 * compete on ranking, not on HTML clean-up.
 */
import { existsSync } from 'node:fs';
import { cp, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BUILD_DEFAULTS } from '../build-index/config.ts';
import { crawlSite } from '../build-index/crawl.ts';
import { DuplicateFilter, extractPage } from '../build-index/extract/extract.ts';
import { log } from './util.ts';

export const BENCH_DIR = resolve(import.meta.dirname);
export const WORK_DIR = join(BENCH_DIR, 'work');
export const PG_HTML = process.env.BENCH_PG_HTML ?? '/usr/share/doc/postgresql-doc-15/html';
export const DEV_QUERIES = process.env.BENCH_QUERIES ?? resolve(BENCH_DIR, '../../shared/eval/postgres-dev.jsonl');

export interface DevQuery {
  id: string;
  query: string;
  relevant: string[];
  kind: string;
}

export interface PageDoc {
  url: string;
  title: string;
  /** All section headings and blocks, in order. */
  text: string;
  sections: Array<{ anchor: string; heading: string; text: string }>;
}

export function corpusMissingMessage(): string | null {
  if (existsSync(PG_HTML)) return null;
  return (
    `The benchmark corpus is missing: ${PG_HTML}\n` +
    `Install the PostgreSQL 15 HTML manual (Debian 12):\n\n    apt-get install -y postgresql-doc-15\n\n` +
    `or point BENCH_PG_HTML at a copy of that html/ folder.\n`
  );
}

export async function loadDevQueries(file = DEV_QUERIES): Promise<DevQuery[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const q = JSON.parse(l) as DevQuery;
      return { id: q.id, query: q.query, relevant: q.relevant, kind: q.kind };
    });
}

/**
 * Page text through Quarry's crawler + extractor with the default build
 * options (same includes/excludes, same duplicate rule as `quarry build`).
 */
export async function extractCorpus(siteDir = PG_HTML): Promise<PageDoc[]> {
  const pages: PageDoc[] = [];
  const seen = new DuplicateFilter();
  let skipped = 0;
  for await (const item of crawlSite(siteDir, { include: [...BUILD_DEFAULTS.include], exclude: [...BUILD_DEFAULTS.exclude], maxFileBytes: BUILD_DEFAULTS.maxFileBytes })) {
    if ('reason' in item) {
      skipped++;
      continue;
    }
    const result = extractPage(item.relPath, item.bytes, { selector: null });
    if (result.kind === 'skip') {
      skipped++;
      continue;
    }
    if (seen.check(item.relPath, result.page) !== null) continue;
    const sections = result.page.sections.map((s) => ({ anchor: s.anchor, heading: s.heading, text: [s.heading, ...s.blocks].join('\n') }));
    pages.push({ url: result.page.url, title: result.page.title, text: sections.map((s) => s.text).join('\n'), sections });
  }
  log(`extracted ${pages.length} pages (${skipped} skipped) from ${siteDir}`);
  return pages;
}

/** Copies the read-only system docs into bench/work once (Pagefind writes into the site it serves). */
export async function ensureSiteCopy(dest: string, siteDir = PG_HTML): Promise<void> {
  const want = (await readdir(siteDir)).length;
  if (existsSync(dest)) {
    // Not the corpus: the bench's own folders, Pagefind's bundle and the service-worker bootstrap (bench/offline.ts).
    const have = (await readdir(dest)).filter((f) => !f.startsWith('_') && f !== 'pagefind' && f !== 'quarry-sw.js').length;
    if (have === want) return;
  }
  log(`copying ${siteDir} → ${dest}`);
  await cp(siteDir, dest, { recursive: true });
}

/** "/sql-createindex.html", "http://host/x.html#A", "/" → "sql-createindex.html", "x.html#A", "index.html". */
export function siteRelative(url: string): string {
  let u = url.replace(/^[a-z]+:\/\/[^/]+/i, '').replace(/^\/+/, '');
  const hash = u.indexOf('#');
  const path = hash < 0 ? u : u.slice(0, hash);
  if (path === '' || path.endsWith('/')) u = `${path}index.html${hash < 0 ? '' : u.slice(hash)}`;
  return u;
}
