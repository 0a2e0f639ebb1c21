/**
 * Distils the full model into a table of word vectors for one site (issue
 * 15, part 1), with no labelled queries:
 * 1. vocabulary: the site's words, by count (`staticWords`, the split the
 *    browser uses);
 * 2. initial rows: the full model's query vector of each word alone;
 * 3. weights: SIF, a / (a + p(word)), so stop words count for nearly nothing;
 * 4. a ridge-regression map W from the weighted-mean vectors of training
 *    texts to the full model's vectors of the same texts, folded into the rows;
 * 5. fine-tuning of the folded rows on cosine loss against those vectors,
 *    pulled toward their start (L2), with a held-out share deciding when to stop.
 * Training texts are the site's headings, sentences and short spans
 * (training-texts.ts), encoded as queries, plus a sample of passages with
 * the vectors the build already has.
 */
import { staticWords } from '../../src/core/static/words.ts';
import type { FloatRow } from '../../src/core/static/rows-format.ts';
import { normalize, solveRidge } from './linear-algebra.ts';
import { seeded } from '../random.ts';

export interface TableSettings {
  /** Words seen fewer times are left out (a query rarely needs them; lexical search has them). */
  minCount: number;
  /** The most frequent words kept. */
  maxWords: number;
  /** SIF's a. */
  sifA: number;
  /** Ridge λ (the training rows are unit vectors). */
  ridge: number;
  /** Fine-tuning: full-batch Adam steps, step size, pull toward the folded rows. */
  steps: number;
  learningRate: number;
  l2: number;
  /** Share of training texts held out to decide when fine-tuning stops. */
  holdout: number;
  seed: number;
}

export const TABLE_SETTINGS: TableSettings = { minCount: 2, maxWords: 60_000, sifA: 1e-3, ridge: 1, steps: 120, learningRate: 2e-3, l2: 1e-3, holdout: 0.1, seed: 15 };

export interface TrainingSet {
  /** Encoder inputs of the passages (what word counts are taken over). */
  corpus: readonly string[];
  /** Texts with their full-model vectors (unit length). */
  texts: ReadonlyArray<{ text: string; vector: Float32Array }>;
}

export interface TableReport {
  words: number;
  trainTexts: number;
  /** Mean cosine between static and full-model vectors of held-out texts, after each stage. */
  heldOut: { initial: number; mapped: number; tuned: number };
  steps: number;
}

/** Vocabulary by count, most frequent first, with every word's count for the weights. */
export function countWords(corpus: readonly string[], settings: Pick<TableSettings, 'minCount' | 'maxWords'>): { words: string[]; counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const text of corpus) {
    for (const w of staticWords(text)) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      total++;
    }
  }
  // Rare words are kept on a small site: they are most of its vocabulary.
  const min = corpus.length < 500 ? 1 : settings.minCount;
  const words = [...counts].filter(([, c]) => c >= min).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, settings.maxWords).map(([w]) => w);
  return { words, counts, total };
}

/** SIF weight of a word from its corpus count. */
export function sifWeight(count: number, total: number, a: number): number {
  return a / (a + count / Math.max(1, total));
}

/** A training text as row indices with weights (occurrences repeat). */
interface Bag {
  rows: Int32Array;
  weights: Float32Array;
  target: Float32Array;
}

export async function trainTable(
  set: TrainingSet,
  initial: (words: string[]) => Promise<Float32Array[]>,
  settings: TableSettings = TABLE_SETTINGS,
  onStep?: (step: number, total: number) => void,
): Promise<{ rows: FloatRow[]; report: TableReport }> {
  const { words, counts, total } = countWords(set.corpus, settings);
  if (words.length === 0) return { rows: [], report: { words: 0, trainTexts: 0, heldOut: { initial: 0, mapped: 0, tuned: 0 }, steps: 0 } };
  const weights = words.map((w) => sifWeight(counts.get(w)!, total, settings.sifA));
  const rowOf = new Map(words.map((w, i) => [w, i]));
  const start = await initial(words);
  const dims = start[0].length;
  let table: Float32Array = new Float32Array(words.length * dims);
  start.forEach((v, i) => table.set(v, i * dims));

  const bags: Bag[] = [];
  for (const t of set.texts) {
    const ids = staticWords(t.text).map((w) => rowOf.get(w)).filter((i): i is number => i !== undefined);
    if (ids.length) bags.push({ rows: Int32Array.from(ids), weights: Float32Array.from(ids, (i) => weights[i]), target: t.vector });
  }
  const random = seeded(settings.seed);
  const heldOut: Bag[] = [];
  const train: Bag[] = [];
  for (const b of bags) (random() < settings.holdout ? heldOut : train).push(b);
  const score = (bs: Bag[]) => meanCosine(bs, table, dims);
  const initialCos = score(heldOut);

  // 4. Ridge map from static to full-model vectors, folded into the rows.
  table = foldRidge(table, dims, train, settings.ridge);
  const mappedCos = score(heldOut);

  // 5. Fine-tune: full-batch Adam, kept at the held-out best.
  const anchor = table.slice();
  const m = new Float32Array(table.length);
  const v = new Float32Array(table.length);
  const grad = new Float32Array(table.length);
  let best = { cos: mappedCos, table: table.slice(), step: 0 };
  const b1 = 0.9;
  const b2 = 0.999;
  for (let step = 1; step <= settings.steps; step++) {
    grad.fill(0);
    accumulateGradient(train, table, dims, grad);
    const n = train.length;
    const c1 = 1 - b1 ** step;
    const c2 = 1 - b2 ** step;
    for (let i = 0; i < table.length; i++) {
      const g = grad[i] / n + settings.l2 * (table[i] - anchor[i]);
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      table[i] -= (settings.learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + 1e-8);
    }
    if (step % 10 === 0 || step === settings.steps) {
      const cos = score(heldOut);
      if (cos > best.cos) best = { cos, table: table.slice(), step };
      else if (step - best.step >= 30) break; // held-out fit stopped improving
    }
    onStep?.(step, settings.steps);
    // Lets the reporter draw between steps.
    if (step % 5 === 0) await new Promise((r) => setImmediate(r));
  }
  table = best.table;
  const rows = words.map((word, i) => ({ word, weight: weights[i], vector: table.slice(i * dims, (i + 1) * dims) }));
  return { rows, report: { words: words.length, trainTexts: train.length, heldOut: { initial: round(initialCos), mapped: round(mappedCos), tuned: round(best.cos) }, steps: best.step } };
}

