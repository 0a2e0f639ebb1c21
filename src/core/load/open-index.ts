/**
 * Opens an index in stages, so the first keystroke gets lexical results
 * while vectors (and the model) are still on their way:
 *   manifest → docs + lexical  (enough for lexical search)
 *   terms                      (typo/prefix expansion; lazily in the browser)
 *   vectors                    (dense search, loaded with the model)
 *   text shards                (snippets, fetched per shard on demand)
 */
import { QuarryError } from '../errors.ts';
import type { DocsFile } from '../format/docs.ts';
import type { FileEntry, Manifest } from '../format/manifest.ts';
import { validateManifest } from '../format/validate.ts';
import { Bm25Index, buildBm25 } from '../lexical/bm25.ts';
import { TermIndex } from '../lexical/terms.ts';
import { decodeVectors, type VectorStore } from '../vector/vectors-format.ts';
import { parseJson, readVerified, type IndexSource } from './source.ts';

export type Progress = (file: string, loaded: number, total: number) => void;

export class LoadedIndex {
  private vectorsPromise: Promise<VectorStore> | null = null;
  private readonly shards = new Map<number, Promise<string[]>>();
  private termsLoad: Promise<void> | null = null;
  /** Null until loaded: queries then go without typo/prefix expansion. */
  terms: TermIndex | null = null;
  /**
   * Set (with `lexicalOptional`) when the lexical file could not be used:
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
   * `lazyTerms`: don't load the term index (a third of the lexical
   * download) until a query has a word the vocabulary lacks (`wantTerms`):
   * most first queries never need it, and it must not compete with the
   * files that do. Node loads it at once, so evaluations are deterministic.
   * `lexicalOptional`: a lexical file that cannot be loaded or decoded
   * leaves an empty stand-in and `lexicalError` instead of failing, so a
   * host with a model can still answer densely.
   */
  static async open(source: IndexSource, onProgress?: Progress, options: { lazyTerms?: boolean; lexicalOptional?: boolean } = {}): Promise<LoadedIndex> {
    const manifestBytes = await source.read('manifest.json');
    const manifest = validateManifest(parseJson(manifestBytes, `${source.location}/manifest.json`), `${source.location}/manifest.json`);
    const lexicalFile = manifest.files.lexical;
    const lexicalLoad = load(source, lexicalFile, onProgress).then((bytes) => decodeLexical(bytes, where(source, lexicalFile)));
    const [docsBytes, lexical] = await Promise.all([
      load(source, manifest.files.docs, onProgress),
      options.lexicalOptional ? lexicalLoad.catch((e: unknown) => asQuarryError(e, where(source, lexicalFile))) : lexicalLoad,
    ]);
    const docs = parseJson<DocsFile>(docsBytes, where(source, manifest.files.docs));
    if (!Array.isArray(docs.pages) || !Array.isArray(docs.passages) || docs.passages.length !== manifest.counts.passages) {
      throw new QuarryError('INDEX_CORRUPT', `${where(source, manifest.files.docs)}: passage count does not match manifest.json. Rebuild the index.`);
    }
    const index = new LoadedIndex(source, manifest, docs, lexical instanceof QuarryError ? Bm25Index.decode(buildBm25([])) : lexical);
    if (lexical instanceof QuarryError) index.lexicalError = lexical;
    if (!options.lazyTerms) await index.loadTerms();
    return index;
  }

  /** Loads the term index once; a failed load may be retried by the next call. */
  loadTerms(): Promise<void> {
    this.termsLoad ??= load(this.source, this.manifest.files.terms).then((bytes) => {
      this.terms = TermIndex.load(new TextDecoder().decode(bytes));
    });
    this.termsLoad.catch(() => (this.termsLoad = null));
    return this.termsLoad;
  }

  /**
   * Whether a query with these terms would gain from the term index (a word
   * the vocabulary lacks: a prefix being typed, a typo) that is not loaded
   * yet; if so, starts loading it.
   */
  wantTerms(terms: readonly string[]): boolean {
    if (this.terms || !terms.some((t) => !this.lexical.hasTerm(t))) return false;
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

  /** The text of one passage (loads its shard). */
  async text(id: number): Promise<string> {
    const size = this.manifest.textShardSize;
    const shard = Math.floor(id / size);
    let p = this.shards.get(shard);
    if (!p) {
      const entry = this.manifest.files.text[shard];
      if (!entry) throw new QuarryError('INDEX_CORRUPT', `${this.source.location}: no text shard for passage ${id}. Rebuild the index.`);
      p = load(this.source, entry).then((b) => parseJson<string[]>(b, where(this.source, entry)));
      // A network failure may pass, so the next query retries; a missing or corrupt shard stays so (no refetch per keystroke).
      p.catch((e: unknown) => {
        if ((e as QuarryError)?.code === 'NETWORK') this.shards.delete(shard);
      });
      this.shards.set(shard, p);
    }
    const texts = await p;
    return texts[id - shard * size] ?? '';
  }

  /** The text shard file that holds passage `id`, for messages. */
  textShardPath(id: number): string {
    const shard = Math.floor(id / this.manifest.textShardSize);
    return this.manifest.files.text[shard]?.path ?? `text shard ${shard}`;
  }

  pageOf(id: number): number {
    return this.docs.passages[id][0];
  }
  anchorOf(id: number): string {
    return this.docs.passages[id][1];
  }
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
