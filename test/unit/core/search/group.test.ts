import { describe, expect, it } from 'vitest';
import { groupByPage } from '../../../../src/core/search/group.ts';

// passage id → [page, section within the page]
const table: Array<[number, number]> = [
  [0, 0],
  [0, 1],
  [0, 1], // overlapping chunk of the same section
  [1, 0],
  [2, 0],
  [0, 2],
];
const docs = { pageOf: (id: number) => table[id][0], sectionOf: (id: number) => table[id][1] };

describe('groupByPage', () => {
  it('ranks pages by their best passage and keeps one passage per section', () => {
    const hits = [
      { id: 3, score: 0.5 },
      { id: 1, score: 0.9 },
      { id: 2, score: 0.8 },
      { id: 5, score: 0.4 },
      { id: 0, score: 0.3 },
      { id: 4, score: 0.1 },
    ];
    const groups = groupByPage(hits, docs, { k: 10, passagesPerPage: 3 });
    expect(groups.map((g) => g.page)).toEqual([0, 1, 2]);
    expect(groups[0]).toEqual({ page: 0, score: 0.9, passages: [{ id: 1, score: 0.9 }, { id: 5, score: 0.4 }, { id: 0, score: 0.3 }] });
  });

  it('limits pages and passages per page', () => {
    const hits = table.map((_, id) => ({ id, score: 1 - id / 10 }));
    const groups = groupByPage(hits, docs, { k: 2, passagesPerPage: 1 });
    expect(groups).toEqual([
      { page: 0, score: 1, passages: [{ id: 0, score: 1 }] },
      { page: 1, score: 0.7, passages: [{ id: 3, score: 0.7 }] },
    ]);
  });
});