/** Weighted sum of a bag's rows (unnormalised: the cosine ignores scale). */
function bagVector(b: Bag, table: Float32Array, dims: number, out: Float32Array): Float32Array {
  out.fill(0);
  for (let k = 0; k < b.rows.length; k++) {
    const base = b.rows[k] * dims;
    const w = b.weights[k];
    for (let d = 0; d < dims; d++) out[d] += w * table[base + d];
  }
  return out;
}

function meanCosine(bags: readonly Bag[], table: Float32Array, dims: number): number {
  if (!bags.length) return 0;
  const q = new Float32Array(dims);
  let sum = 0;
  for (const b of bags) {
    bagVector(b, table, dims, q);
    let n = 0;
    let c = 0;
    for (let d = 0; d < dims; d++) {
      n += q[d] * q[d];
      c += q[d] * b.target[d];
    }
    sum += n > 0 ? c / Math.sqrt(n) : 0;
  }
  return sum / bags.length;
}

/**
 * ∂/∂table of Σ (1 − cos(q, y)), q = Σ w·row: for each bag,
 * ∂L/∂q = −(y − cos·q̂) / ‖q‖, spread to its rows by their weights.
 */
export function accumulateGradient(bags: readonly Bag[], table: Float32Array, dims: number, grad: Float32Array): number {
  const q = new Float32Array(dims);
  const g = new Float32Array(dims);
  let loss = 0;
  for (const b of bags) {
    bagVector(b, table, dims, q);
    let n2 = 0;
    for (let d = 0; d < dims; d++) n2 += q[d] * q[d];
    if (n2 === 0) continue;
    const n = Math.sqrt(n2);
    let cos = 0;
    for (let d = 0; d < dims; d++) cos += (q[d] / n) * b.target[d];
    loss += 1 - cos;
    for (let d = 0; d < dims; d++) g[d] = -(b.target[d] - (cos * q[d]) / n) / n;
    for (let k = 0; k < b.rows.length; k++) {
      const base = b.rows[k] * dims;
      const w = b.weights[k];
      for (let d = 0; d < dims; d++) grad[base + d] += w * g[d];
    }
  }
  return loss;
}

/** W = argmin Σ‖x̂·W − y‖² + λ‖W‖², x̂ the normalised bag vectors; returns table·W. */
function foldRidge(table: Float32Array, dims: number, bags: readonly Bag[], lambda: number): Float32Array {
  const xtx = new Float64Array(dims * dims);
  const xty = new Float64Array(dims * dims);
  const q = new Float32Array(dims);
  for (const b of bags) {
    normalize(bagVector(b, table, dims, q));
    for (let i = 0; i < dims; i++) {
      const qi = q[i];
      if (qi === 0) continue;
      const row = i * dims;
      for (let j = 0; j < dims; j++) {
        xtx[row + j] += qi * q[j];
        xty[row + j] += qi * b.target[j];
      }
    }
  }
  const w = solveRidge(xtx, xty, dims, dims, lambda);
  const out = new Float32Array(table.length);
  const rows = table.length / dims;
  for (let r = 0; r < rows; r++) {
    const base = r * dims;
    for (let i = 0; i < dims; i++) {
      const t = table[base + i];
      if (t === 0) continue;
      const wr = i * dims;
      for (let j = 0; j < dims; j++) out[base + j] += t * w[wr + j];
    }
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

export type { Bag };
