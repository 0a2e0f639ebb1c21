/**
 * Extraction entry point: one file's bytes → one page (or a reason to skip
 * it). Never throws on page content; only a bad `selector` option throws.
 */
import type { ExtractedPage, ExtractResult, ExtractWarning } from './types.ts';
import { decodePage } from './decode.ts';
import { extractHtml } from './html.ts';
import { extractMarkdown } from './markdown.ts';
import { compileMatcher, parseSelector, type Matcher } from './selector.ts';
import { countOverlongTokens, MAX_TERM_LENGTH } from '../../src/core/text/scan.ts';

export type { ExtractedPage, ExtractResult, ExtractWarning, Section } from './types.ts';
export { DuplicateFilter } from './dedupe.ts';

export interface ExtractOptions {
  /** CSS selector of the main content; null = auto-detect. */
  selector: string | null;
}

const selectorCache = new Map<string, Matcher>();

function compiled(selector: string | null): Matcher | null {
  if (selector === null || selector.trim() === '') return null;
  let sel = selectorCache.get(selector);
  if (!sel) {
    sel = compileMatcher(parseSelector(selector));
    selectorCache.set(selector, sel);
  }
  return sel;
}

export function extractPage(relPath: string, bytes: Uint8Array, options: ExtractOptions): ExtractResult {
  const selector = compiled(options.selector);
  const warnings: ExtractWarning[] = [];
  if (bytes.length === 0) {
    warnings.push({ file: relPath, reason: 'empty file' });
    return { kind: 'skip', warnings };
  }
  const decoded = decodePage(bytes);
  if (!decoded.ok) {
    warnings.push({ file: relPath, reason: decoded.reason });
    return { kind: 'skip', warnings };
  }
  for (const reason of decoded.warnings) warnings.push({ file: relPath, reason });
  try {
    const result = /\.(md|markdown)$/i.test(relPath)
      ? extractMarkdown(relPath, decoded.text, warnings)
      : extractHtml(relPath, decoded.text, selector, warnings);
    if (result.kind === 'page') {
      const overlong = overlongTokens(result.page);
      if (overlong) warnings.push({ file: relPath, reason: `${overlong} over-long token${overlong === 1 ? '' : 's'} (over ${MAX_TERM_LENGTH} characters) not indexed` });
    }
    return result;
  } catch (e) {
    // A parser bug must cost one page, not the whole build.
    warnings.push({ file: relPath, reason: unindexableReason(e) });
    return { kind: 'skip', warnings };
  }
}

/** The warning for a page that threw while being extracted or chunked: "could not be indexed (RangeError: …); skipped". */
export function unindexableReason(e: unknown): string {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return `could not be indexed (${what}); skipped`;
}

/** Tokens the shared tokenizer will not index whole (see MAX_TERM_LENGTH), over the whole page. */
function overlongTokens(page: ExtractedPage): number {
  let n = countOverlongTokens(page.title);
  for (const s of page.sections) {
    n += countOverlongTokens(s.heading);
    for (const b of s.blocks) n += countOverlongTokens(b);
  }
  return n;
}

