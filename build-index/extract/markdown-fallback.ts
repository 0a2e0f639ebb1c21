/**
 * Built HTML by default: Markdown sources beside the pages (`docs/*.md` next
 * to `site/*.html`) would index every page twice, once without its links and
 * layout. A site that ships only Markdown still builds: with the default
 * include and no HTML found, its `.md` files are indexed instead.
 */
import { crawlSite, type CrawlEntry, type CrawlOptions, type CrawlWarning } from '../crawl.ts';
import { BUILD_OPTIONS } from '../config.ts';
import type { Reporter } from '../reporter.ts';

const MARKDOWN = ['**/*.md'];

const isDefaultInclude = (include: readonly string[]): boolean => {
  const d = BUILD_OPTIONS.include.default;
  return include.length === d.length && include.every((g, i) => g === d[i]);
};

export async function* crawlHtmlOrMarkdown(siteDir: string, options: CrawlOptions, reporter: Pick<Reporter, 'info'>): AsyncGenerator<CrawlEntry | CrawlWarning> {
  let files = 0;
  for await (const item of crawlSite(siteDir, options)) {
    if (!('reason' in item)) files++;
    yield item;
  }
  if (files > 0 || !isDefaultInclude(options.include)) return;
  reporter.info(`No HTML files in ${siteDir}: indexing its Markdown (${MARKDOWN.join(', ')}) instead`);
  yield* crawlSite(siteDir, { ...options, include: MARKDOWN });
}
