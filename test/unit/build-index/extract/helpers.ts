import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractPage, type ExtractedPage, type ExtractResult } from '../../../../build-index/extract/extract.ts';
import { chunkPage } from '../../../../build-index/chunk/chunk.ts';
import { BUILD_DEFAULTS } from '../../../../build-index/config.ts';
import { resolveBuildOptions } from '../../../../build-index/options.ts';
import { readSite, type SiteReading } from '../../../../build-index/read-site.ts';
import type { Reporter } from '../../../../build-index/reporter.ts';
import type { Passage } from '../../../../src/core/format/docs.ts';

export const SITES = fileURLToPath(new URL('../../../fixtures/sites/', import.meta.url));

export function extractFixture(rel: string, selector: string | null = null): ExtractResult {
  return extractPage(rel, readFileSync(SITES + rel), { selector });
}

export function pageOf(r: ExtractResult): ExtractedPage {
  if (r.kind !== 'page') throw new Error(`expected a page, got skip: ${JSON.stringify(r.warnings)}`);
  return r.page;
}

/** All text of a page (headings and blocks) as one string, for "contains / excludes" checks. */
export function allText(page: ExtractedPage): string {
  return page.sections.map((s) => [s.heading, ...s.blocks].join('\n')).join('\n');
}

export function html(body: string, head = ''): Buffer {
  return Buffer.from(`<!doctype html><html lang="en"><head>${head}</head><body>${body}</body></html>`);
}

// ---- Real-site fixtures (test/fixtures/sites/real-*): read as `quarry build` reads them with no flags. ----


const quietReporter: Reporter = { phase() {}, tick() {}, info() {}, warn() {}, end() {} };

/** One page of a fixture cut into passages with `quarry build`'s default sizes (no site-level passes, no dedupe). */
export function fixturePassages(rel: string): Passage[] {
  const { chunkWords, overlapWords, minWords } = BUILD_DEFAULTS;
  return chunkPage(pageOf(extractFixture(rel)), { chunkWords, overlapWords, minWords });
}

export interface FixtureSite extends SiteReading {
  /** Every per-file warning the build would print, in crawl order. */
  warnings: Array<{ file: string; reason: string }>;
}

/**
 * A fixture folder read by the build's own pipeline (`readSite`: crawl with the
 * default include/exclude, extract, site-level titles and repeated blocks,
 * chunking with the default sizes, passage dedupe and aggregate detection).
 * No tokenizer: passages are not re-fitted to the model's token limit.
 */
export async function readFixtureSite(dir: string): Promise<FixtureSite> {
  const root = SITES + dir;
  const options = await resolveBuildOptions(root, {});
  const warnings: FixtureSite['warnings'] = [];
  const reading = await readSite(root, options, quietReporter, (file, reason) => warnings.push({ file, reason }));
  return { ...reading, warnings };
}

/** The passages of one page, in order. */
export function passagesOn(site: SiteReading, url: string): Passage[] {
  return site.passages.filter((p) => p.url === url);
}

/** The passages (of a page or a site) whose text contains `text`. */
export function passagesWith(passages: readonly Passage[], text: string): Passage[] {
  return passages.filter((p) => p.text.includes(text));
}
