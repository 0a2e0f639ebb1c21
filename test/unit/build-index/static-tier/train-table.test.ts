import { describe, expect, it } from 'vitest';
import { accumulateGradient, countWords, sifWeight, trainTable, TABLE_SETTINGS, type Bag } from '../../../../build-index/static-tier/train-table.ts';
import { trainingTexts } from '../../../../build-index/static-tier/training-texts.ts';
import { seeded } from '../../../../build-index/random.ts';
import type { Passage } from '../../../../src/core/format/docs.ts';

describe('token weights', () => {
  it('counts the words the browser splits, keeps words seen twice on a large site, and weighs frequent words down (SIF)', () => {
    const corpus = Array.from({ length: 600 }, (_, i) => `the checkpoint ${i % 2 ? 'vacuum' : 'wal'} once${i}`);
    const { words, counts, total } = countWords(corpus, TABLE_SETTINGS);
    expect(words.slice(0, 2)).toEqual(['checkpoint', 'the']);
    expect(words).not.toContain('once7'); // seen once
    expect(total).toBe(2400);
    expect(sifWeight(counts.get('the')!, total, 1e-3)).toBeLessThan(0.01);
    expect(sifWeight(1, total, 1e-3)).toBeGreaterThan(0.7);
  });
});

describe('training texts', () => {
  it('takes headings, sentences and short spans of the site, each once', () => {
    const passage = (heading: string, text: string): Passage =>
      ({ url: 'a.html', title: 'A', breadcrumb: ['A', heading], anchor: '', subsections: [], text, lang: 'en', meta: {}, weight: 1 }) as unknown as Passage;
    const texts = trainingTexts(
      [passage('19.5. Write Ahead Log', 'The server writes every change to the log first. It then applies them to the data files later on.'), passage('Write Ahead Log', 'Short.')],
      { total: 20, seed: 1 },
    );
    expect(texts).toContain('Write Ahead Log');
    expect(texts.filter((t) => t === 'Write Ahead Log')).toHaveLength(1);
    expect(texts).toContain('The server writes every change to the log first.');
  });
});

describe('fine-tuning gradient', () => {
  it('matches finite differences of the cosine loss', () => {
    const dims = 3;
    const r = seeded(3);
    const table = Float32Array.from({ length: 4 * dims }, () => r() - 0.5);
    const unit = (v: Float32Array) => v.map((x) => x / Math.hypot(...v));
    const bags: Bag[] = [
      { rows: Int32Array.from([0, 2, 2]), weights: Float32Array.from([0.5, 1, 1]), target: unit(Float32Array.from([1, 2, 3])) },
      { rows: Int32Array.from([1, 3]), weights: Float32Array.from([0.2, 0.9]), target: unit(Float32Array.from([-1, 0.5, 0])) },
    ];
    const grad = new Float32Array(table.length);
    accumulateGradient(bags, table, dims, grad);
    const loss = (t: Float32Array) => accumulateGradient(bags, t, dims, new Float32Array(t.length));
    const h = 1e-3;
    for (let i = 0; i < table.length; i++) {
      const up = table.slice();
      const down = table.slice();
      up[i] += h;
      down[i] -= h;
      expect(grad[i]).toBeCloseTo((loss(up) - loss(down)) / (2 * h), 2);
    }
  });
});

describe('trainTable', () => {
  it('maps and tunes word rows toward the model: held-out cosine rises at each stage', async () => {
    // A toy "model": a text's vector is a fixed rotation of its words' one-hot codes, which the initial rows do not know.
    const vocab = ['wal', 'log', 'vacuum', 'space', 'index', 'btree', 'lock', 'wait'];
    const dims = 8;
    const r = seeded(5);
    const secret = vocab.map(() => Float32Array.from({ length: dims }, () => r() * 2 - 1));
    const model = (text: string) => {
      const v = new Float32Array(dims);
      for (const w of text.split(' ')) secret[vocab.indexOf(w)].forEach((x, d) => (v[d] += x));
      return v.map((x) => x / Math.hypot(...v));
    };
    const texts = Array.from({ length: 300 }, () => Array.from({ length: 2 + Math.floor(r() * 3) }, () => vocab[Math.floor(r() * vocab.length)]).join(' '));
    const { rows, report } = await trainTable(
      { corpus: texts, texts: texts.map((text) => ({ text, vector: model(text) })) },
      async (words) => words.map((w) => Float32Array.from({ length: dims }, (_, d) => (d === vocab.indexOf(w) ? 1 : 0.1))),
      { ...TABLE_SETTINGS, steps: 60, learningRate: 0.01 },
    );
    expect(rows.map((x) => x.word).sort()).toEqual([...vocab].sort());
    expect(report.heldOut.mapped).toBeGreaterThan(report.heldOut.initial);
    expect(report.heldOut.tuned).toBeGreaterThanOrEqual(report.heldOut.mapped);
    expect(report.heldOut.tuned).toBeGreaterThan(0.95);
  });
});
