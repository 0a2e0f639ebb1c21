import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText, stripQuestionBoilerplate } from '../../../../src/core/text/normalize.ts';
import { stem } from '../../../../src/core/text/stem.ts';

describe('normalizeText', () => {
  it('applies NFKC, lower-cases, unifies quotes and dashes, collapses whitespace', () => {
    expect(normalizeText('  “Hello”\t—\n‘World’ ﬁle  ')).toBe('"hello" - \'world\' file');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50, unit: 'grapheme' }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('stripQuestionBoilerplate', () => {
  it.each([
    ['How do I create an index?', 'create an index'],
    ['how can I speed up queries', 'speed up queries'],
    ['What is the way to rotate logs', 'rotate logs'],
    ['is there a way to disable fsync?', 'disable fsync'],
    ['what is MVCC', 'MVCC'],
    ['max_wal_size', 'max_wal_size'],
  ])('%s → %s', (q, expected) => expect(stripQuestionBoilerplate(q)).toBe(expected));

  it('never empties a query', () => {
    expect(stripQuestionBoilerplate('how do I')).toBe('how do I');
  });
});

describe('stem', () => {
  it.each([
    ['indexes', 'index'],
    ['indexing', 'index'],
    ['indexed', 'index'],
    ['processes', 'process'],
    ['queries', 'query'],
    ['running', 'run'],
    ['status', 'status'],
    ['analysis', 'analysis'],
    ['size', 'size'],
    ['sizes', 'size'],
  ])('%s → %s', (w, s) => expect(stem(w)).toBe(s));

  it('leaves non-plain words alone', () => {
    expect(stem('v15')).toBe('v15');
    expect(stem('max_wal_size')).toBe('max_wal_size');
  });
});
