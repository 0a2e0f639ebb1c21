/**
 * Builds the bundled sample docs site once per test run with the real CLI
 * code path and the real embedded model, into a temp copy of the site
 * (the repo's public/ stays clean). Used by integration and e2e tests.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type BuildSummary } from '../../build-index/build.ts';
import { resolveBuildOptions } from '../../build-index/options.ts';
import type { Reporter } from '../../build-index/reporter.ts';

export const SAMPLE_SITE = resolve(import.meta.dirname, '../../public/sample-docs');
export const SAMPLE_QUERIES = resolve(import.meta.dirname, '../fixtures/sample-queries.jsonl');

export const silentReporter: Reporter = { phase() {}, tick() {}, info() {}, warn() {}, end() {} };

export interface BuiltSite {
  root: string;
  site: string;
  index: string;
  summary: BuildSummary;
  cleanup(): Promise<void>;
}

/** Copies `siteDir` to a temp folder and builds its index there. */
export async function buildSiteCopy(siteDir = SAMPLE_SITE, flags: Record<string, unknown> = {}): Promise<BuiltSite> {
  const root = await mkdtemp(join(tmpdir(), 'quarry-site-'));
  const site = join(root, 'site');
  await cp(siteDir, site, { recursive: true, filter: (src) => !src.includes('/_quarry') });
  const options = await resolveBuildOptions(site, flags);
  const summary = await build(options, silentReporter);
  return { root, site, index: options.outDir, summary, cleanup: () => rm(root, { recursive: true, force: true }) };
}
