import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLiteral, queryTerms, tokenize } from '../../../../src/core/text/tokenize.ts';
import { countOverlongTokens, MAX_TERM_LENGTH } from '../../../../src/core/text/scan.ts';

describe('tokenize', () => {
  it.each([
    ['os.path.join', ['os.path.join', 'os', 'path', 'join']],
    ['max_wal_size', ['max_wal_size', 'max', 'wal', 'size']],
    ['SQLSTATE 23505', ['sqlstate', '23505']],
    ['CamelCaseName', ['camelcasename', 'camel', 'case', 'name']],
    ['3.11.2', ['3.11.2']],
    ['v15', ['v15']],
    ['E1042', ['e1042']],
  ])('keeps %s exact and by parts', (input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });

  it('keeps flags whole without dashes, and by parts', () => {
    const t = tokenize('--no-cache');
    expect(t[0]).toBe('no-cache');
    expect(t).toEqual(expect.arrayContaining(['no', 'cache']));
  });

  it('makes each identifier of a dotted path findable on its own', () => {
    const t = tokenize('pg_stat_statements.track');
    expect(t).toEqual(expect.arrayContaining(['pg_stat_statements.track', 'pg_stat_statements', 'pg', 'stat', 'statements', 'track']));
    expect(t).toContain('statement'); // the stemmed part reaches prose queries
  });

  it('stems plain words so inflections meet', () => {
    const stems = new Set(['indexes', 'indexing', 'indexed', 'index'].flatMap(tokenize));
    expect([...stems]).toEqual(['index']);
    expect(new Set(['caches', 'caching', 'cached', 'cache'].flatMap(tokenize)).size).toBe(1);
    expect(tokenize('queries')).toEqual(tokenize('query'));
  });

  it('does not stem literals', () => {
    expect(tokenize('shared_buffers')[0]).toBe('shared_buffers');
    expect(tokenize('indexes.json')[0]).toBe('indexes.json');
  });

  it('folds accents and typographic dashes', () => {
    expect(tokenize('Café')).toEqual(tokenize('cafe'));
    expect(tokenize('—no-cache')[0]).toBe('no-cache');
  });

  it('splits CJK text into overlapping bigrams', () => {
    expect(tokenize('全文検索')).toEqual(['全文', '文検', '検索']);
    expect(tokenize('索')).toEqual(['索']);
    expect(tokenize('use 検索 now')).toEqual(['us', '検索', 'now']);
  });

  it('ignores sentence punctuation', () => {
    expect(tokenize('Run it.')).toEqual(tokenize('run it'));
  });

  it('is case-insensitive for plain words and lower-cases every term', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        for (const t of tokenize(s)) expect(t).toBe(t.toLowerCase());
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z ]{0,30}$/), (s) => {
        // Upper-case words are kept exact and stemmed, so they reach lower-case queries.
        expect(tokenize(s.toUpperCase())).toEqual(expect.arrayContaining(tokenize(s)));
      }),
    );
  });

  it('never emits empty terms or whitespace', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'grapheme' }), (s) => {
        for (const t of tokenize(s)) expect(t).toMatch(/^\S+$/u);
      }),
    );
  });
});

describe('queryTerms', () => {
  it('drops boilerplate and stop words, keeps literals', () => {
    const q = queryTerms('How do I set max_wal_size?');
    expect(q.terms).toEqual(['set', 'max_wal_size', 'max', 'wal', 'size']);
    // The identifier and its pieces are one query word: they share its weight.
    expect(q.weights).toEqual([1, 0.25, 0.25, 0.25, 0.25]);
  });

  it('keeps a query made only of stop words usable', () => {
    expect(queryTerms('to be or not to be').terms.length).toBeGreaterThan(0);
  });

  it('returns distinct terms', () => {
    const { terms } = queryTerms('index indexes indexing');
    expect(terms).toEqual(['index']);
  });

  it("lets one word's variants share a weight of 1", () => {
    const q = queryTerms('UPDATE max_wal_size rows');
    expect(q.terms).toEqual(['update', 'updat', 'max_wal_size', 'max', 'wal', 'size', 'row']);
    expect(q.weights).toEqual([0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 1]);
  });

  it('adds up the weight of a term that several words yield', () => {
    const q = queryTerms('index indexes indexing');
    expect(q.weights).toEqual([3]);
  });
});

describe('looksLiteral', () => {
  it.each(['max_wal_size', 'os.path.join', 'SQLSTATE 23505', '--no-cache', 'E1042', 'fn()', 'getElementById', 'configure max_wal_size', '3.11.2', 'button-press-event', 'max-old-space-size', 'the button-press-event signal'])(
    '%s is literal',
    (q) => expect(looksLiteral(q)).toBe(true),
  );
  it.each(['how do I make lookups faster', 'why is vacuum slow', 'replication setup for beginners', '', 'the', 'point-in-time recovery', 'keep it up-to-date', 'a read-only standby'])('%s is not', (q) =>
    expect(looksLiteral(q)).toBe(false),
  );
});

describe('token length cap (MAX_TERM_LENGTH), shared by build and query', () => {
  const longest = (terms: string[]) => terms.reduce((n, t) => Math.max(n, t.length), 0);

  it('a 3 MB "word" yields no term, and costs the index nothing', () => {
    const word = 'x'.repeat(3_000_000);
    expect(tokenize(`before ${word} after`)).toEqual(['befor', 'after']);
    expect(countOverlongTokens(`before ${word} after`)).toBe(1);
  });

  it('keeps the long identifiers people search for', () => {
    const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const fqn = 'org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration';
    const java = 'AbstractAnnotationConfigDispatcherServletInitializer';
    expect(tokenize(sha256)).toEqual([sha256]);
    expect(tokenize(fqn)[0]).toBe(fqn.toLowerCase());
    expect(tokenize(java)[0]).toBe(java.toLowerCase());
    expect(tokenize('SQLSTATE 23505')).toEqual(['sqlstate', '23505']);
    expect(countOverlongTokens(`${sha256} ${fqn} ${java}`)).toBe(0);
  });

  it('an over-long compound is not indexed whole, its pieces still are', () => {
    const blob = Array.from({ length: 40 }, (_, i) => `segment${i}`).join('.');
    const terms = tokenize(blob);
    expect(blob.length).toBeGreaterThan(MAX_TERM_LENGTH);
    expect(terms).not.toContain(blob.toLowerCase());
    expect(terms).toEqual(expect.arrayContaining(['segment0', 'segment39']));
    expect(longest(terms)).toBeLessThanOrEqual(MAX_TERM_LENGTH);
  });

  it('the query side drops what the index dropped', () => {
    expect(queryTerms('y'.repeat(500)).terms).toEqual([]);
    expect(queryTerms(`${'y'.repeat(500)} checkpoint`).terms).toEqual(['checkpoint']);
  });

  it('no term ever exceeds the cap, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-zé0-9]{1,14}$/), { minLength: 1, maxLength: 40 }),
        fc.constantFrom('', '.', '_', '::', '-', '/'),
        fc.string({ maxLength: 300 }),
        (pieces, joiner, noise) => {
          // Identifier-shaped runs of any length, next to arbitrary text.
          expect(longest(tokenize(`${pieces.join(joiner)} ${noise}`))).toBeLessThanOrEqual(MAX_TERM_LENGTH);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a long CJK run is not over-long: it is bigrams', () => {
    const run = '全文検索'.repeat(50);
    expect(countOverlongTokens(run)).toBe(0);
    expect(tokenize(run)).toContain('検索');
  });
});
