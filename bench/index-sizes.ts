/**
 * Bytes per passage of every file of a Quarry index, raw and gzip -9:
 *   npx tsx bench/index-sizes.ts path/to/_quarry
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { expandShardTables } from '../src/core/format/index-files.ts';
import { tableEntries } from '../src/core/format/shard-tables.ts';
import type { Manifest } from '../src/core/format/manifest.ts';
const dir = process.argv[2];
const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const n = m.counts.passages;
const fromDisk = async (e: { path: string }) => readFileSync(join(dir, e.path));
const postings = (await expandShardTables({ files: { postings: m.files.postings } }, fromDisk)).shards;
const text = (await expandShardTables({ files: { text: m.files.text } }, fromDisk)).shards;
const groups: Record<string, Array<{ path: string }>> = {
  'manifest.json': [{ path: 'manifest.json' }],
  docs: [m.files.docs],
  vectors: [m.files.vectors],
  'lexical core': [m.files.lexical],
  [`postings tables (${m.files.postings.tables.first.length})`]: tableEntries(m.files.postings),
  [`postings (${postings.length} shards)`]: postings,
  terms: [m.files.terms],
  [`text tables (${m.files.text.tables.first.length})`]: tableEntries(m.files.text),
  [`text (${text.length} shards)`]: text,
  model: m.files.model,
  'runtime + widget + worker': m.files.assets,
  'build-cache.json': [{ path: 'build-cache.json' }],
};
console.log(`passages ${n}, pages ${m.counts.pages}`);
console.log('| file | raw | gzip -9 | raw B/passage | gzip B/passage |\n|---|---:|---:|---:|---:|');
for (const [name, files] of Object.entries(groups)) {
  let raw = 0, gz = 0;
  for (const f of files) { const b = readFileSync(join(dir, f.path)); raw += b.length; gz += gzipSync(b, { level: 9 }).length; }
  const mb = (x: number) => x > 1e6 ? (x / 1e6).toFixed(2) + ' MB' : (x / 1e3).toFixed(1) + ' kB';
  console.log(`| ${name} | ${mb(raw)} | ${mb(gz)} | ${(raw / n).toFixed(1)} | ${(gz / n).toFixed(1)} |`);
}
