import { describe, expect, it } from 'vitest';
import { contentDefinedCuts, type ShardSizes } from '../../../../build-index/write/shard-cuts.ts';

const SIZES: ShardSizes = { min: 400, span: 800, max: 2000 };
const items = (keys: string[], bytes = (k: string) => 50 + (k.length % 7) * 10) => keys.map((key) => ({ key, bytes: bytes(key), canCut: true }));
const words = Array.from({ length: 2000 }, (_, i) => `term${i.toString(36)}`);

/** Shard contents as key lists: what a reader fetches, and what its cache holds. */
function shards(list: ReturnType<typeof items>, cuts: number[]): string[] {
  return cuts.map((from, i) => list.slice(from, cuts[i + 1] ?? list.length).map((x) => x.key).join(' '));
}

describe('contentDefinedCuts', () => {
  it('keeps shards between the minimum and the maximum, averaging near min + span', () => {
    const list = items(words);
    const cuts = contentDefinedCuts(list, SIZES);
    expect(cuts[0]).toBe(0);
    const sizes = cuts.map((from, i) => list.slice(from, cuts[i + 1] ?? list.length).reduce((n, x) => n + x.bytes, 0));
    for (const s of sizes.slice(0, -1)) {
      expect(s).toBeGreaterThanOrEqual(SIZES.min);
      expect(s).toBeLessThanOrEqual(SIZES.max);
    }
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(SIZES.min);
    expect(mean).toBeLessThan(SIZES.min + SIZES.span * 1.6);
  });

  it('after an insertion, rewrites only the shards near it', () => {
    const before = items(words);
    const after = items([...words.slice(0, 1000), 'inserted', ...words.slice(1000)]);
    const a = new Set(shards(before, contentDefinedCuts(before, SIZES)));
    const b = shards(after, contentDefinedCuts(after, SIZES));
    const changed = b.filter((s) => !a.has(s));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThanOrEqual(3);
    expect(b.length).toBeGreaterThan(20);
  });

  it('cuts only where an item allows it, unless one place would outgrow the maximum', () => {
    // Pages of 10 passages: a shard starts at a page's first passage, or mid-page past the maximum.
    const list = Array.from({ length: 300 }, (_, i) => ({ key: `page${Math.floor(i / 10)}`, bytes: i >= 100 && i < 110 ? 900 : 60, canCut: i % 10 === 0 }));
    const cuts = contentDefinedCuts(list, SIZES);
    const midPage = cuts.filter((c) => c % 10 !== 0);
    expect(midPage.length).toBeGreaterThan(0);
    for (const c of midPage) expect(c >= 100 && c < 110).toBe(true);
  });

  it('gives no cut for nothing, one for a single item', () => {
    expect(contentDefinedCuts([], SIZES)).toEqual([]);
    expect(contentDefinedCuts(items(['a']), SIZES)).toEqual([0]);
  });
});
