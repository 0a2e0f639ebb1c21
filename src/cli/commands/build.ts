import { build } from '../../../build-index/build.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { createReporter } from '../progress.ts';
import { QuarryError } from '../../core/errors.ts';
import { parseFlags } from './flags.ts';

export async function runBuild(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    args,
    {
      out: { type: 'string' },
      model: { type: 'string' },
      'chunk-words': { type: 'string' },
      overlap: { type: 'string' },
      'min-words': { type: 'string' },
      include: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      selector: { type: 'string' },
      'query-prefix': { type: 'string' },
      'passage-prefix': { type: 'string' },
      pooling: { type: 'string' },
      'batch-size': { type: 'string' },
      'no-copy-model': { type: 'boolean' },
      sw: { type: 'boolean' },
      config: { type: 'string' },
      json: { type: 'boolean' },
    },
    'build',
  );
  if (positionals.length !== 1) throw new QuarryError('BAD_OPTION', 'Pass exactly one site folder: `quarry build <siteDir>`.');
  const options = await resolveBuildOptions(
    positionals[0],
    {
      outDir: values.out,
      model: values.model,
      chunkWords: values['chunk-words'],
      overlapWords: values.overlap,
      minWords: values['min-words'],
      include: values.include,
      // Flags add to the default excludes rather than replacing them.
      exclude: values.exclude,
      selector: values.selector,
      queryPrefix: values['query-prefix'],
      passagePrefix: values['passage-prefix'],
      pooling: values.pooling,
      batchSize: values['batch-size'],
      copyModel: values['no-copy-model'] ? false : undefined,
      serviceWorker: values.sw,
      json: values.json,
    },
    values.config,
  );
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
  if (summary.warnings.length) out.write(`  ${summary.warnings.length} warning(s) — see above\n`);
  out.write(`  wrote ${summary.outDir} (${(total / 1e6).toFixed(1)} MB)\n\n`);
  out.write(`Add to your pages:\n  <script type="module" src="/${relativeIndexPath(options.siteDir, summary.outDir)}/quarry.js"></script>\n  <quarry-search></quarry-search>\n`);
  return 0;
}

function relativeIndexPath(site: string, out: string): string {
  return out.startsWith(site + '/') ? out.slice(site.length + 1) : '_quarry';
}
