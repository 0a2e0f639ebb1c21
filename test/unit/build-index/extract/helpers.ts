import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractPage, type ExtractedPage, type ExtractResult } from '../../../../build-index/extract/extract.ts';

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
