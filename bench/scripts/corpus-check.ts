/**
 * Not a test: runs crawl → extract → chunk over real documentation trees
 * (PostgreSQL, Python) and prints counts, timings and odd titles.
 *   npx tsx bench/scripts/corpus-check.ts [siteDir...]
 */
import { crawlSite } from '../../build-index/crawl.ts';
import { extractPage } from '../../build-index/extract/extract.ts';
import { chunkPage } from '../../build-index/chunk/chunk.ts';
import { BUILD_DEFAULTS } from '../../build-index/config.ts';

const dirs = process.argv.slice(2);
if (!dirs.length) dirs.push('/usr/share/doc/postgresql-doc-15/html', '/usr/share/doc/python3.11/html');

for (const dir of dirs) {
  const t0 = performance.now();
  let files = 0, pages = 0, skipped = 0, bytes = 0;
  let tExtract = 0, tChunk = 0;
  const words: number[] = [];
  const reasons = new Map<string, number>();
  const oddTitles: string[] = [];
  const samples: string[] = [];
  for await (const item of crawlSite(dir, { include: BUILD_DEFAULTS.include, exclude: BUILD_DEFAULTS.exclude, maxFileBytes: BUILD_DEFAULTS.maxFileBytes })) {
    if (item.kind === 'warning') {
      reasons.set(item.reason, (reasons.get(item.reason) ?? 0) + 1);
      continue;
    }
    files++;
    bytes += item.bytes.length;
    const a = performance.now();
    const r = extractPage(item.relPath, item.bytes, { selector: null });
    const b = performance.now();
    tExtract += b - a;
    for (const w of r.warnings) {
      const key = w.reason.replace(/".*"/, '"…"').replace(/\d+ more/, 'N more');
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }
    if (r.kind === 'skip') { skipped++; continue; }
    pages++;
    const t = r.page.title;
    if (!t || t.length > 120 || /documentation$/i.test(t) || /\.html?$/.test(t)) oddTitles.push(`${item.relPath}: ${JSON.stringify(t)}`);
    if (samples.length < 8 && pages % 97 === 1) samples.push(`${item.relPath} → ${JSON.stringify(t)}`);
    const ps = chunkPage(r.page, { chunkWords: BUILD_DEFAULTS.chunkWords, overlapWords: BUILD_DEFAULTS.overlapWords, minWords: BUILD_DEFAULTS.minWords });
    tChunk += performance.now() - b;
    for (const p of ps) words.push(p.words);
  }
  words.sort((x, y) => x - y);
  const q = (f: number) => words[Math.min(words.length - 1, Math.floor(f * words.length))];
  console.log(`\n== ${dir}`);
  console.log(`files ${files} (${(bytes / 1e6).toFixed(1)} MB), pages ${pages}, skipped ${skipped}, passages ${words.length}`);
  console.log(`words/passage min ${words[0]} p10 ${q(0.1)} median ${q(0.5)} p90 ${q(0.9)} max ${words[words.length - 1]}; >300: ${words.filter((w) => w > 300).length}, <20: ${words.filter((w) => w < 20).length}`);
  console.log(`time total ${((performance.now() - t0) / 1000).toFixed(2)} s (extract ${(tExtract / 1000).toFixed(2)} s, chunk ${(tChunk / 1000).toFixed(2)} s)`);
  console.log('warnings:', [...reasons].sort((x, y) => y[1] - x[1]).slice(0, 12));
  console.log('sample titles:', samples);
  console.log(`odd titles (${oddTitles.length}):`, oddTitles.slice(0, 10));
}
