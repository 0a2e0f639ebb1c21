/**
 * terms.<hash>.json — lookup of query terms that are not in the vocabulary:
 * completion of what is being typed ("max_wal" → max_wal_size) and near
 * spellings ("postgress" → postgres).
 *
 * FlexSearch 0.8 supplies phonetic candidates (its LatinExtra encoder maps
 * "postgers" and "postgres" to one code). It is not used for prefixes: its
 * encoder splits "max_wal" at "_" and ANDs the parts, so it would also offer
 * max_connections and wal_level. Prefixes come from a binary search over the
 * sorted vocabulary instead, and every fuzzy candidate — FlexSearch's or a
 * bounded scan's — must be within a small edit distance, so a wrong phonetic
 * guess never reaches the query. FlexSearch's Index/export/import paths use no
 * eval or new Function (only its Worker mode builds code from a Blob), so
 * this runs under a strict CSP. It is imported with the term index, not
 * with the worker: it is 40% of a keyword worker that rarely needs it.
 */
import type { Index } from 'flexsearch';
import { QuarryError } from '../errors.ts';
import { boundedEditDistance, typoBudget } from './edit-distance.ts';
import { completions, lowerBound } from './sorted-prefix.ts';

export const TERMS_FORMAT = 'quarry-terms';
export const TERMS_VERSION = 2;

interface TermsFile {
  format: typeof TERMS_FORMAT;
  version: number;
  /** Sorted, distinct; FlexSearch ids are positions in this list. */
  terms: string[];
  /** FlexSearch export chunks, [key, data]. */
  flex: Array<[string, string]>;
  /** Words of the site's titles and headings with their counts: "no good match" respells a query with them. */
  headings: Array<[string, number]>;
}

// Latin words only: numbers and CJK bigrams have no sensible phonetic form.
const PHONETIC = /^[a-z][a-z0-9_.\-:/]*$/;
const FLEX_CANDIDATES = 50;

type FlexSearch = typeof import('flexsearch');

function makeFlex({ Index, Charset }: FlexSearch): Index {
  return new Index({ tokenize: 'strict', encoder: Charset.LatinExtra, resolution: 1 });
}

