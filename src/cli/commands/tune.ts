/** `quarry tune`: finds the best fusion for labelled queries and stores it in the index's manifest. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../core/format/manifest.ts';
import { openIndex } from '../../node/index.ts';
import { tuneFusion } from '../../node/tune-fusion.ts';
import { parseFlags, requireFlag } from './flags.ts';
import { readQueries } from './queries-file.ts';
import { writeFileAtomic } from '../../../build-index/write/atomic-file.ts';

export async function runTune(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { index: { type: 'string' }, queries: { type: 'string' }, 'dry-run': { type: 'boolean' } }, 'tune');
  const dir = requireFlag(values.index, '--index', 'tune');
  const queries = await readQueries(requireFlag(values.queries, '--queries', 'tune'));
  const index = await openIndex(dir);
  let best;
  try {
    best = await tuneFusion(index, queries, {
      onMethod: ({ settings: s, ndcg }) =>
        process.stdout.write(`${s.method.padEnd(7)} nDCG@10 ${ndcg.toFixed(4)}  (lexical weight ${s.lexicalWeight.toFixed(1)} natural-language, ${s.literalLexicalWeight.toFixed(1)} literal)\n`),
    });
  } finally {
    await index.close();
  }
  process.stdout.write(`\nbest: ${JSON.stringify(best.settings)} (nDCG@10 ${best.ndcg.toFixed(4)} on ${queries.length} queries)\n`);
  if (values['dry-run']) return 0;
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  manifest.fusion = best.settings;
  await writeFileAtomic(file, JSON.stringify(manifest, null, 1));
  process.stdout.write(`stored in ${file}\n`);
  return 0;
}
