/**
 * The code a first visit downloads before its first keyword answer: the
 * widget (quarry.js) and the search worker (quarry.worker.js), each with
 * every chunk it imports statically. Chunks behind `import()` (the model
 * runtime, the dense tier, the answer card, "no good match" suggestions,
 * FlexSearch, the main-thread fallback) load later, when first needed, and
 * do not count. Built here from the sources with the project's own vite
 * config, in memory, so the figure never comes from a stale dist/ and the
 * test never touches it. Sizes are zlib level 9 (what `gzip -9` gives,
 * within about 1%). The e2e test first-visit/keyword-first.spec.ts counts
 * the same bytes as a browser fetches them, index files included.
 */
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../..');

/**
 * Widget + worker, gzip, before the first keyword answer. Issue 14 asks for
 * 30 kB; this ratchet holds what the code reaches today (32.4 kB, from
 * 40.8 kB with comlink, the dense tier, FlexSearch and the term index in the
 * keyword path). What is left is the keyword path itself: excerpts
 * (search/snippet.ts, text/sentences.ts, text/scan.ts, 5.5 kB), loading and
 * checking the index (load/, format/, 6 kB), BM25 (3.7 kB), the dialog and
 * its styles. Lower it as code moves out.
 */
const KEYWORD_CODE_BUDGET = 32_900;

/** Modules the first keyword answer never runs: each must stay behind an `import()`. */
const LAZY_ONLY = [
  /\/node_modules\/@huggingface\/transformers\//,
  /\/node_modules\/onnxruntime-web\//,
  /\/node_modules\/flexsearch\//,
  /\/node_modules\/comlink\//,
  /\/src\/core\/lexical\/terms\.ts$/,
  /\/src\/core\/vector\/vectors-format\.ts$/,
  /\/worker\/(dense-failure|cache-listing)\.ts$/,
  /\/src\/ui\/(recent-view|reformulation)\.ts$/,
  /\/worker\/encoder(-loader)?\.ts$/,
  /\/src\/core\/search\/dense-tier\.ts$/,
  /\/src\/core\/search\/answer\.ts$/,
  /\/src\/core\/search\/suggest\.ts$/,
  /\/src\/core\/fusion\//,
  /\/src\/core\/vector\/topk\.ts$/,
  /\/src\/ui\/answer-card\.ts$/,
  /\/src\/ui\/suggestions\.ts$/,
  /\/src\/client\/main-thread-search\.ts$/,
];

interface Loaded {
  /** File name → gzip bytes, for the entry and each chunk it imports statically. */
  files: Map<string, number>;
  /** Every source module in those files. */
  modules: string[];
}

/** Builds one of vite.config.ts's modes in memory and follows the entry's static imports. */
async function staticallyLoaded(mode: 'production' | 'worker', entry: string): Promise<Loaded> {
  const result = await build({
    root: REPO,
    configFile: resolve(REPO, 'vite.config.ts'),
    mode,
    logLevel: 'silent',
    build: { write: false, emptyOutDir: false },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = new Map<string, Rolldown.OutputChunk>();
  for (const o of outputs) for (const c of o.output) if (c.type === 'chunk') chunks.set(c.fileName, c);
  const files = new Map<string, number>();
  const modules: string[] = [];
  const visit = (name: string): void => {
    if (files.has(name)) return;
    const chunk = chunks.get(name);
    if (!chunk) throw new Error(`${entry} imports ${name}, which the ${mode} build did not write`);
    files.set(name, gzipSync(chunk.code, { level: 9 }).length);
    modules.push(...chunk.moduleIds);
    for (const imported of chunk.imports) visit(imported);
  };
  visit(entry);
  return { files, modules };
}

describe('the keyword path’s code', () => {
  it(`stays within ${KEYWORD_CODE_BUDGET} gzip bytes (widget + worker), the dense tier and the model runtime behind import()`, async () => {
    const widget = await staticallyLoaded('production', 'quarry.js');
    const worker = await staticallyLoaded('worker', 'quarry.worker.js');
    const files = new Map([...widget.files, ...worker.files]);
    const total = [...files.values()].reduce((a, b) => a + b, 0);
    const report = [...files].map(([name, bytes]) => `${name} ${bytes}`).join(', ');
    console.log(`keyword path code: ${total} gzip bytes (${report})`);

    const eager = [...widget.modules, ...worker.modules];
    expect(eager.filter((id) => LAZY_ONLY.some((re) => re.test(id)))).toEqual([]);
    // The premise: the keyword side really is in there.
    expect(worker.modules.some((id) => id.endsWith('/src/core/lexical/bm25.ts'))).toBe(true);
    expect(widget.modules.some((id) => id.endsWith('/src/ui/element.ts'))).toBe(true);
    expect(total, report).toBeLessThanOrEqual(KEYWORD_CODE_BUDGET);
  });
});
