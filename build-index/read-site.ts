/**
 * Site folder → passages, everything `quarry build` does before encoding,
 * shared with `quarry inspect`: crawl, extract each page, the site-level
 * passes that need every page (titles, repeated blocks), chunking (sized in
 * the model's tokens when a tokenizer is given) and passage-level dedupe.
 */
import type { Passage } from '../src/core/format/docs.ts';
import { QuarryError } from '../src/core/errors.ts';
import { chunkPage, type ChunkOptions } from './chunk/chunk.ts';
import { fitToTokens, type TokenBudget } from './chunk/fit-tokens.ts';
import type { BuildOptions } from './config.ts';
import { dedupePassages, type DedupeResult } from './dedupe/dedupe-passages.ts';
import { DuplicateFilter, extractPage, unindexableReason, type ExtractedPage } from './extract/extract.ts';
import { crawlHtmlOrMarkdown } from './extract/markdown-fallback.ts';
import { removeRepeatedBlocks, type RepeatedBlocks } from './extract/site-boilerplate.ts';
import { SiteTitles, type SiteTitleResult } from './extract/site-titles.ts';
import type { Reporter } from './reporter.ts';
import type { PreparedModel } from '../src/model/types.ts';
import { countTokens, loadTokenizer } from '../src/node/tokenizer.ts';

export type ReadSiteOptions = Pick<BuildOptions, 'include' | 'exclude' | 'maxFileBytes' | 'selector' | 'chunkWords' | 'overlapWords' | 'minWords' | 'encodeFields'>;

export interface SiteReading {
  /** Pages that made it into the index, after the site-level passes (titles, boilerplate). */
  pages: ExtractedPage[];
  /** Passages after dedupe, in page order. */
  passages: Passage[];
  /** Passages before dedupe. */
  extractedPassages: number;
  skippedFiles: number;
  /** Every file that did not become a page, with the warning that says why (duplicates included). */
  skipped: Array<{ file: string; reason: string }>;
  /** Whole pages dropped as copies of another file (same canonical URL or same text). */
  duplicatePages: number;
  titles: SiteTitleResult;
  repeated: RepeatedBlocks;
  dedupe: DedupeResult;
  /** Passages whose encoder input was over the model's token limit before they were split (null without a tokenizer). */
  overlong: { passages: number; of: number } | null;
}

/**
 * `warn` gets every per-file warning as it happens; `excludeDirs` are globs
 * never crawled (the output folder).
 */
export async function readSite(
  siteDir: string,
  options: ReadSiteOptions,
  reporter: Reporter,
  warn: (file: string, reason: string) => void,
  extra: { excludeGlobs?: string[]; tokens?: TokenBudget | null } = {},
): Promise<SiteReading> {
  const pages: ExtractedPage[] = [];
  const canonicals = new Map<string, string | null>();
  const seen = new DuplicateFilter();
  let skippedFiles = 0;
  let duplicatePages = 0;
  const skipped: SiteReading['skipped'] = [];
  reporter.info(`Reading ${siteDir}`);
  const crawl = crawlHtmlOrMarkdown(siteDir, { include: options.include, exclude: [...options.exclude, ...(extra.excludeGlobs ?? [])], maxFileBytes: options.maxFileBytes }, reporter);
  for await (const item of crawl) {
    if ('reason' in item) {
      skippedFiles++;
      skipped.push({ file: item.file, reason: item.reason });
      warn(item.file, item.reason);
      continue;
    }
    // One page that breaks extraction costs that page, never the build.
    try {
      const result = extractPage(item.relPath, item.bytes, { selector: options.selector });
      for (const w of result.warnings) warn(w.file, w.reason);
      if (result.kind === 'skip') {
        skippedFiles++;
        skipped.push({ file: item.relPath, reason: result.warnings.at(-1)?.reason ?? 'no text content' });
        continue;
      }
      const duplicate = seen.check(item.relPath, result.page);
      if (duplicate !== null) {
        duplicatePages++;
        skipped.push({ file: item.relPath, reason: duplicate });
        warn(item.relPath, duplicate);
        continue;
      }
      pages.push(result.page);
      canonicals.set(result.page.url, result.page.canonical);
    } catch (e) {
      if (e instanceof QuarryError) throw e; // a bad option (--selector), not a bad page
      skippedFiles++;
      skipped.push({ file: item.relPath, reason: unindexableReason(e) });
      warn(item.relPath, unindexableReason(e));
    }
  }

  const repeated = removeRepeatedBlocks(pages);
  const titles = new SiteTitles();
  const chunkOptions: ChunkOptions = { chunkWords: options.chunkWords, overlapWords: options.overlapWords, minWords: options.minWords };
  let passages: Passage[] = [];
  const kept: ExtractedPage[] = [];
  for (const page of pages) {
    let chunks: Passage[];
    try {
      chunks = chunkPage(page, chunkOptions);
    } catch (e) {
      skippedFiles++;
      skipped.push({ file: page.url, reason: unindexableReason(e) });
      warn(page.url, unindexableReason(e));
      continue;
    }
    if (!chunks.length) {
      skipped.push({ file: page.url, reason: 'no passages (no text once boilerplate was removed)' });
      continue;
    }
    kept.push(page);
    titles.note(page);
    for (const c of chunks) passages.push(c);
  }
  const titleResult = titles.apply(passages);

  let overlong: SiteReading['overlong'] = null;
  if (extra.tokens) {
    const fitted = fitToTokens(passages, extra.tokens, options.encodeFields);
    overlong = { passages: fitted.overlong, of: passages.length };
    passages = fitted.passages;
  }
  const extractedPassages = passages.length;
  const dedupe = await dedupePassages(passages, canonicals);
  return { pages: kept, passages: dedupe.passages, extractedPassages, skippedFiles, skipped, duplicatePages, titles: titleResult, repeated, dedupe, overlong };
}

/** The model's tokenizer as a passage budget (null for a model without a length limit). */
export async function modelTokenBudget(model: PreparedModel, passagePrefix: string): Promise<TokenBudget | null> {
  const { tokenizer, maxTokens } = await loadTokenizer(model.dir, model.maxTokens);
  return Number.isFinite(maxTokens) ? { count: (t) => countTokens(tokenizer, t), maxTokens, prefix: passagePrefix } : null;
}

/** The output folder usually lives inside the site; never read it. */
export function outputExcludes(siteDir: string, outDir: string): string[] {
  const rel = outDir.startsWith(siteDir + '/') ? outDir.slice(siteDir.length + 1) : null;
  return rel ? [`${rel}/**`] : [];
}
