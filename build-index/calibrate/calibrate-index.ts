/**
 * Build-time calibration of "no good match" (format/manifest.ts
 * `Calibration`, read by src/core/search/confidence.ts). It asks the index
 * two kinds of queries and records how close the nearest passage comes:
 * generated noise (what nothing looks like here) and the site's own
 * headings (what a real question looks like here). The floor sits just
 * above the noise, and never above what the site's own headings reach.
 */
import { createHash } from 'node:crypto';
import type { Encoder } from '../../src/core/encoder.ts';
import type { Calibration, ScoreSpread } from '../../src/core/format/manifest.ts';
import type { Passage } from '../../src/core/format/docs.ts';
import { encoderText } from '../../src/core/search/prepare-query.ts';
import { decodeVectors, quantizeVectors } from '../../src/core/vector/vectors-format.ts';
import { topK } from '../../src/core/vector/topk.ts';
import { noiseQueries } from './noise-queries.ts';

/** Bumped when the procedure changes, so a rebuild recalibrates instead of reusing the old figures. */
const PROCEDURE = 3;
/** Headings asked as in-domain queries (spread evenly over the site). */
const MAX_HEADINGS = 150;
/**
 * Each floor is this far above the noise it is calibrated on, so that the
 * browser's model (fp16 or q8, ≈0.01 from the build's fp32) and noise a
 * little past the sample stay below it.
 */
const NOISE_MARGIN = 0.03;
/**
 * Never above this low percentile of the site's headings: a real section
 * title must clear the floor.
 */
const IN_DOMAIN_QUANTILE = 0.05;

export interface CalibrationInput {
  passages: readonly Passage[];
  vectors: readonly Float32Array[];
  /** The calibration of the previous build, reused when its key matches. */
  previous?: Calibration;
  /** Model identity (hash, pooling, prefixes): part of the key. */
  modelKey: string;
  /** Passage cache keys (what was encoded): part of the key. */
  passageKeys: readonly string[];
  /**
   * The share of the site's headings allowed below the floor (default
   * IN_DOMAIN_QUANTILE). An encoder whose noise and in-domain scores
   * overlap (the static tier's) needs a lower one: real queries read less
   * like the site than its own headings do.
   */
  inDomainQuantile?: number;
}

export function calibrationKey(input: Pick<CalibrationInput, 'modelKey' | 'passageKeys' | 'inDomainQuantile'>): string {
  const h = createHash('sha256').update(`quarry-calibration:${PROCEDURE}\n${input.modelKey}\n${input.inDomainQuantile ?? IN_DOMAIN_QUANTILE}\n`);
  for (const k of input.passageKeys) h.update(k).update('\n');
  return h.digest('hex').slice(0, 16);
}

/**
 * Up to MAX_HEADINGS distinct section headings of two words or more,
 * evenly spread over the site, section numbers removed ("4.1.5. Comments").
 * One-word headings ("Caution", "Author") are labels, not questions anyone asks.
 */
export function headingQueries(passages: readonly Passage[]): string[] {
  const seen = new Set<string>();
  const all: string[] = [];
  for (const p of passages) {
    const heading = (p.breadcrumb[p.breadcrumb.length - 1] ?? p.title).replace(/^[\dA-Z]{0,2}(?:\.\d+)*\.?\s+/u, '').trim();
    const key = heading.toLowerCase();
    if ((key.match(/\p{L}{2,}/gu) ?? []).length < 2 || seen.has(key)) continue;
    seen.add(key);
    all.push(heading);
  }
  if (all.length <= MAX_HEADINGS) return all;
  return Array.from({ length: MAX_HEADINGS }, (_, i) => all[Math.floor((i * all.length) / MAX_HEADINGS)]);
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

function spread(scores: number[]): ScoreSpread {
  const s = [...scores].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1e4) / 1e4;
  return { count: s.length, p05: r(quantile(s, 0.05)), p50: r(quantile(s, 0.5)), p95: r(quantile(s, 0.95)), max: r(s[s.length - 1] ?? 0) };
}

/**
 * A floor just above `noise` (its quantile `q` plus the margin), capped by
 * the site's headings. Exported for tests.
 */
export function floorAbove(noise: readonly number[], q: number, inDomain: readonly number[], inDomainQuantile = IN_DOMAIN_QUANTILE): number {
  const n = [...noise].sort((a, b) => a - b);
  const d = [...inDomain].sort((a, b) => a - b);
  const aboveNoise = quantile(n, q) + NOISE_MARGIN;
  const floor = d.length ? Math.min(aboveNoise, quantile(d, inDomainQuantile)) : aboveNoise;
  return Math.round(floor * 1e4) / 1e4;
}

/** Nearest-passage cosine of each query, against the vectors as the browser holds them (int8). */
async function nearest(encoder: Encoder, queries: string[], store: ReturnType<typeof decodeVectors>): Promise<number[]> {
  const out: number[] = [];
  const BATCH = 32;
  for (let i = 0; i < queries.length; i += BATCH) {
    const vectors = await encoder.encode(queries.slice(i, i + BATCH).map(encoderText), 'query');
    for (const v of vectors) out.push(topK(v, store, 1)[0]?.score ?? 0);
  }
  return out;
}

/**
 * The index's calibration: the previous build's when nothing it depends on
 * changed, else measured (about 270 short queries: a few seconds).
 * `encoder` is only asked for when there is something to measure.
 */
export async function calibrateIndex(input: CalibrationInput, encoder: () => Promise<Encoder>): Promise<Calibration | undefined> {
  if (input.vectors.length === 0) return undefined;
  const key = calibrationKey(input);
  if (input.previous?.key === key && input.previous.version === 1) return input.previous;
  const store = decodeVectors(quantizeVectors(input.vectors));
  const enc = await encoder();
  const { madeUp, offTopic } = noiseQueries();
  const [madeUpScores, offTopicScores, inDomain] = [await nearest(enc, madeUp, store), await nearest(enc, offTopic, store), await nearest(enc, headingQueries(input.passages), store)];
  // Sentences: p95 (a rare off-topic sentence may come close). Made-up words: all of them, since a query
  // with no known word has no keyword evidence to fall back on.
  const denseFloor = floorAbove(offTopicScores, 0.95, inDomain, input.inDomainQuantile);
  const unknownWordsFloor = Math.max(denseFloor, floorAbove(madeUpScores, 1, inDomain, input.inDomainQuantile));
  return { version: 1, denseFloor, unknownWordsFloor, noise: { offTopic: spread(offTopicScores), madeUp: spread(madeUpScores) }, inDomain: spread(inDomain), key };
}
