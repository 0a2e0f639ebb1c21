/**
 * Opens an index in stages, so the first keystroke gets keyword results
 * from a few small files while vectors (and the model) are still on their way:
 *   manifest → docs + lexical core   (pages and sections, BM25 statistics)
 *   postings tables → shards         (the query's terms; all of them in Node)
 *   text tables → shards             (pages, breadcrumbs, anchors, excerpts of the results shown)
 *   terms                            (near spellings, on the first word no shard knows)
 *   vectors                          (dense search, loaded with the model)
 */
import { QuarryError } from '../errors.ts';
import type { DocsFile, PassageText, TextShard } from '../format/docs.ts';
import type { FileEntry, Manifest } from '../format/manifest.ts';
import { validateManifest } from '../format/validate.ts';
import { Bm25Index } from '../lexical/bm25.ts';
import type { TermIndex } from '../lexical/terms.ts';
import type { VectorStore } from '../vector/vectors-format.ts';
import { ShardDirectory } from './shard-directory.ts';
import { loadOnce, parseJson, readVerified, type IndexSource } from './source.ts';

export type Progress = (file: string, loaded: number, total: number) => void;

/** Shards a word being typed may complete into, besides its own: enough for "max_wa", bounded for "a". */
const COMPLETION_SHARDS = 2;

export class LoadedIndex {
  private vectorsPromise: Promise<VectorStore> | null = null;
  /** Text shard path → its load; a failed one (other than a network failure) stays failed. */
  private readonly textShards = new Map<string, Promise<TextShard>>();
  /** Postings shard path → its load; likewise. */
  private readonly postingsShards = new Map<string, Promise<void>>();
  private readonly postingsDir: ShardDirectory<string>;
  private readonly textDir: ShardDirectory<number>;
  /** Per passage, from the docs file's runs: its page, its section (global, in passage order) and its weight. */
  private readonly pages: Int32Array;
  private readonly sections: Int32Array;
  private readonly weights: Float64Array;
  private termsLoad: Promise<void> | null = null;
  /** Null until loaded: queries then go without near spellings. */
  terms: TermIndex | null = null;
  /**
   * Set (with `lexicalOptional`) when the lexical core could not be used:
   * `lexical` is then an empty index and only dense search can answer.
   */
  lexicalError: QuarryError | null = null;

  private constructor(
    readonly source: IndexSource,
    readonly manifest: Manifest,
    readonly docs: DocsFile,
    readonly lexical: Bm25Index,
  ) {
    const read = (entry: FileEntry) => load(source, entry);
    const name = (entry: FileEntry) => where(source, entry);
    this.postingsDir = new ShardDirectory(manifest.files.postings, 'string', read, name, null);
    this.textDir = new ShardDirectory(manifest.files.text, 'number', read, name, manifest.counts.passages);
    ({ pages: this.pages, sections: this.sections, weights: this.weights } = perPassage(docs, manifest.counts.passages));
  }

  /**
   * `lazy` (the browser): fetch postings shards for each query's terms, and
   * the term index only when a query has a word no loaded shard knows, so a
   * first query downloads kilobytes, not the whole index. Node loads every
   * shard and the term index at once, so evaluations are deterministic.
   * `lexicalOptional`: a lexical core that cannot be loaded or decoded
   * leaves an empty stand-in and `lexicalError` instead of failing, so a
   * host with a model can still answer densely.
   */
  static async open(source: IndexSource, onProgress?: Progress, options: { lazy?: boolean; lexicalOptional?: boolean } = {}): Promise<LoadedIndex> {
    const manifestBytes = await source.read('manifest.json');
    const manifest = validateManifest(parseJson(manifestBytes, `${source.location}/manifest.json`), `${source.location}/manifest.json`);
    const lexicalFile = manifest.files.lexical;
    const lexicalLoad = load(source, lexicalFile, onProgress).then((bytes) => decodeLexical(bytes, where(source, lexicalFile)));
    const [docsBytes, lexical] = await Promise.all([
      load(source, manifest.files.docs, onProgress),
      options.lexicalOptional ? lexicalLoad.catch((e: unknown) => asQuarryError(e, where(source, lexicalFile))) : lexicalLoad,
    ]);
    const docs = parseJson<DocsFile>(docsBytes, where(source, manifest.files.docs));
    checkDocs(docs, manifest, where(source, manifest.files.docs));
    const index = new LoadedIndex(source, manifest, docs, lexical instanceof QuarryError ? Bm25Index.empty() : lexical);
    if (lexical instanceof QuarryError) index.lexicalError = lexical;
    else if (!options.lazy) {
      const shards = await index.postingsDir.all();
      const problems = await Promise.all(shards.map((s) => index.loadPostings(s.entry)));
      const first = problems.find((p) => p !== null);
      if (first) throw first;
    }
    if (!options.lazy) await index.loadTerms();
    return index;
  }

