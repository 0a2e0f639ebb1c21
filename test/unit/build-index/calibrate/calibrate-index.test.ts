import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrateIndex, floorAbove, headingQueries } from '../../../../build-index/calibrate/calibrate-index.ts';
import { noiseQueries } from '../../../../build-index/calibrate/noise-queries.ts';
import type { Encoder } from '../../../../src/core/encoder.ts';
import type { Passage } from '../../../../src/core/format/docs.ts';

const passage = (breadcrumb: string[], title = 'Page'): Passage => ({ url: 'p.html', anchor: '', title, breadcrumb, subsections: [], text: 'x', words: 1, weight: 1, lang: 'en', meta: {} });

describe('noise queries', () => {
  it('are the same on every build (a fixed seed)', () => {
    expect(noiseQueries()).toEqual(noiseQueries());
    expect(noiseQueries().madeUp.length).toBeGreaterThanOrEqual(60);
  });

  it('never include a query of the hand-written test lists in bench/abstain/ (calibrating on them would grade the test)', async () => {
    const lists = await Promise.all(['nonsense.txt', 'out-of-domain.txt'].map((f) => readFile(resolve(import.meta.dirname, '../../../../bench/abstain', f), 'utf8')));
    const tested = new Set(lists.flatMap((t) => t.split('\n').map((l) => l.trim().toLowerCase())).filter(Boolean));
    const { madeUp, offTopic } = noiseQueries();
    expect([...madeUp, ...offTopic].filter((q) => tested.has(q.toLowerCase()))).toEqual([]);
  });
});

describe('headingQueries', () => {
  it('asks headings of two words or more, without section numbers, each once', () => {
    const qs = headingQueries([passage(['8.9.1. Network Address Types']), passage(['Caution']), passage(['4.1.5. Comments']), passage(['Network address types']), passage(['A. Release Notes'])]);
    expect(qs).toEqual(['Network Address Types', 'Release Notes']);
  });

  it('spreads at most 150 over a large site', () => {
    const qs = headingQueries(Array.from({ length: 1000 }, (_, i) => passage([`Heading number ${i}`])));
    expect(qs).toHaveLength(150);
    expect(qs[0]).toBe('Heading number 0');
    expect(qs[149]).not.toBe('Heading number 149');
  });
});

describe('floorAbove', () => {
  it('sits just above the noise, but never above what the site’s own headings reach', () => {
    const noise = Array.from({ length: 100 }, (_, i) => i / 400); // 0 … 0.2475
    expect(floorAbove(noise, 0.95, [0.6, 0.7, 0.8])).toBeCloseTo(0.235 + 0.03, 3);
    expect(floorAbove(noise, 0.95, [0.2, 0.7, 0.8])).toBe(0.2);
  });
});

describe('calibrateIndex', () => {
  const passages = [passage(['Configuring the server']), passage(['Backing up data'])];
  const vectors = [new Float32Array([1, 0]), new Float32Array([0, 1])];
  /** A stand-in encoder for the caching rule only; the real model's figures are tested in test/integration. */
  const encoder = (): Encoder & { calls: number } => {
    const e = {
      dims: 2,
      calls: 0,
      async encode(texts: string[]) {
        e.calls += texts.length;
        return texts.map((_, i) => new Float32Array(i % 2 ? [0.6, 0.8] : [0.8, 0.6]));
      },
    };
    return e;
  };

  it('reuses the previous calibration when model and passages are unchanged, without loading the model', async () => {
    const input = { passages, vectors, modelKey: 'm', passageKeys: ['a', 'b'] };
    const first = await calibrateIndex(input, async () => encoder());
    expect(first?.denseFloor).toBeGreaterThan(0);
    let asked = false;
    const again = await calibrateIndex({ ...input, previous: first }, async () => ((asked = true), encoder()));
    expect(again).toBe(first);
    expect(asked).toBe(false);
    const changed = await calibrateIndex({ ...input, passageKeys: ['a', 'c'], previous: first }, async () => ((asked = true), encoder()));
    expect(asked).toBe(true);
    expect(changed?.key).not.toBe(first?.key);
  });

  it('writes none for an empty index', async () => {
    expect(await calibrateIndex({ passages: [], vectors: [], modelKey: 'm', passageKeys: [] }, async () => encoder())).toBeUndefined();
  });
});
