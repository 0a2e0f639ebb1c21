import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addEntry, MAX_RECENT, parseEntries, RecentSearches, recentKey, type RecentEntry, type RecentStorage } from '../../../src/ui/recent-store.ts';

const entry = (n: number, query = `q${n}`): RecentEntry => ({ query, title: `T${n}`, href: `https://x.test/p${n}.html` });

function memory(): RecentStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

describe('addEntry', () => {
  it('puts the entry first and drops the same href further down', () => {
    expect(addEntry([entry(1), entry(2), entry(3)], entry(2, 'again')).map((e) => e.query)).toEqual(['again', 'q1', 'q3']);
  });

  it('property: newest first, hrefs unique, never more than the maximum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 40 }), (picks) => {
        let list: RecentEntry[] = [];
        for (const p of picks) list = addEntry(list, entry(p));
        expect(list.length).toBeLessThanOrEqual(MAX_RECENT);
        expect(new Set(list.map((e) => e.href)).size).toBe(list.length);
        if (picks.length) expect(list[0]).toEqual(entry(picks[picks.length - 1]));
      }),
    );
  });
});

describe('parseEntries', () => {
  it('drops malformed data instead of throwing', () => {
    expect(parseEntries(null)).toEqual([]);
    expect(parseEntries('{not json')).toEqual([]);
    expect(parseEntries('{"a":1}')).toEqual([]);
    expect(parseEntries(JSON.stringify([entry(1), { query: 'x' }, 'str', null, { query: 1, title: 't', href: 'h' }, entry(1), { query: ' ', title: 't', href: 'h' }]))).toEqual([entry(1)]);
  });
});

describe('RecentSearches', () => {
  it('adds, removes and clears under its own key', () => {
    const s = memory();
    const r = new RecentSearches(recentKey('https://x.test/_quarry/'), s);
    r.add(entry(1));
    r.add(entry(2));
    expect(r.list()).toEqual([entry(2), entry(1)]);
    expect([...s.data.keys()]).toEqual(['quarry:recent:https://x.test/_quarry/']);
    r.remove(entry(2).href);
    expect(r.list()).toEqual([entry(1)]);
    r.clear();
    expect(s.data.size).toBe(0);
  });

  it('storage that throws turns the feature off, silently', () => {
    const throwing: RecentStorage = {
      getItem() {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem() {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem() {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    const r = new RecentSearches('k', throwing);
    expect(() => r.add(entry(1))).not.toThrow();
    expect(r.list()).toEqual([]);
    expect(r.enabled).toBe(false);
    expect(new RecentSearches('k', null).list()).toEqual([]);
  });

  it('a full quota on write keeps what was stored before', () => {
    const s = memory();
    let full = false;
    const r = new RecentSearches('k', {
      ...s,
      setItem(k, v) {
        if (full) throw new DOMException('full', 'QuotaExceededError');
        s.setItem(k, v);
      },
    });
    r.add(entry(1));
    full = true;
    r.add(entry(2));
    expect(parseEntries(s.data.get('k') ?? null)).toEqual([entry(1)]);
  });
});