  /**
   * Loads the postings shards that hold `terms`, and those a term being
   * typed may complete into. Resolves with the problems met (a shard that
   * cannot be loaded): its terms then read as absent, and the caller says so.
   */
  async ensureTerms(terms: readonly string[]): Promise<QuarryError[]> {
    if (this.lexicalError) return [];
    const problems: QuarryError[] = [];
    const wanted = new Map<string, FileEntry>();
    await Promise.all(
      terms.map(async (term) => {
        try {
          for (const entry of await this.postingsDir.span(term, `${term}\uffff`, COMPLETION_SHARDS)) wanted.set(entry.path, entry);
        } catch (e) {
          problems.push(asQuarryError(e, `${this.source.location}: postings table for "${term}"`));
        }
      }),
    );
    const loaded = await Promise.all([...wanted.values()].map((entry) => this.loadPostings(entry)));
    return [...problems, ...loaded.filter((p): p is QuarryError => p !== null)];
  }

  private loadPostings(entry: FileEntry): Promise<QuarryError | null> {
    const p = loadOnce(this.postingsShards, entry.path, () =>
      load(this.source, entry).then((bytes) => {
        try {
          this.lexical.addShard(bytes);
        } catch (e) {
          const file = where(this.source, entry);
          throw e instanceof QuarryError ? new QuarryError(e.code, `${file}: ${e.message}`, { cause: e }) : asQuarryError(e, file);
        }
      }),
    );
    return p.then(
      () => null,
      (e: unknown) => asQuarryError(e, where(this.source, entry)),
    );
  }

  /** Loads the term index once; a failed load may be retried by the next call. */
  loadTerms(): Promise<void> {
    // Its code (and FlexSearch behind it) is a lazy chunk in the browser: most keyword queries never need it.
    this.termsLoad ??= Promise.all([load(this.source, this.manifest.files.terms), import('../lexical/terms.ts')]).then(async ([bytes, { TermIndex }]) => {
      this.terms = await TermIndex.load(new TextDecoder().decode(bytes));
    });
    this.termsLoad.catch(() => (this.termsLoad = null));
    return this.termsLoad;
  }

  /**
   * Whether a query with these terms would gain from the term index (a word
   * that no loaded shard holds or completes: a typo) that is not loaded yet;
   * if so, starts loading it. Call after `ensureTerms`.
   */
  wantTerms(terms: readonly string[]): boolean {
    if (this.terms || !terms.some((t) => !this.lexical.hasTerm(t) && this.lexical.complete(t, 1).length === 0)) return false;
    this.loadTerms().catch(() => undefined);
    return true;
  }

  /** Vectors for dense search; fetched once, on first use. */
  vectors(onProgress?: Progress): Promise<VectorStore> {
    // The decoder is the dense tier's: a lazy chunk in the browser bundles, like the rest of it (see search/dense-tier.ts).
    this.vectorsPromise ??= Promise.all([load(this.source, this.manifest.files.vectors, onProgress), import('../vector/vectors-format.ts')]).then(([bytes, { decodeVectors }]) => {
      const store = decodeVectors(bytes);
      if (store.count !== this.manifest.counts.passages || store.dims !== this.manifest.model.dims) {
        throw new QuarryError(
          'INDEX_CORRUPT',
          `${where(this.source, this.manifest.files.vectors)}: ${store.count}×${store.dims} vectors, manifest.json expects ${this.manifest.counts.passages}×${this.manifest.model.dims}. Rebuild the index.`,
        );
      }
      return store;
    });
    // A failed fetch must not stick: the next call retries.
    this.vectorsPromise.catch(() => (this.vectorsPromise = null));
    return this.vectorsPromise;
  }

  /** A passage's page (url, title, lang), anchor, breadcrumb, merged subsections and text (loads its table and shard). */
  async passage(id: number): Promise<PassageText> {
    const n = this.manifest.counts.passages;
    const shard = id >= 0 && id < n ? await this.textDir.locate(id) : null;
    if (!shard) throw new QuarryError('INDEX_CORRUPT', `${this.source.location}: no text shard for passage ${id}. Rebuild the index.`);
    const { entry, first } = shard;
    const next = shard.next ?? n;
    const { pages, passages } = await loadOnce(this.textShards, entry.path, () => {
      const size = next - first;
      const pageCount = this.pageOf(next - 1) - this.pageOf(first) + 1;
      return load(this.source, entry).then((b) => checkTextShard(parseJson<TextShard>(b, where(this.source, entry)), size, pageCount, where(this.source, entry)));
    });
    const [anchor, breadcrumb, subsections, text] = passages[id - first];
    const [url, title, lang] = pages[this.pageOf(id) - this.pageOf(first)];
    return { url, title, lang, anchor, breadcrumb, subsections, text };
  }