/** Builds the term index over the vocabulary and the heading words; returns the file's JSON text. */
export async function buildTermIndex(terms: string[], headings: ReadonlyMap<string, number> = new Map()): Promise<string> {
  const sorted = [...new Set(terms)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const flex = makeFlex(await import('flexsearch'));
  sorted.forEach((t, i) => {
    if (PHONETIC.test(t)) flex.add(i, t);
  });
  const chunks: Array<[string, string]> = [];
  await flex.export((key: string, data: string) => {
    chunks.push([key, data]);
  });
  const file: TermsFile = { format: TERMS_FORMAT, version: TERMS_VERSION, terms: sorted, flex: chunks, headings: [...headings] };
  return JSON.stringify(file);
}

function corrupt(detail: string): never {
  throw new QuarryError('INDEX_CORRUPT', `terms index: ${detail}; rebuild the index`);
}

export class TermIndex {
  private flexIndex: Index | null = null;

  private constructor(
    private readonly flexSearch: FlexSearch,
    private readonly terms: readonly string[],
    private readonly chunks: ReadonlyArray<[string, string]>,
    /** Words of titles and headings → how often they occur. */
    readonly headingWords: ReadonlyMap<string, number>,
  ) {}

  static async load(json: string): Promise<TermIndex> {
    let file: TermsFile;
    try {
      file = JSON.parse(json) as TermsFile;
    } catch (e) {
      throw new QuarryError('INDEX_CORRUPT', `terms index: not valid JSON (${(e as Error).message}); rebuild the index`, { cause: e });
    }
    if (file === null || typeof file !== 'object' || file.format !== TERMS_FORMAT) corrupt('not a Quarry terms file');
    if (file.version !== TERMS_VERSION) {
      throw new QuarryError('INDEX_VERSION', `terms index: format version ${file.version}, this build reads ${TERMS_VERSION}; rebuild the index or update Quarry`);
    }
    if (!Array.isArray(file.terms) || !file.terms.every((t) => typeof t === 'string')) corrupt('terms list is missing or malformed');
    for (let i = 1; i < file.terms.length; i++) if (!(file.terms[i - 1] < file.terms[i])) corrupt(`terms out of order at ${i}`);
    if (!Array.isArray(file.flex) || !file.flex.every((c) => Array.isArray(c) && typeof c[0] === 'string' && typeof c[1] === 'string')) {
      corrupt('FlexSearch export is missing or malformed');
    }
    if (!Array.isArray(file.headings) || !file.headings.every((h) => Array.isArray(h) && typeof h[0] === 'string' && typeof h[1] === 'number')) corrupt('heading words are missing or malformed');
    return new TermIndex(await import('flexsearch'), file.terms, file.flex, new Map(file.headings));
  }

  get size(): number {
    return this.terms.length;
  }

  has(term: string): boolean {
    const i = lowerBound(this.terms, term);
    return i < this.terms.length && this.terms[i] === term;
  }

  /** Vocabulary terms starting with `prefix` (longer than it), shortest first. */
  complete(prefix: string, limit: number): string[] {
    return completions(this.terms, prefix, limit);
  }

  /** Vocabulary terms within the typo budget of `term`, nearest first. */
  fuzzy(term: string, limit: number): string[] {
    const max = typoBudget(term.length);
    if (max === 0 || limit <= 0) return [];
    const scored = new Map<string, number>();
    const consider = (t: string): void => {
      if (t === term || scored.has(t)) return;
      const d = boundedEditDistance(term, t, max);
      if (d <= max) scored.set(t, d);
    };
    if (PHONETIC.test(term)) {
      for (const id of this.flex().search(term, { limit: FLEX_CANDIDATES, suggest: true }) as number[]) {
        const t = this.terms[id];
        if (t !== undefined) consider(t);
      }
    }
    // The phonetic code misses plain keyboard slips ("indxe"): a bounded scan
    // over terms of similar length catches them; it is a few ms over 50k terms.
    for (const t of this.terms) if (Math.abs(t.length - term.length) <= max) consider(t);
    const first = term.charCodeAt(0);
    return [...scored]
      .sort(
        ([a, da], [b, db]) =>
          da - db ||
          // A typo rarely hits the first letter.
          Number(b.charCodeAt(0) === first) - Number(a.charCodeAt(0) === first) ||
          Math.abs(a.length - term.length) - Math.abs(b.length - term.length) ||
          (a < b ? -1 : a > b ? 1 : 0),
      )
      .slice(0, limit)
      .map(([t]) => t);
  }

  /**
   * Indexed terms to search instead of `term`: the term itself when indexed,
   * then completions (search-as-you-type), then near spellings.
   */
  expand(term: string, limit: number): string[] {
    if (limit <= 0 || term.length === 0) return [];
    const out: string[] = [];
    if (this.has(term)) out.push(term);
    for (const t of this.complete(term, limit - out.length)) out.push(t);
    if (out.length < limit) for (const t of this.fuzzy(term, limit - out.length)) if (!out.includes(t)) out.push(t);
    return out.slice(0, limit);
  }

  /** FlexSearch's index is rebuilt from the export on first fuzzy lookup: most queries never need it. */
  private flex(): Index {
    if (this.flexIndex === null) {
      const flex = makeFlex(this.flexSearch);
      try {
        for (const [key, data] of this.chunks) flex.import(key, data);
      } catch (e) {
        throw new QuarryError('INDEX_CORRUPT', `terms index: FlexSearch data cannot be imported (${(e as Error).message}); rebuild the index`, { cause: e });
      }
      this.flexIndex = flex;
    }
    return this.flexIndex;
  }
}
