/**
 * One shard set (postings or text) read through its two levels: which shard
 * holds a key, from the manifest's table list and the one table file that
 * lists the shard, loaded once and checked like every other file.
 */
import { QuarryError } from '../errors.ts';
import { shardCount, shardEntry, shardOf, tableEntry } from '../format/shard-tables.ts';
import type { FileEntry, ShardKey, ShardSet, ShardTable } from '../format/manifest.ts';
import { checkShardTable } from '../format/validate.ts';
import { loadOnce } from './source.ts';

/** A shard and the keys it holds: from `first` up to (not including) `next`, or to the end when `next` is null. */
export interface LocatedShard<K extends ShardKey> {
  entry: FileEntry;
  first: K;
  next: K | null;
}

export class ShardDirectory<K extends ShardKey> {
  private readonly tables = new Map<number, Promise<ShardTable<K>>>();

  /**
   * `read` fetches and verifies a file; `where` names it in messages; `end`
   * is the key past the last shard (the passage count for text), null when
   * keys have no end (terms).
   */
  constructor(
    private readonly set: ShardSet<K>,
    private readonly kind: 'string' | 'number',
    private readonly read: (entry: FileEntry) => Promise<Uint8Array>,
    private readonly where: (entry: FileEntry) => string,
    private readonly end: K | null,
  ) {}

  get tableCount(): number {
    return shardCount(this.set.tables);
  }

  /** The shard whose range holds `key`, or null before the first. */
  async locate(key: K): Promise<LocatedShard<K> | null> {
    const t = shardOf(this.set.tables.first, key);
    if (t < 0) return null;
    const table = await this.table(t);
    return this.located(t, table, Math.max(0, shardOf(table.first, key)));
  }

  /**
   * The shards from the one holding `from` through the one holding `to`, at
   * most `max`, within one table (a completion that runs past a table's last
   * shard is cut there: bounded work for a one-letter prefix).
   */
  async span(from: K, to: K, max: number): Promise<FileEntry[]> {
    const t = Math.max(0, shardOf(this.set.tables.first, from));
    if (this.tableCount === 0) return [];
    const table = await this.table(t);
    const j0 = Math.max(0, shardOf(table.first, from));
    const j1 = Math.min(Math.max(j0, shardOf(table.first, to)), j0 + max - 1);
    return Array.from({ length: j1 - j0 + 1 }, (_, k) => shardEntry(this.set, table, j0 + k));
  }

  /** Every shard (all tables are read): for Node, which loads whole indexes, and tools. */
  async all(): Promise<Array<LocatedShard<K>>> {
    const tables = await Promise.all(Array.from({ length: this.tableCount }, (_, t) => this.table(t)));
    return tables.flatMap((table, t) => table.first.map((_, j) => this.located(t, table, j)));
  }

  private located(t: number, table: ShardTable<K>, j: number): LocatedShard<K> {
    return { entry: shardEntry(this.set, table, j), first: table.first[j], next: table.first[j + 1] ?? this.set.tables.first[t + 1] ?? this.end };
  }

  /** Table `t`, loaded once; a network failure is retried by the next call, a corrupt table stays failed. */
  private table(t: number): Promise<ShardTable<K>> {
    return loadOnce(this.tables, t, () => {
      const entry = tableEntry(this.set, t);
      return this.read(entry).then((bytes) => this.parse(bytes, t, this.where(entry)));
    });
  }

  private parse(bytes: Uint8Array, t: number, file: string): ShardTable<K> {
    const fail = (what: string): never => {
      throw new QuarryError('INDEX_CORRUPT', `${file}: ${what}. Rebuild the index.`);
    };
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      fail('not valid JSON');
    }
    const table = checkShardTable(value, 'shard table', this.kind, fail) as ShardTable<K>;
    // The manifest keys table t by its first shard, and the next table's shards come after its last.
    const next = this.set.tables.first[t + 1] ?? this.end;
    if (table.first.length === 0 || table.first[0] !== this.set.tables.first[t] || (next !== null && table.first[table.first.length - 1] >= next)) {
      fail('its keys do not match the range manifest.json gives it (files of two builds are mixed; redeploy the whole index folder)');
    }
    return table;
  }
}
