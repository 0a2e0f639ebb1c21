import { build } from '../../../build-index/build.ts';
import { buildFlagConfig, optionsFromFlags, type BuildOptions } from '../../../build-index/config.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { createReporter } from '../progress.ts';
import { QuarryError } from '../../core/errors.ts';
import { pagesHint } from './build-hint.ts';
import { parseFlags } from './flags.ts';

/** `quarry build` arguments → validated options (flags and config file by the option table). */
export async function buildOptionsFromArgs(args: string[]): Promise<BuildOptions> {
  const { values, positionals } = parseFlags(args, buildFlagConfig(), 'build');
  if (positionals.length !== 1) throw new QuarryError('BAD_OPTION', 'Pass exactly one site folder: `quarry build <siteDir>`.');
  return resolveBuildOptions(positionals[0], optionsFromFlags(values));
}

export async function runBuild(args: string[]): Promise<number> {
  const options = await buildOptionsFromArgs(args);
  const reporter = createReporter({ json: options.json });
  const summary = await build(options, reporter);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const total = summary.files.reduce((n, f) => n + f.bytes, 0);
  const out = process.stdout;
  out.write(`\nIndexed ${summary.pages} pages → ${summary.passages} passages in ${summary.seconds.total.toFixed(1)} s\n`);
  out.write(`  encoded ${summary.encoded}, reused ${summary.reused} from the previous build (model ${summary.model.id}, ${summary.model.dtype})\n`);
  if (summary.skippedFiles || summary.duplicates) out.write(`  skipped ${summary.skippedFiles} file(s), ${summary.duplicates} duplicate page(s)\n`);
  if (summary.duplicatePassages || summary.aggregatePages.length) out.write(`  dropped ${summary.duplicatePassages} duplicate passage(s), skipped ${summary.aggregatePages.length} aggregate page(s)\n`);
  if (summary.warnings.length) out.write(`  ${summary.warnings.length} warning(s) — see above\n`);
  out.write(`  wrote ${summary.outDir} (${(total / 1e6).toFixed(1)} MB)\n`);
  if (summary.precompressed) {
    const packed = summary.precompressed.files.reduce((n, f) => n + f.bytes, 0);
    const { files, compressed } = summary.precompressed;
    out.write(`  precompressed: ${files.length} .br/.gz sibling(s), ${(packed / 1e6).toFixed(1)} MB (${compressed} compressed now, ${files.length - compressed} kept: their files are unchanged)\n`);
  }
  out.write('\n');
  out.write(pagesHint({ siteDir: options.siteDir, outDir: summary.outDir, wroteWidget: summary.widget }));
  return 0;
}
