import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { chunkPage } from '../../../../build-index/chunk/chunk.ts';
import { BUILD_DEFAULTS } from '../../../../build-index/config.ts';
import { groupSections } from '../../../../build-index/chunk/group.ts';
import type { Section } from '../../../../build-index/extract/types.ts';

describe('one huge page chunks without exhausting the call stack', () => {
  it('250,000 short <p> in one <main> (11 MB): every paragraph ends up in a passage', { timeout: 120_000 }, () => {
    const n = 250_000;
    const parts = ['<!doctype html><html><head><title>Big</title></head><body><main><h1 id="big">Big</h1>'];
    for (let i = 0; i < n; i++) parts.push(`<p>Short paragraph number p${i} of many.</p>`);
    parts.push('</main></body></html>');
    const bytes = Buffer.from(parts.join(''));
    expect(bytes.length).toBeGreaterThan(10_000_000);

    const r = extractPage('big.html', bytes, { selector: null });
    if (r.kind !== 'page') throw new Error(JSON.stringify(r.warnings));
    expect(r.page.sections).toHaveLength(1);
    expect(r.page.sections[0].blocks).toHaveLength(n);

    const passages = chunkPage(r.page, BUILD_DEFAULTS);
    const found = new Set<string>();
    let maxWords = 0;
    for (const p of passages) {
      for (const m of p.text.matchAll(/\bp(\d+)\b/g)) found.add(m[1]);
      if (p.words > maxWords) maxWords = p.words;
    }
    expect(found.size).toBe(n);
    expect(maxWords).toBeLessThanOrEqual(300);
    expect(passages.every((p) => p.anchor === 'big' && p.url === 'big.html')).toBe(true);
  });

  it('merging 300,000 tiny sections keeps every block and the highest weight', () => {
    const sections: Section[] = Array.from({ length: 300_000 }, (_, i) => ({
      level: 0,
      heading: '',
      anchor: '',
      path: [],
      blocks: [`w${i}`],
      weight: i === 123_456 ? 3 : 1,
    }));
    // One giant section of 300,000 blocks, then many short ones that merge.
    const giant: Section = { level: 2, heading: 'G', anchor: 'g', path: ['G'], blocks: sections.map((s) => s.blocks[0]), weight: 1 };
    const groups = groupSections([giant, ...sections], { chunkWords: 10_000_000, minWords: 10_000_000 });
    expect(groups).toHaveLength(1);
    expect(groups[0].members).toBe(300_001);
    // The giant's heading, its 300,000 blocks, then the 300,000 merged ones.
    expect(groups[0].blocks.length).toBe(600_001);
    expect(groups[0].blocks.at(-1)).toBe('w299999');
    expect(groups[0].weight).toBe(3);
  });
});
