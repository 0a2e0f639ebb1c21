/**
 * Pagefind 1.6: its own crawler and extractor over the served HTML (that is
 * the product), one bundle folder per configuration so several coexist:
 *   default     — `pagefind --site …` as documented;
 *   en          — `--force-language en`: the PostgreSQL pages carry no
 *                 <html lang>, so by default Pagefind indexes them as an
 *                 unknown language, without stemming;
 *   en+nav      — also `--exclude-selectors` for DocBook's navigation bars
 *                 (.navheader/.navfooter), which Pagefind indexes otherwise.
 * Search runs only in the browser (pagefind.js + its WASM), see pages/pagefind.page.ts.
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PAGEFIND_BIN = resolve(import.meta.dirname, '../../node_modules/.bin/pagefind');

export interface PagefindConfig {
  name: string;
  args: string[];
}

export const PAGEFIND_CONFIGS: PagefindConfig[] = [
  { name: 'default', args: [] },
  { name: 'en', args: ['--force-language', 'en'] },
  { name: 'en+nav', args: ['--force-language', 'en', '--exclude-selectors', '.navheader, .navfooter'] },
];

/** Bundle folder (URL path, relative to the site root) of a configuration. */
export function pagefindBundlePath(config: PagefindConfig): string {
  return `_pagefind/${config.name.replace(/[^a-z0-9]+/gi, '-')}/`;
}

export async function pagefindVersion(): Promise<string> {
  const { stdout } = await run(PAGEFIND_BIN, ['--version']);
  return stdout.trim();
}

/** Indexes the top-level *.html of `site` (never the benchmark's own pages); returns seconds. */
export async function buildPagefind(site: string, config: PagefindConfig): Promise<number> {
  const out = join(site, pagefindBundlePath(config));
  await rm(out, { recursive: true, force: true });
  const t = performance.now();
  await run(PAGEFIND_BIN, ['--site', site, '--glob', '*.html', '--output-path', out, '--quiet', ...config.args], { maxBuffer: 64 << 20 });
  return (performance.now() - t) / 1000;
}
