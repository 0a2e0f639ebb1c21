import { QuarryError } from '../errors.ts';
import { tokenize } from '../text/tokenize.ts';
import type { Hit } from '../rank/hit.ts';
import { TopKHeap } from '../rank/top-k-heap.ts';
import { decodeBm25, encodeBm25, LENGTHS, type Bm25Data, type Bm25Input, type Bm25Postings } from './bm25-format.ts';
import { completions } from './sorted-prefix.ts';
import { DEFAULT_BM25, TF_SCALE, type Bm25Params } from './bm25-params.ts';

export interface Bm25Field {
  text: string;
  /** Multiplies this field's term frequencies (BM25F-lite): title 3, breadcrumb 2, text 1. */
  boost: number;
}

export interface Bm25Doc {
  fields: Bm25Field[];
}

/**
 * Builds the lexical index over passages (doc id = position in `docs`).
 * Boosted fields count their terms `boost` times, and count toward the
 * document length the same way, so a title hit outweighs a body hit without
 * a separate per-field score.
 */
export function buildBm25(docs: Bm25Doc[]): Uint8Array {
  return encodeBm25(collectBm25(docs));
}

/** The postings of every term, before they are written as one file or as a core and shards. */
export function collectBm25(docs: Bm25Doc[]): Bm25Input {
  const postings = new Map<string, Bm25Postings>();
  const lengths = new Uint32Array(docs.length);
  const local = new Map<string, number>();
  docs.forEach((doc, id) => {
    local.clear();
    let length = 0;
    for (const field of doc.fields) {
      if (!(field.boost >= 0) || !Number.isFinite(field.boost)) {
        throw new QuarryError('BAD_OPTION', `field boost must be a finite number ≥ 0, got ${field.boost}`);
      }
      const weight = Math.round(field.boost * TF_SCALE);
      if (weight === 0) continue;
      for (const term of tokenize(field.text)) {
        local.set(term, (local.get(term) ?? 0) + weight);
        length += weight;
      }
    }
    lengths[id] = length;
    for (const [term, tf] of local) {
      let p = postings.get(term);
      if (p === undefined) postings.set(term, (p = { ids: [], tfs: [] }));
      p.ids.push(id);
      p.tfs.push(tf);
    }
  });
  const terms = [...postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { tfScale: TF_SCALE, docCount: docs.length, lengths, terms, postings: terms.map((t) => postings.get(t)!) };
}

/**
 * The index as a core (passage count and average length) and postings
 * shards, one per term range `cuts` gives (ascending term positions where a
 * shard starts; the first is 0).
 */
export function splitBm25(input: Bm25Input, cuts: readonly number[]): { core: Uint8Array; shards: Array<{ first: string; bytes: Uint8Array }> } {
  const core = encodeBm25({ ...input, terms: [], postings: [] });
  const shards = cuts.map((from, i) => {
    const to = cuts[i + 1] ?? input.terms.length;
    const bytes = encodeBm25({ ...input, terms: input.terms.slice(from, to), postings: input.postings.slice(from, to) }, { stats: false });
    return { first: input.terms[from], bytes };
  });
  return { core, shards };
}

/** Lucene's non-negative BM25 idf of a term found in `df` of `n` passages (0 when absent). */
function idf(df: number, n: number): number {
  return df === 0 ? 0 : Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Where a term's postings are: which loaded block, and its position there. */
interface TermSlot {
  block: Bm25Data;
  t: number;
}

/**
 * The loaded lexical index: passage count and average length, and the
 * postings (with each passage's length) of the terms whose shards are loaded (all of them for a whole index). Decoding
 * validates everything; search cannot meet corrupt data. A term whose shard
 * is not loaded reads as absent, so a caller loads the shards a query needs
 * first (`LoadedIndex.ensureTerms`).
 */
export class Bm25Index {
  private readonly termIds = new Map<string, TermSlot>();
  private readonly blocks: Bm25Data[] = [];
  /** Loaded terms, sorted, for completion; rebuilt when a shard arrives. */
  private sorted: string[] | null = [];
  private readonly avgLength: number;
  private readonly scores: Float64Array;
  private readonly touched: Int32Array;
  private readonly seen: Uint8Array;
  /** Query weight each touched passage matched (valid for the last search's hits). */
  private readonly cover: Float64Array;
  private readonly params: Bm25Params;

  private constructor(
    private readonly core: Bm25Data,
    params: Partial<Bm25Params>,
  ) {
    if (core.avgLength === null) throw new QuarryError('INDEX_CORRUPT', 'lexical index: the core file holds no passage statistics (is it a postings shard?); rebuild the index');
    this.params = { ...DEFAULT_BM25, ...params };
    this.avgLength = core.avgLength || 1;
    // Reused across searches: allocating N floats per keystroke is the slow part.
    this.scores = new Float64Array(core.docCount);
    this.touched = new Int32Array(core.docCount);
    this.seen = new Uint8Array(core.docCount);
    this.cover = new Float64Array(core.docCount);
    if (core.terms.length) this.addBlock(core);
  }

  /** A whole index, or a core whose shards `addShard` brings. */
  static decode(bytes: Uint8Array, params: Partial<Bm25Params> = {}): Bm25Index {
    return new Bm25Index(decodeBm25(bytes), params);
  }

  /** An index that matches nothing (stands in for a lexical file that could not be loaded). */
  static empty(): Bm25Index {
    return new Bm25Index({ tfScale: TF_SCALE, docCount: 0, avgLength: 0, terms: [], df: new Uint32Array(0), offsets: Uint32Array.of(0), postings: new Uint8Array(0) }, {});
  }

  /** Adds a postings shard's terms (validated against this core: same passages, same scale). */
  addShard(bytes: Uint8Array): void {
    const block = decodeBm25(bytes);
    if (block.avgLength !== null) throw new QuarryError('INDEX_CORRUPT', 'lexical index: a postings shard holds passage statistics (is it the core file?); rebuild the index');
    if (block.docCount !== this.core.docCount || block.tfScale !== this.core.tfScale) {
      throw new QuarryError('INDEX_CORRUPT', `lexical index: a postings shard is for ${block.docCount} passages, the core for ${this.core.docCount}: files of two builds are mixed; redeploy the whole index folder`);
    }
    this.addBlock(block);
  }

  private addBlock(block: Bm25Data): void {
    this.blocks.push(block);
    for (let t = 0; t < block.terms.length; t++) this.termIds.set(block.terms[t], { block, t });
    this.sorted = null;
  }

  get docCount(): number {
    return this.core.docCount;
  }

  hasTerm(term: string): boolean {
    return this.termIds.has(term);
  }

  /** Number of passages containing `term` (0 when absent). */
  df(term: string): number {
    const slot = this.termIds.get(term);
    return slot === undefined ? 0 : slot.block.df[slot.t];
  }

  /** Lucene's non-negative idf. */
  idf(term: string): number {
    return idf(this.df(term), this.core.docCount);
  }

  /** Sorted vocabulary of the loaded shards (JS string order). */
  vocabulary(): readonly string[] {
    this.sorted ??= [...this.termIds.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.sorted;
  }

  /** Loaded terms starting with `prefix` (longer than it), shortest first. */
  complete(prefix: string, limit: number): string[] {
    return completions(this.vocabulary(), prefix, limit);
  }

  /**
   * Top-k passages for the terms (repeated terms weigh more). `weights`,
   * parallel to `terms`, scales each term's contribution (default 1): the
   * query side uses it to count a word's variants (exact form and stem, an
   * identifier's pieces) as one concept instead of several. `filter`
   * excludes passages (e.g. by page meta) before ranking, so k are still found.
   * `evidence` (default: the weights) is what a matched term adds to a hit's
   * `coverage`.
   */
  search(q: { terms: string[]; weights?: readonly number[]; evidence?: readonly number[] }, k: number, filter?: (id: number) => boolean): LexicalHit[] {
    const { k1, b } = this.params;
    const { docCount, tfScale } = this.core;
    if (k <= 0 || docCount === 0) return [];
    const weights = new Map<TermSlot, number>();
    const evidence = new Map<TermSlot, number>();
    let totalWeight = 0;
    q.terms.forEach((term, i) => {
      const slot = this.termIds.get(term);
      const w = q.weights?.[i] ?? 1;
      if (!(w > 0 && Number.isFinite(w))) return;
      totalWeight += w;
      if (slot === undefined) return;
      weights.set(slot, (weights.get(slot) ?? 0) + w);
      evidence.set(slot, (evidence.get(slot) ?? 0) + (q.evidence?.[i] ?? w));
    });
    if (weights.size === 0) return [];

    const scores = this.scores;
    const cover = this.cover;
    const touched = this.touched;
    const seen = this.seen;
    let nTouched = 0;
    const norm0 = k1 * (1 - b);
    // Lengths and their average are both in 1/tfScale units: their ratio is the true one.
    const norm1 = (k1 * b) / this.avgLength;
    for (const [slot, qtf] of weights) {
      const { block, t } = slot;
      const postings = block.postings;
      const termEvidence = evidence.get(slot) ?? qtf;
      const termWeight = qtf * idf(block.df[t], docCount);
      let p = block.offsets[t];
      const end = block.offsets[t + 1];
      let id = -1;
      while (p < end) {
        // Inline varint decoding: this loop is the whole cost of a search.
        let c = postings[p++];
        let delta = c & 0x7f;
        for (let shift = 7; c >= 0x80; shift += 7) {
          c = postings[p++];
          delta += (c & 0x7f) * 2 ** shift;
        }
        id += delta + 1;
        c = postings[p++];
        let tfScaled = c & 0x7f;
        for (let shift = 7; c >= 0x80; shift += 7) {
          c = postings[p++];
          tfScaled += (c & 0x7f) * 2 ** shift;
        }
        const tf = tfScaled / tfScale;
        const s = (termWeight * tf * (k1 + 1)) / (tf + norm0 + norm1 * LENGTHS[postings[p++]]);
        if (seen[id] === 0) {
          seen[id] = 1;
          touched[nTouched++] = id;
          scores[id] = s;
          cover[id] = termEvidence;
        } else {
          scores[id] += s;
          cover[id] += termEvidence;
        }
      }
    }

    const heap = new TopKHeap(k);
    for (let i = 0; i < nTouched; i++) {
      const id = touched[i];
      seen[id] = 0;
      if (filter === undefined || filter(id)) heap.push(id, scores[id]);
    }
    return heap.result().map((h) => ({ ...h, coverage: Math.min(1, cover[h.id] / totalWeight) }));
  }
}

/**
 * A BM25 hit with the share of the query's weight (unknown terms included)
 * that the passage matched: 1 when it holds every query word. "No good
 * match" and the keyword stage's hold-back read it.
 */
export interface LexicalHit extends Hit {
  coverage: number;
}
