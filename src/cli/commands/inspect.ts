/**
 * `quarry inspect <site>`: what `quarry build` would extract, as a readable
 * report (site figures, warnings, then one entry per page) or, with --json,
 * the `InspectReport` of build-index/inspect/types.ts. It takes the build
 * options that change what is read, through build's option table and
 * parsing, and writes nothing.
 */
import { BUILD_OPTIONS, buildFlagConfig, optionsFromFlags, type OptionSpec } from '../../../build-index/config.ts';
import { inspectSite, type InspectReport, type PageReport } from '../../../build-index/inspect/inspect-site.ts';
import { INSPECT_OPTION_KEYS, INSPECT_PAGES_SHOWN } from '../../../build-index/inspect/options.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { QuarryError } from '../../core/errors.ts';
import { createReporter } from '../progress.ts';
import { parseFlags } from './flags.ts';

/** Per page, in the list of all pages (a --page report shows everything). */
const HEADINGS_SHOWN = 8;
const DROPPED_SHOWN = 3;
const FILE_WARNINGS_SHOWN = 10;

/** The parseArgs options of `quarry inspect`: build's flags for the options that affect reading, and --page. */
export function inspectFlagConfig(): Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> {
  const all = buildFlagConfig();
  const flags: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {};
  for (const key of INSPECT_OPTION_KEYS) {
    const flag = (BUILD_OPTIONS[key] as OptionSpec<unknown>).flag;
    if (flag) flags[flag] = all[flag];
  }
  flags.page = { type: 'string', multiple: true };
  return flags;
}

export async function runInspect(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, inspectFlagConfig(), 'inspect');
  if (positionals.length !== 1) throw new QuarryError('BAD_OPTION', 'Pass exactly one site folder: `quarry inspect <siteDir>`.');
  const { page, ...buildFlags } = values as Record<string, unknown> & { page?: string[] };
  const options = await resolveBuildOptions(positionals[0], optionsFromFlags(buildFlags));
  const reporter = createReporter({ json: options.json });
  const report = await inspectSite(options, reporter, { pages: page });
  reporter.end();
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, { detail: Boolean(page?.length) }));
  return 0;
}