  /** The text of one passage (loads its shard). */
  async text(id: number): Promise<string> {
    return (await this.passage(id)).text;
  }

  /** The text shard file that holds passage `id`, for messages. */
  async textShardPath(id: number): Promise<string> {
    const shard = await this.textDir.locate(id).catch(() => null);
    return shard ? shard.entry.path : `text shard for passage ${id}`;
  }

  /** Every page's url and title, in page order. Reads every text shard: for tools and reports, not search. */
  async pageList(): Promise<Array<{ url: string; title: string }>> {
    return Promise.all(starts(this.docs.pages.passages).map(async (id) => ((p) => ({ url: p.url, title: p.title }))(await this.passage(id))));
  }

  pageOf(id: number): number {
    return this.pages[id];
  }
  sectionOf(id: number): number {
    return this.sections[id];
  }
  weightOf(id: number): number {
    return this.weights[id];
  }
  metaOf(page: number): Record<string, string> {
    return this.docs.pages.meta[page] || {};
  }
}

/** The first passage id of each run of `counts`. */
function starts(counts: readonly number[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const c of counts) {
    out.push(at);
    at += c;
  }
  return out;
}

/** Per passage: page, section and weight, unrolled from the docs file's runs (checked by checkDocs). */
function perPassage(docs: DocsFile, n: number): { pages: Int32Array; sections: Int32Array; weights: Float64Array } {
  const pages = new Int32Array(n);
  const sections = new Int32Array(n);
  const weights = new Float64Array(n).fill(1);
  let at = 0;
  docs.pages.passages.forEach((count, page) => pages.fill(page, at, (at += count)));
  at = 0;
  docs.sections.forEach((count, section) => sections.fill(section, at, (at += count)));
  for (const [first, count, weight] of docs.weights) weights.fill(weight, first, first + count);
  return { pages, sections, weights };
}

/** The docs file must describe every passage and page: search reads it without checks. */
function checkDocs(docs: DocsFile, manifest: Manifest, file: string): void {
  const n = manifest.counts.passages;
  const isRuns = (a: unknown): a is number[] => Array.isArray(a) && a.every((c) => Number.isInteger(c) && c > 0);
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  const pages = docs?.pages;
  let ok =
    typeof pages === 'object' &&
    pages !== null &&
    isRuns(pages.passages) &&
    pages.passages.length === manifest.counts.pages &&
    sum(pages.passages) === n &&
    Array.isArray(pages.meta) &&
    pages.meta.length === manifest.counts.pages &&
    isRuns(docs.sections) &&
    sum(docs.sections) === n &&
    Array.isArray(docs.weights) &&
    docs.weights.every((w) => Array.isArray(w) && w.length === 3 && Number.isInteger(w[0]) && w[0] >= 0 && Number.isInteger(w[1]) && w[1] > 0 && w[0] + w[1] <= n && Number.isFinite(w[2]));
  if (ok) {
    // Every page starts a section: a section never spans two pages, which grouping relies on.
    const sectionStarts = new Set(starts(docs.sections));
    ok = starts(pages.passages).every((first) => sectionStarts.has(first));
  }
  if (!ok) throw new QuarryError('INDEX_CORRUPT', `${file}: its pages or passages do not match manifest.json. Rebuild the index.`);
}

function checkTextShard(shard: TextShard, size: number, pages: number, file: string): TextShard {
  const ok =
    Array.isArray(shard?.passages) &&
    shard.passages.length === size &&
    shard.passages.every((r) => Array.isArray(r) && r.length === 4 && typeof r[0] === 'string' && Array.isArray(r[1]) && typeof r[3] === 'string') &&
    Array.isArray(shard.pages) &&
    shard.pages.length === pages &&
    shard.pages.every((pg) => Array.isArray(pg) && pg.length === 3 && pg.every((x) => typeof x === 'string'));
  if (!ok) throw new QuarryError('INDEX_CORRUPT', `${file}: does not hold the ${size} passages on ${pages} pages that manifest.json and the docs file list for it. Rebuild the index.`);
  return shard;
}

function where(source: IndexSource, entry: FileEntry): string {
  return `${source.location.replace(/\/$/, '')}/${entry.path}`;
}

function decodeLexical(bytes: Uint8Array, file: string): Bm25Index {
  try {
    return Bm25Index.decode(bytes);
  } catch (e) {
    throw asQuarryError(e, file);
  }
}

function asQuarryError(e: unknown, file: string): QuarryError {
  if (e instanceof QuarryError) return e;
  return new QuarryError('INDEX_CORRUPT', `${file}: cannot be decoded (${(e as Error)?.message ?? String(e)}). Rebuild the index.`, { cause: e });
}

function load(source: IndexSource, entry: FileEntry, onProgress?: Progress): Promise<Uint8Array> {
  return readVerified(source, entry, onProgress && ((l, t) => onProgress(entry.path, l, t)));
}
