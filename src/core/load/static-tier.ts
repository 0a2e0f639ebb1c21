/**
 * The first-keystroke semantic tier's dense side (issue 15): the static
 * encoder, whose rows come from `files.staticRows` shards as query words
 * need them, and IVF retrieval, whose lists come from `files.ivfLists` as
 * queries probe them. Everything is fetched on demand and kept: a query
 * costs the centroids file once, a few row shards and `nprobe` lists.
 */
import { QuarryError } from '../errors.ts';
import { hasStaticTier, type FileEntry, type Manifest } from '../format/manifest.ts';
import type { Hit } from '../rank/hit.ts';
import type { DenseSide } from '../search/host.ts';
import { decodeRows, type StaticRow } from '../static/rows-format.ts';
import { staticEncoder } from '../static/static-encoder.ts';
import { decodeCentroids, decodeList, type IvfCentroids, type IvfList } from '../vector/ivf-format.ts';
import { nearestLists, scanLists } from '../vector/ivf-search.ts';
import { ShardDirectory } from './shard-directory.ts';
import { loadOnce, readVerified, type IndexSource } from './source.ts';

export class StaticTier {
  private readonly rowsDir: ShardDirectory<string>;
  private readonly listsDir: ShardDirectory<number>;
  private readonly rowShards = new Map<string, Promise<Map<string, StaticRow>>>();
  private readonly lists = new Map<number, Promise<IvfList>>();
  private centroidsLoad: Promise<IvfCentroids> | null = null;
  /** Rows looked up so far (a word with no row is remembered as null). */
  private readonly rows = new Map<string, StaticRow | null>();

  constructor(
    private readonly source: IndexSource,
    private readonly manifest: Manifest,
  ) {
    const f = manifest.files;
    if (!hasStaticTier(manifest)) throw new QuarryError('BAD_OPTION', 'this index has no static tier (built with --no-static-tier or by an older Quarry)');
    const read = (entry: FileEntry) => readVerified(source, entry);
    this.rowsDir = new ShardDirectory(f.staticRows!, 'string', read, (e) => this.where(e), null);
    this.listsDir = new ShardDirectory(f.ivfLists!, 'number', read, (e) => this.where(e), null);
  }

  /** The dense side the engine runs on: static encoder and IVF retrieval. */
  side(): DenseSide {
    const dims = this.manifest.model.dims;
    return {
      tier: 'static',
      encoder: staticEncoder(dims, (words) => this.lookup(words)),
      retrieve: (vector, k, filter) => this.retrieve(vector, k, filter),
      // Its own floors; an index without them never answers "no good match" from this tier's scores.
      calibration: this.manifest.staticTier!.calibration ?? null,
    };
  }

  /** Loads the centroids (the one fixed cost of the tier) ahead of the first query. */
  warm(): Promise<unknown> {
    return this.centroids();
  }

  async retrieve(vector: Float32Array, k: number, filter?: (id: number) => boolean, nprobe = this.manifest.staticTier!.nprobe): Promise<Hit[]> {
    if (!vector.some((x) => x !== 0)) return []; // no query word has a row
    const c = await this.centroids();
    const chosen = nearestLists(vector, c, nprobe);
    const lists = await Promise.all(chosen.map(async (l) => [l, await this.list(l, c)] as [number, IvfList]));
    return scanLists(vector, c, lists, k, filter);
  }

  private async lookup(words: readonly string[]): Promise<Map<string, StaticRow>> {
    const missing = words.filter((w) => !this.rows.has(w));
    await Promise.all(
      missing.map(async (w) => {
        const shard = await this.rowsDir.locate(w);
        const rows = shard ? await this.rowShard(shard.entry) : null;
        this.rows.set(w, rows?.get(w) ?? null);
      }),
    );
    const out = new Map<string, StaticRow>();
    for (const w of words) {
      const row = this.rows.get(w);
      if (row) out.set(w, row);
    }
    return out;
  }

  private rowShard(entry: FileEntry): Promise<Map<string, StaticRow>> {
    return loadOnce(this.rowShards, entry.path, () => readVerified(this.source, entry).then((b) => decodeRows(b, this.manifest.model.dims, this.where(entry))));
  }

  private centroids(): Promise<IvfCentroids> {
    const entry = this.manifest.files.ivfCentroids!;
    this.centroidsLoad ??= readVerified(this.source, entry).then((b) => {
      const c = decodeCentroids(b, this.where(entry));
      if (c.dims !== this.manifest.model.dims) throw new QuarryError('INDEX_CORRUPT', `${this.where(entry)}: ${c.dims} dims, the index has ${this.manifest.model.dims}. Rebuild the index.`);
      return c;
    });
    this.centroidsLoad.catch(() => (this.centroidsLoad = null));
    return this.centroidsLoad;
  }

  private list(l: number, c: IvfCentroids): Promise<IvfList> {
    return loadOnce(this.lists, l, async () => {
      const shard = await this.listsDir.locate(l);
      if (!shard || shard.first !== l) throw new QuarryError('INDEX_CORRUPT', `${this.source.location}: IVF list ${l} is not in files.ivfLists. Rebuild the index.`);
      const bytes = await readVerified(this.source, shard.entry);
      return decodeList(bytes, this.where(shard.entry), { count: c.counts[l], codeBytes: c.dims / c.sub / 2, passages: this.manifest.counts.passages });
    });
  }

  private where(entry: FileEntry): string {
    return `${this.source.location.replace(/\/$/, '')}/${entry.path}`;
  }
}
