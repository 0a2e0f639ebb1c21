/**
 * `quarry inspect`: what `quarry build` would extract from a site, without
 * encoding or writing anything (no output folder, no lock). The same
 * `readSite` as the build, passages sized in the same model's tokens, and
 * the same warning rule (site-warnings.ts), so the report and a build agree.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { QuarryError } from '../../src/core/errors.ts';
import { resolveModel } from '../../src/model/resolve.ts';
import type { BuildOptions } from '../config.ts';
import { modelTokenBudget, outputExcludes, readSite, type SiteReading } from '../read-site.ts';
import type { Reporter } from '../reporter.ts';
import { navLikeFigure } from './nav-like.ts';
import { RELEASE_NOTES_WEIGHT } from '../extract/release-notes.ts';
import { siteWarnings } from './site-warnings.ts';
import type { InspectReport, PageReport, SiteFigures } from './types.ts';

export type { InspectReport, PageReport, SiteFigures } from './types.ts';

/** Examples listed per figure. */
const EXAMPLES = 5;

export interface InspectOptions {
  /** Only these pages in `pages` (URL as in the index, or the file path, or a glob of either); the site figures stay whole-site. */
  pages?: string[];
}

export async function inspectSite(options: BuildOptions, reporter: Reporter, extra: InspectOptions = {}): Promise<InspectReport> {
  const siteDir = resolve(options.siteDir);
  if (!existsSync(siteDir)) throw new QuarryError('BAD_OPTION', `Site folder not found: ${siteDir}. Pass the folder of your built HTML (e.g. site/, _build/html, dist/).`);
  // The same tokens as `quarry build` (build.ts): the model's tokenizer, its limit and passage prefix.
  const model = await resolveModel(options.model);
  const tokens = await modelTokenBudget(model, options.passagePrefix ?? model.passagePrefix);
  const maxTokens = tokens?.maxTokens ?? Infinity;
  const fileWarnings: InspectReport['fileWarnings'] = [];
  const site = await readSite(siteDir, options, reporter, (file, reason) => fileWarnings.push({ file, reason }), {
    excludeGlobs: outputExcludes(siteDir, resolve(options.outDir)),
    tokens,
  });
  const nav = navLikeFigure(site.passages, EXAMPLES);
  const figures = siteFiguresOf(site, nav, Number.isFinite(maxTokens) ? maxTokens : null);
  const warnings = siteWarnings(site, nav);
  const all = pageReports(site, nav.indexes);
  const wanted = extra.pages?.length ? pageFilter(extra.pages) : null;
  const pages = wanted ? all.filter((p) => wanted(p.url)) : all;
  if (wanted && !pages.length) {
    const some = all.slice(0, 3).map((p) => p.url).join(', ');
    throw new QuarryError('BAD_OPTION', `--page ${extra.pages!.join(', ')} matched none of the ${all.length} pages read${some ? ` (e.g. ${some})` : ''}.`);
  }
  return {
    version: 1,
    site: siteDir,
    model: { id: model.id, maxTokens: Number.isFinite(maxTokens) ? maxTokens : null },
    figures,
    warnings,
    fileWarnings,
    pages,
    pagesTotal: all.length,
  };
}

type NavLike = ReturnType<typeof navLikeFigure>;

function siteFiguresOf(site: SiteReading, nav: NavLike, maxTokens: number | null): SiteFigures {
  const kept = site.passages;
  const aggregates = site.dedupe.aggregates.map(({ url, parts, share, passages }) => ({ url, parts, share, passages }));
  const onAggregates = aggregates.reduce((n, a) => n + a.passages, 0);
  const finalTitle = finalTitles(site);
  const indexed = [...new Set(kept.map((p) => p.url))];
  const distinct = new Set(indexed.map((u) => (finalTitle.get(u) ?? '').trim())).size;
  const releaseNotes = site.pages.filter((p) => p.demoted === 'release-notes').map((p) => p.url);
  const noHeadings = site.pages.filter((p) => !p.sections.some((s) => s.level >= 1 && s.level <= 6 && s.heading)).map((p) => p.url);
  return {
    files: {
      read: site.pages.length + site.skippedFiles + site.duplicatePages,
      pages: site.pages.length,
      skipped: site.skippedFiles,
      duplicatePages: site.duplicatePages,
      reasons: notIndexedReasons(site),
    },
    pages: indexed.length,
    passages: {
      extracted: site.extractedPassages,
      kept: kept.length,
      duplicates: site.dedupe.duplicatePassages,
      onAggregates,
      duplicateShare: site.extractedPassages ? (site.extractedPassages - kept.length) / site.extractedPassages : 0,
    },
    aggregates,
    titles: { distinct, of: indexed.length, share: indexed.length ? distinct / indexed.length : 0, cleaned: site.titles.cleaned, shared: site.titles.shared },
    releaseNotes: { pages: releaseNotes.length, weight: RELEASE_NOTES_WEIGHT, examples: releaseNotes.slice(0, EXAMPLES) },
    navLike: { passages: nav.passages, examples: nav.examples },
    pagesWithoutHeadings: { pages: noHeadings.length, examples: noHeadings.slice(0, EXAMPLES) },
    repeatedBlocks: { blocks: site.repeated.blocks, occurrences: site.repeated.occurrences, top: site.repeated.top.map(({ text, pages }) => ({ text, pages })) },
    overlong: site.overlong && maxTokens !== null ? { ...site.overlong, share: site.overlong.of ? site.overlong.passages / site.overlong.of : 0, maxTokens } : null,
  };
}

