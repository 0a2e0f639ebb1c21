import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullWindows } from '../../../../build-index/chunk/fit-tokens.ts';
import type { Unit } from '../../../../build-index/chunk/units.ts';

const units = (sizes: number[]): Unit[] => sizes.map((words, i) => ({ text: `u${i} `, words, block: i }));

describe('fullWindows', () => {
  it('a 300-token passage in a 250-token room becomes two full windows, not 250 + a 50-token tail', () => {
    const w = fullWindows(units(Array(30).fill(10)), 250);
    expect(w).toEqual([[0, 25], [5, 30]]);
  });

  it('property: windows cover every unit in order, none longer than the room, each as full as the room allows', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 120 }), fc.integer({ min: 80, max: 300 }), (sizes, room) => {
        const w = fullWindows(units(sizes), room);
        expect(w[0][0]).toBe(0);
        expect(w.at(-1)![1]).toBe(sizes.length);
        for (let i = 0; i < w.length; i++) {
          const [s, e] = w[i];
          const size = sizes.slice(s, e).reduce((a, b) => a + b, 0);
          expect(e).toBeGreaterThan(s);
          expect(size).toBeLessThanOrEqual(room);
          if (i > 0) expect(s).toBeLessThanOrEqual(w[i - 1][1]);
          // Full: the next unit (or the one before, for the last window) would not fit.
          if (e < sizes.length) expect(size + sizes[e]).toBeGreaterThan(room);
        }
      }),
    );
  });
});
