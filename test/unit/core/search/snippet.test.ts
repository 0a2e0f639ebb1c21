import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestSentence, makeSnippet } from '../../../../src/core/search/snippet.ts';
import { queryTerms } from '../../../../src/core/text/tokenize.ts';

const text =
  'PostgreSQL provides several index types. Indexes are a common way to enhance database performance. ' +
  'Filler sentence one. Filler sentence two. Filler sentence three. Set max_wal_size to control how often checkpoints happen.';
const marked = (parts: Array<{ text: string; mark: boolean }>) => parts.filter((p) => p.mark).map((p) => p.text);
const joined = (parts: Array<{ text: string }>) => parts.map((p) => p.text).join('');

describe('makeSnippet', () => {
  it('marks inflected forms via the shared tokenizer', () => {
    const parts = makeSnippet(text, queryTerms('index'), 120);
    expect(marked(parts)).toEqual(['index', 'Indexes']);
    expect(joined(parts).startsWith('PostgreSQL')).toBe(true);
  });

  it('picks the window with the most query terms and adds ellipses at cuts', () => {
    const parts = makeSnippet(text, queryTerms('max_wal_size checkpoints'), 80);
    expect(marked(parts)).toEqual(['max_wal_size', 'checkpoints']);
    expect(joined(parts).startsWith('…')).toBe(true);
  });

  it('falls back to the first sentence when nothing matches', () => {
    expect(joined(makeSnippet(text, { terms: ['zzz'] }, 60))).toBe('PostgreSQL provides several index types.…');
  });

  it('stays within maxChars and never splits a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.integer({ min: 10, max: 120 }), (s, max) => {
        const out = joined(makeSnippet(s, { terms: ['a'] }, max));
        expect(out.length).toBeLessThanOrEqual(max + 2);
        expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      }),
    );
    const emoji = '😀'.repeat(200);
    const out = joined(makeSnippet(emoji, { terms: [] }, 51));
    expect(out).toBe('😀'.repeat(25) + '…');
  });

  it('shows a runaway "word" as its head and an ellipsis, and still reaches the hit after it', () => {
    const blob = 'QUJD'.repeat(750_000); // 3 MB of base64-like text without a space
    const passage = `Attach the key below. ${blob} Then restart the checkpointer process.`;
    const out = joined(makeSnippet(passage, queryTerms('checkpointer'), 220));
    expect(out.length).toBeLessThanOrEqual(222);
    expect(out).toContain(`${'QUJD'.repeat(16)}…`);
    expect(out).toContain('checkpointer');
    expect(marked(makeSnippet(passage, queryTerms('checkpointer'), 220))).toEqual(['checkpointer']);
    // Starting with one: a readable head too, never the whole run.
    expect(joined(makeSnippet(`${blob} tail`, { terms: [] }, 220)).length).toBeLessThanOrEqual(222);
  });

  it('leaves ordinary long words (a 64-character hash) whole', () => {
    const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    expect(joined(makeSnippet(`The digest is ${hash} for empty input.`, { terms: [] }, 220))).toBe(`The digest is ${hash} for empty input.`);
  });

  it('marks CJK bigram matches', () => {
    expect(marked(makeSnippet('全文検索は便利です。', queryTerms('検索')))).toEqual(['検索']);
  });
});

describe('bestSentence', () => {
  it('picks the sentence with the best score', () => {
    const parts = bestSentence(text, (s) => (s.includes('Filler sentence two') ? 1 : 0), 30);
    expect(joined(parts)).toBe('…Filler sentence two.…');
  });
});