/** `navLike`: indexes of the nav-like passages among `site.passages`. */
function pageReports(site: SiteReading, navLike: readonly number[]): PageReport[] {
  const finalTitle = finalTitles(site);
  const passages = new Map<string, number>();
  for (const p of site.passages) passages.set(p.url, (passages.get(p.url) ?? 0) + 1);
  const navOn = new Map<string, number>();
  for (const i of navLike) navOn.set(site.passages[i].url, (navOn.get(site.passages[i].url) ?? 0) + 1);
  const aggregates = new Map(site.dedupe.aggregates.map((a) => [a.url, a]));
  return site.pages.map((page) => {
    const d = page.diagnostics;
    const aggregate = aggregates.get(page.url);
    return {
      url: page.url,
      title: finalTitle.get(page.url) ?? page.title,
      extractedTitle: page.title,
      root: d ? { rule: d.root, rejected: d.rejectedRoots.map(({ rule, why }) => ({ rule, why })) } : null,
      headings: page.sections.filter((s) => s.level > 0 && s.heading).map(({ level, heading, anchor }) => ({ level, heading, anchor })),
      passages: passages.get(page.url) ?? 0,
      aggregate: aggregate ? { parts: aggregate.parts, share: aggregate.share } : null,
      navLike: navOn.get(page.url) ?? 0,
      dropped: (d?.dropped ?? []).map(({ reason, words, sample }) => ({ reason, words, sample })),
    };
  });
}

/** Page URL → the title its passages carry after the site-level title pass (pages with no kept passage are absent). */
function finalTitles(site: SiteReading): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of site.passages) if (!out.has(p.url)) out.set(p.url, p.title);
  return out;
}

/**
 * Files that did not become pages, counted by reason; wording that names the
 * file itself (a size, the page it duplicates) is grouped.
 */
function notIndexedReasons(site: SiteReading): SiteFigures['files']['reasons'] {
  const byKind = new Map<string, { files: number; example: string }>();
  for (const { file, reason } of site.skipped) {
    const kind = reasonKind(reason);
    const entry = byKind.get(kind);
    if (entry) entry.files++;
    else byKind.set(kind, { files: 1, example: file });
  }
  return [...byKind].map(([reason, e]) => ({ reason, ...e })).sort((a, b) => b.files - a.files || (a.reason < b.reason ? -1 : 1));
}

const REASON_KINDS: Array<[RegExp, string]> = [
  [/^duplicate of .* \(same canonical URL\)$/, 'duplicate of another page (same canonical URL)'],
  [/^duplicate of .* \(same content\)$/, 'duplicate of another page (same content)'],
  [/skipped as an index page$/, 'index page (mostly links)'],
  [/^redirect \(meta refresh/, 'redirect (meta refresh)'],
  [/over maxFileBytes/, 'larger than maxFileBytes'],
  [/^could not be indexed/, 'could not be indexed (extraction failed)'],
  [/^symlink/, 'symlink not followed'],
];

export function reasonKind(reason: string): string {
  for (const [pattern, kind] of REASON_KINDS) if (pattern.test(reason)) return kind;
  return reason.replace(/\d+/g, 'N');
}

/** --page values: an exact URL or file path, or a glob over either (a leading "/" is ignored). */
function pageFilter(patterns: string[]): (url: string) => boolean {
  const cleaned = patterns.map((p) => p.replace(/^\/+/, ''));
  const glob = picomatch(cleaned, { dot: true });
  return (url) => {
    let path = url;
    try {
      path = decodeURIComponent(url);
    } catch {
      /* keep the encoded form */
    }
    return cleaned.includes(url) || cleaned.includes(path) || glob(url) || glob(path);
  };
}