const pct = (x: number) => `${(100 * x).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const quote = (s: string, chars = 70) => `"${s.length > chars ? `${s.slice(0, chars - 1)}…` : s}"`;

/** The readable report. `detail`: every heading and dropped block of each page (a --page report). */
export function renderReport(r: InspectReport, { detail }: { detail: boolean }): string {
  const f = r.figures;
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  line(`Quarry inspect: ${r.site}`);
  line(`(what \`quarry build\` would index; passages sized for ${r.model.id}${r.model.maxTokens ? `, ${r.model.maxTokens} tokens` : ''})`);
  line();
  line('Site');
  const reasons = f.files.reasons.map((x) => `${x.files} ${x.reason}, e.g. ${x.example}`);
  line(`  files        ${f.files.read} read: ${plural(f.files.pages, 'page')}, ${f.files.skipped} skipped, ${plural(f.files.duplicatePages, 'duplicate page')}`);
  for (const x of reasons) line(`                 ${x}`);
  line(`  passages     ${f.passages.kept} kept in ${plural(f.pages, 'page')}, of ${f.passages.extracted} extracted`);
  const onAggregates = f.aggregates.length ? `, ${plural(f.passages.onAggregates, 'passage')} on ${plural(f.aggregates.length, 'aggregate page')} skipped` : '';
  line(`  duplicates   ${pct(f.passages.duplicateShare)} of passages not kept (${plural(f.passages.duplicates, 'duplicate passage')} dropped${onAggregates})`);
  for (const a of f.aggregates) line(`                 aggregate ${a.url}: ${plural(a.passages, 'passage')}, ${pct(a.share)} found on ${a.parts} other pages; skipped`);
  line(`  titles       ${f.titles.distinct} distinct of ${f.titles.of} (${pct(f.titles.share)})${f.titles.cleaned ? `, ${f.titles.cleaned} cleaned (site name or banner removed)` : ''}`);
  if (f.titles.shared) line(`                 ${f.titles.shared.pages} of ${f.titles.shared.of} pages are titled ${quote(f.titles.shared.title)}`);
  if (f.releaseNotes.pages) {
    const more = f.releaseNotes.pages > f.releaseNotes.examples.length ? ', …' : '';
    line(`  release notes ${plural(f.releaseNotes.pages, 'page')} weighted ×${f.releaseNotes.weight} (data-quarry-weight on a page overrides): ${f.releaseNotes.examples.join(', ')}${more}`);
  }
  line(`  nav-like     ${plural(f.navLike.passages, 'passage')}`);
  for (const e of f.navLike.examples) line(`                 ${e.url}${e.anchor ? `#${e.anchor}` : ''}: ${quote(e.sample)}`);
  line(`  no headings  ${plural(f.pagesWithoutHeadings.pages, 'page')}${f.pagesWithoutHeadings.examples.length ? `: ${f.pagesWithoutHeadings.examples.join(', ')}${f.pagesWithoutHeadings.pages > f.pagesWithoutHeadings.examples.length ? ', …' : ''}` : ''}`);
  line(`  repeated     ${plural(f.repeatedBlocks.blocks, 'block')} on most pages removed (${plural(f.repeatedBlocks.occurrences, 'copy', 'copies')})`);
  for (const b of f.repeatedBlocks.top) line(`                 ${plural(b.pages, 'page')}: ${quote(b.text)}`);
  if (f.overlong) line(`  tokens       ${f.overlong.passages} of ${f.overlong.of} passages (${pct(f.overlong.share)}) were over the model's ${f.overlong.maxTokens} tokens before splitting`);
  line();

  line(r.warnings.length ? `Warnings (${r.warnings.length})` : 'Warnings: none');
  for (const w of r.warnings) line(`  ${w.file}: ${w.reason}`);
  if (r.fileWarnings.length) {
    line(`File warnings (${r.fileWarnings.length})`);
    for (const w of r.fileWarnings.slice(0, FILE_WARNINGS_SHOWN)) line(`  ${w.file}: ${w.reason}`);
    if (r.fileWarnings.length > FILE_WARNINGS_SHOWN) line(`  … ${r.fileWarnings.length - FILE_WARNINGS_SHOWN} more (--json lists them all)`);
  }
  line();

  const shown = detail ? r.pages : r.pages.slice(0, INSPECT_PAGES_SHOWN);
  line(detail ? `Pages (${r.pages.length} of ${r.pagesTotal} matched --page)` : `Pages (${r.pagesTotal})`);
  for (const p of shown) out.push(...renderPage(p, detail));
  if (shown.length < r.pages.length) {
    line();
    line(`… ${r.pages.length - shown.length} more pages. See one page in full with --page <url-or-glob> (e.g. --page "${r.pages[shown.length].url}"), or all of them with --json.`);
  }
  return `${out.join('\n')}\n`;
}

function renderPage(p: PageReport, detail: boolean): string[] {
  const out: string[] = [];
  const status = p.aggregate ? `aggregate of ${p.aggregate.parts} pages, skipped` : plural(p.passages, 'passage');
  out.push(`  ${p.url}  ${quote(p.title)}  ${status}${p.navLike ? `, ${p.navLike} nav-like` : ''}`);
  if (p.title !== p.extractedTitle) out.push(`      title was ${quote(p.extractedTitle)} before the site-level title pass`);
  if (p.root) {
    const passed = p.root.rejected.map((x) => `${x.rule} (${x.why})`).join('; ');
    out.push(`      content root: ${p.root.rule}${passed ? `; passed over ${passed}` : ''}`);
  }
  const headings = detail ? p.headings : p.headings.slice(0, HEADINGS_SHOWN);
  if (!p.headings.length) out.push('      headings: none');
  else if (detail) {
    out.push('      headings:');
    // A definition term (level 7+) sits one step under the heading before it.
    let under = 0;
    for (const h of headings) {
      const depth = h.level <= 6 ? h.level - 1 : under;
      if (h.level <= 6) under = h.level;
      out.push(`        ${'  '.repeat(depth)}${h.level <= 6 ? `h${h.level}` : 'dt'} ${h.heading}${h.anchor ? `  #${h.anchor}` : ''}`);
    }
  } else {
    const more = p.headings.length - headings.length;
    out.push(`      headings: ${headings.map((h) => `${h.level <= 6 ? `h${h.level}` : 'dt'} ${quote(h.heading, 40)}`).join(', ')}${more ? `, … ${more} more` : ''}`);
  }
  const dropped = detail ? p.dropped : p.dropped.slice(0, DROPPED_SHOWN);
  for (const d of dropped) out.push(`      dropped ${d.reason} (${plural(d.words, 'word')}): ${quote(d.sample)}`);
  if (dropped.length < p.dropped.length) out.push(`      … ${p.dropped.length - dropped.length} more dropped blocks`);
  return out;
}
