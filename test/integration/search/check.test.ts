import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkVectors } from '../../../src/cli/commands/check.ts';
import { openIndex } from '../../../src/node/index.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';

describe('quarry check: nearest neighbours against brute force', () => {
  let built: BuiltSite;
  beforeAll(async () => {
    built = await buildSiteCopy();
  });
  afterAll(() => built?.cleanup());

  it('finds the exact top 10 with the int8 scan and ≥ 0.99 of it with voy-search', async () => {
    const index = await openIndex(built.index);
    const store = await index.engine.index.vectors();
    const queries = [];
    for (const q of ['how do I back up the database', 'wal_buffer_size', 'encrypted connections', 'retry a failed request', 'upgrade to a new version']) {
      queries.push(await index.encodeQuery(q));
    }
    await index.close();
    const report = await checkVectors(store, queries);
    expect(report.vectors).toBe(built.summary.passages);
    expect(report.exact.recallAt10).toBe(1);
    expect(report.voy.recallAt10).toBeGreaterThanOrEqual(0.99);
  });
});
