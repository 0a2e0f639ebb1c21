import { describe, expect, it } from 'vitest';
import { decodeRows, encodeRows, quantizeRow } from '../../../../src/core/static/rows-format.ts';
import { staticEncoder, staticVector } from '../../../../src/core/static/static-encoder.ts';
import { staticWords } from '../../../../src/core/static/words.ts';

const DIMS = 4;
const vec = (...xs: number[]) => Float32Array.from(xs);

describe('static words', () => {
  it('lower-cases, strips accents and splits identifiers and punctuation the same way for build and query', () => {
    expect(staticWords('Résumé of max_wal_size (WAL) — 2 GB!')).toEqual(['resume', 'of', 'max', 'wal', 'size', 'wal', '2', 'gb']);
  });
  it('drops runs too long to be words (hashes, base64)', () => {
    expect(staticWords(`key ${'a'.repeat(40)} end`)).toEqual(['key', 'end']);
  });
});

describe('static rows file', () => {
  it('round-trips words, weights and int8 rows within one quantisation step', () => {
    const rows = [
      { word: 'checkpoint', weight: 0.8, vector: vec(0.5, -0.25, 0.1, 0) },
      { word: 'naïve', weight: 0.01, vector: vec(-1, 1, 0.5, 0.25) },
    ];
    const back = decodeRows(encodeRows(rows, DIMS), DIMS, 'static/x.bin');
    expect([...back.keys()]).toEqual(['checkpoint', 'naïve']);
    const row = back.get('naïve')!;
    expect(row.weight).toBeCloseTo(0.01, 6);
    rows[1].vector.forEach((x, d) => expect(Math.abs(row.values[d] * row.scale - x)).toBeLessThanOrEqual(row.scale / 2 + 1e-7));
  });
  it('refuses a truncated shard and one with other dimensions, naming the file', () => {
    const bytes = encodeRows([{ word: 'wal', weight: 1, vector: vec(1, 0, 0, 0) }], DIMS);
    expect(() => decodeRows(bytes.subarray(0, bytes.length - 2), DIMS, 'static/abc.bin')).toThrow(/static\/abc\.bin: row 0 of 1 is cut off/);
    expect(() => decodeRows(bytes, 8, 'static/abc.bin')).toThrow(/4 dims, the index has 8/);
    expect(() => decodeRows(new Uint8Array(20), DIMS, 'static/abc.bin')).toThrow(/bad magic/);
  });
  it('quantises a zero row without dividing by zero', () => {
    expect(quantizeRow(vec(0, 0, 0, 0))).toEqual({ scale: 0, values: new Int8Array(4) });
  });
});

describe('static encoder', () => {
  const row = (weight: number, ...xs: number[]) => ({ weight, ...quantizeRow(vec(...xs)) });
  const rows = new Map([
    ['vacuum', row(1, 1, 0, 0, 0)],
    ['the', row(0.001, 0, 1, 0, 0)],
    ['space', row(0.5, 0, 0, 1, 0)],
  ]);

  it('is the weighted mean of the rows, normalised: stop words barely move it', () => {
    const v = staticVector(['the', 'vacuum', 'the'], rows, DIMS);
    expect(v[0]).toBeGreaterThan(0.99);
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    const w = staticVector(['vacuum', 'space'], rows, DIMS);
    expect(w[0] / w[2]).toBeCloseTo(2, 1);
  });

  it('ignores words without a row and gives all zeros when none has one', async () => {
    const asked: string[][] = [];
    const enc = staticEncoder(DIMS, async (words) => (asked.push([...words]), rows));
    const [known, unknown] = await enc.encode(['Vacuum zzz', 'qqq xyzzy'], 'query');
    expect(known[0]).toBeCloseTo(1, 2);
    expect([...unknown]).toEqual([0, 0, 0, 0]);
    // One lookup for the batch, each word once.
    expect(asked).toEqual([['vacuum', 'zzz', 'qqq', 'xyzzy']]);
  });
});
