/**
 * Opens an index in stages, so the first keystroke gets keyword results
 * from a few small files while vectors (and the model) are still on their way:
 *   manifest → docs + lexical core   (pages, passage lengths)
 *   postings shards                  (the query's terms; all of them in Node)
 *   text shards                      (breadcrumbs, anchors, excerpts of the results shown)
 *   terms                            (near spellings, on the first word no shard knows)
 *   vectors                          (dense search, loaded with the model)
 */
import { QuarryError } from '../errors.ts';
import type { DocsFile, PassageText, TextShard } from '../format/docs.ts';
import { shardCount, shardEntry, shardOf, textShardStarts } from '../format/index-files.ts';
import type { FileEntry, Manifest } from '../format/manifest.ts';
import { validateManifest } from '../format/validate.ts';
import { Bm25Index, buildBm25 } from '../lexical/bm25.ts';
import { TermIndex } from '../lexical/terms.ts';
import { decodeVectors, type VectorStore } from '../vector/vectors-format.ts';
import { parseJson, readVerified, type IndexSource } from './source.ts';

export type Progress = (file: string, loaded: number, total: number) => void;

/** Shards a word being typed may complete into, besides its own: enough for "max_wa", bounded for "a". */
const COMPLETION_SHARDS = 2;

export class LoadedIndex {
  private vectorsPromise: Promise<VectorStore> | null = null;
  private readonly textShards = new Map<number, Promise<TextShard>>();
  /** Postings shard → its load; a failed one (other than a network failure) stays failed. */
  private readonly postingsShards = new Map<number, Promise<void>>();
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
  ) {}

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
    const index = new LoadedIndex(source, manifest, docs, lexical instanceof QuarryError ? Bm25Index.decode(buildBm25([])) : lexical);
    if (lexical instanceof QuarryError) index.lexicalError = lexical;
    else if (!options.lazy) {
      const problems = await Promise.all(Array.from({ length: shardCount(manifest.files.postings) }, (_, i) => index.loadPostings(i)));
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
    const firsts = this.manifest.files.postings.first;
    const wanted = new Set<number>();
    for (const term of terms) {
      const from = Math.max(0, shardOf(firsts, term));
      const to = Math.max(from, shardOf(firsts, `${term}\uffff`));
      for (let i = from; i <= Math.min(to, from + COMPLETION_SHARDS - 1); i++) wanted.add(i);
    }
    const problems = await Promise.all([...wanted].map((i) => this.loadPostings(i)));
    return problems.filter((p): p is QuarryError => p !== null);
  }

  private loadPostings(i: number): Promise<QuarryError | null> {
    let p = this.postingsShards.get(i);
    if (!p) {
      const entry = shardEntry(this.manifest.files.postings, i);
      p = load(this.source, entry).then((bytes) => {
        try {
          this.lexical.addShard(bytes);
        } catch (e) {
          const file = where(this.source, entry);
          throw e instanceof QuarryError ? new QuarryError(e.code, `${file}: ${e.message}`, { cause: e }) : asQuarryError(e, file);
        }
      });
      p.catch((e: unknown) => {
        if ((e as QuarryError)?.code === 'NETWORK') this.postingsShards.delete(i);
      });
      this.postingsShards.set(i, p);
    }
    return p.then(
      () => null,
      (e: unknown) => asQuarryError(e, where(this.source, shardEntry(this.manifest.files.postings, i))),
    );
  }

  /** Loads the term index once; a failed load may be retried by the next call. */
  loadTerms(): Promise<void> {
    this.termsLoad ??= load(this.source, this.manifest.files.terms).then(async (bytes) => {
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
    this.vectorsPromise ??= load(this.source, this.manifest.files.vectors, onProgress).then((bytes) => {
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

  /** A passage's page (url, title, lang), anchor, breadcrumb, merged subsections and text (loads its shard). */
  async passage(id: number): Promise<PassageText> {
    const set = this.manifest.files.text;
    const starts = this.textStarts();
    const shard = shardOf(starts, id);
    if (shard < 0 || id >= this.manifest.counts.passages) throw new QuarryError('INDEX_CORRUPT', `${this.source.location}: no text shard for passage ${id}. Rebuild the index.`);
    const first = starts[shard];
    let p = this.textShards.get(shard);
    if (!p) {
      const entry = shardEntry(set, shard);
      const size = set.passages[shard];
      const pages = this.pageOf(first + size - 1) - this.pageOf(first) + 1;
      p = load(this.source, entry).then((b) => checkTextShard(parseJson<TextShard>(b, where(this.source, entry)), size, pages, where(this.source, entry)));
      // A network failure may pass, so the next query retries; a missing or corrupt shard stays so (no refetch per keystroke).
      p.catch((e: unknown) => {
        if ((e as QuarryError)?.code === 'NETWORK') this.textShards.delete(shard);
      });
      this.textShards.set(shard, p);
    }
    const { pages, passages } = await p;
    const [anchor, breadcrumb, subsections, text] = passages[id - first];
    const [url, title, lang] = pages[this.pageOf(id) - this.pageOf(first)];
    return { url, title, lang, anchor, breadcrumb, subsections, text };
  }

  /** The text of one passage (loads its shard). */
  async text(id: number): Promise<string> {
    return (await this.passage(id)).text;
  }

  /** The text shard file that holds passage `id`, for messages. */
  textShardPath(id: number): string {
    const shard = shardOf(this.textStarts(), id);
    return shard < 0 ? `text shard for passage ${id}` : shardEntry(this.manifest.files.text, shard).path;
  }

  private starts: number[] | null = null;
  /** Each text shard's first passage id. */
  textStarts(): number[] {
    this.starts ??= textShardStarts(this.manifest.files.text);
    return this.starts;
  }

  /** Every page's url and title, in page order. Reads every text shard: for tools and reports, not search. */
  async pageList(): Promise<Array<{ url: string; title: string }>> {
    const firsts = this.docs.passages.page.flatMap((page, id, all) => (id === 0 || all[id - 1] !== page ? [id] : []));
    return Promise.all(firsts.map(async (id) => ((p) => ({ url: p.url, title: p.title }))(await this.passage(id))));
  }

  pageOf(id: number): number {
    return this.docs.passages.page[id];
  }
  sectionOf(id: number): number {
    return this.docs.passages.section[id];
  }
  weightOf(id: number): number {
    return this.docs.passages.weight[id];
  }
  metaOf(page: number): Record<string, string> {
    return this.docs.pageMeta[page] || {};
  }
}

/** The docs file must describe every passage and point at real pages: search indexes it without checks. */
function checkDocs(docs: DocsFile, manifest: Manifest, file: string): void {
  const n = manifest.counts.passages;
  const p = docs?.passages;
  const pages = manifest.counts.pages;
  const ok =
    Array.isArray(docs?.pageMeta) &&
    docs.pageMeta.length === pages &&
    p !== null &&
    typeof p === 'object' &&
    [p.page, p.section, p.weight].every((a) => Array.isArray(a) && a.length === n) &&
    // Consecutive pages from 0: text shards find a passage's page by offset.
    p.page.every((page, i) => (i === 0 ? page === 0 : page === p.page[i - 1] || page === p.page[i - 1] + 1)) &&
    (n === 0 || p.page[n - 1] === pages - 1) &&
    p.weight.every((w) => typeof w === 'number' && Number.isFinite(w));
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
