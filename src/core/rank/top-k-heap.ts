import { byScoreThenId, type Hit } from './hit.ts';

/**
 * Bounded selection of the k best (id, score) pairs: a min-heap whose root is
 * the worst kept hit, so each candidate costs O(1) when it cannot get in.
 * Ties break by smaller id, so results never depend on scan order.
 */
export class TopKHeap {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(readonly k: number) {
    this.ids = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  /** a is worse than b: lower score, or equal score and larger id. */
  private worse(i: number, j: number): boolean {
    const a = this.scores[i];
    const b = this.scores[j];
    return a < b || (a === b && this.ids[i] > this.ids[j]);
  }

  private swap(i: number, j: number): void {
    const id = this.ids[i];
    this.ids[i] = this.ids[j];
    this.ids[j] = id;
    const s = this.scores[i];
    this.scores[i] = this.scores[j];
    this.scores[j] = s;
  }

  /** The score a candidate must beat once the heap is full (-Infinity before). */
  get threshold(): number {
    return this.size < this.k ? -Infinity : this.scores[0];
  }

  push(id: number, score: number): void {
    if (this.k <= 0 || Number.isNaN(score)) return;
    if (this.size < this.k) {
      let i = this.size++;
      this.ids[i] = id;
      this.scores[i] = score;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const root = this.scores[0];
    if (score < root || (score === root && id > this.ids[0])) return;
    this.ids[0] = id;
    this.scores[0] = score;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.worse(l, m)) m = l;
      if (r < this.size && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  /** Best first. */
  result(): Hit[] {
    const out: Hit[] = [];
    for (let i = 0; i < this.size; i++) out.push({ id: this.ids[i], score: this.scores[i] });
    return out.sort(byScoreThenId);
  }
}
