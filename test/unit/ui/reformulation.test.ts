import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReformulationTracker, type Reformulation } from '../../../src/ui/reformulation.ts';

describe('ReformulationTracker', () => {
  let reported: Reformulation[];
  let t: ReformulationTracker;
  beforeEach(() => {
    vi.useFakeTimers();
    reported = [];
    t = new ReformulationTracker((r) => reported.push(r), { now: () => Date.now() });
  });
  afterEach(() => vi.useRealTimers());

  it('reports a different query settling after a settled one, with the time between their results', () => {
    t.shown('install');
    vi.advanceTimersByTime(3000);
    t.typed();
    t.shown('setup');
    expect(reported).toEqual([]); // not settled yet
    vi.advanceTimersByTime(1000);
    expect(reported).toEqual([{ previous: 'install', query: 'setup', elapsedMs: 3000 }]);
  });

  it('chains: each settled query is the "previous" of the next', () => {
    for (const q of ['a', 'b', 'c']) {
      t.shown(q);
      vi.advanceTimersByTime(1500);
    }
    expect(reported.map((r) => [r.previous, r.query])).toEqual([
      ['a', 'b'],
      ['b', 'c'],
    ]);
  });

  it('results replaced within the settle time never settle', () => {
    t.shown('ins');
    vi.advanceTimersByTime(400);
    t.typed();
    t.shown('install');
    vi.advanceTimersByTime(1000);
    t.shown('config');
    vi.advanceTimersByTime(1000);
    expect(reported).toEqual([{ previous: 'install', query: 'config', elapsedMs: 1000 }]);
  });

  it('nothing past the window, nothing after a choice, nothing for the same query', () => {
    t.shown('install');
    vi.advanceTimersByTime(11_000);
    t.shown('setup'); // 11 s after: a new search, not a reformulation
    vi.advanceTimersByTime(1000);
    expect(reported).toEqual([]);
    t.reset(); // a result was chosen
    t.shown('config');
    vi.advanceTimersByTime(1000);
    expect(reported).toEqual([]);
    t.shown('Config  ');
    vi.advanceTimersByTime(1000);
    expect(reported).toEqual([]);
  });

  it('typed() cancels a pending settle', () => {
    t.shown('a');
    vi.advanceTimersByTime(1000);
    t.shown('b');
    t.typed();
    vi.advanceTimersByTime(5000);
    expect(reported).toEqual([]);
  });
});
