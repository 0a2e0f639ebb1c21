/**
 * Excerpts: the part of a passage worth showing under a result, with the
 * words that matched the query marked, and which of the passage's merged
 * sub-sections it comes from (so the result links there). The window opens
 * on the best-matching sentence, so the match is in the first lines the
 * result shows; it opens on prose rather than inside a listing or a table.
 * What counts as a match is term-hits.ts's, for marking and windowing alike.
 * Output is text runs; the UI renders them as text, never as HTML.
 */
import { splitSentences, type Sentence, type SentenceKind } from '../text/sentences.ts';
import { headingNamingQuery } from './pick-anchor.ts';
import { termMatcher, type MatchQuery, type TermMatcher } from './term-hits.ts';
import type { SnippetPart } from './types.ts';

export type { SnippetPart } from './types.ts';
export { splitSentences, type Sentence, type SentenceKind } from '../text/sentences.ts';

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
// CJK characters are words of their own (no spaces to split on); anything
// else is split on whitespace.
const WORD = new RegExp(`[${CJK}]|[^\\s${CJK}]+`, 'gu');
const IS_CJK = new RegExp(`^[${CJK}]$`, 'u');
const ELLIPSIS = '…';
/**
 * Longest word shown whole (a SHA-256 in hex, most URLs); a longer run — a
 * base64 blob, a 3 MB "word" — shows its first LONG_WORD characters and "…".
 */
const LONG_WORD = 64;
/** Words longer than this are not matched against the query: only their first LONG_WORD characters could be shown. */
const MAX_MATCHED_WORD = 1000;
/**
 * The match must start within this share of the window: results show the
 * first two or three lines of an excerpt (src/ui/styles.ts line-clamps it).
 */
const VISIBLE_SHARE = 0.6;
/** Words of lead-in kept before a match when the window has to open inside a sentence. */
const LEAD_IN_WORDS = 3;
/** A window that cannot show all of what follows ends at a sentence end once it shows this share. */
const SENTENCE_END_SHARE = 0.4;
/** Among sentences as good as each other, the one to open on: prose, then a heading, then a table row, then code. */
const KIND_RANK: Record<SentenceKind, number> = { prose: 3, heading: 2, table: 1, code: 0 };

interface Word {
  start: number;
  end: number;
  /** Index of the sentence the word is in. */
  unit: number;
  /** Marked spans, absolute offsets. */
  marks: Array<[number, number]>;
  /** The query term this word matched, or null. */
  hit: string | null;
  /** A sentence ends after this word. */
  endsSentence: boolean;
  /** Characters saved by showing a long word cut (0 for a word shown whole). */
  saved: number;
}

/** What a query needs to be matched: its terms and, for "is that the identifier the user typed", its raw text. */
export type SnippetQuery = MatchQuery;

export interface Excerpt {
  parts: SnippetPart[];
  /**
   * Where the best-matching sentence is: an index into the `headings` given
   * (the passage's merged sub-sections), -1 for the text before the first of
   * them. When no query word matched whole: the sub-section whose heading
   * names the most query terms, or null when none does.
   */
  section: number | null;
}

/** A passage cut into words and sentences, with the query's matches found. */
interface Scanned {
  words: Word[];
  units: Sentence[];
  /** Word index range [first, last] of each unit. */
  spans: Array<[number, number]>;
  /** savedBefore[i]: characters saved by the long words before word i. */
  savedBefore: number[];
}

/** Cuts s to at most max UTF-16 units without splitting a surrogate pair. */
function cutAt(s: string, max: number): string {
  if (s.length <= max) return s;
  let n = max;
  const c = s.charCodeAt(n - 1);
  if (c >= 0xd800 && c <= 0xdbff) n--; // would leave a lone high surrogate
  return s.slice(0, n);
}

function scan(text: string, headings: readonly string[]): Scanned {
  const units = splitSentences(text, headings);
  const words: Word[] = [];
  const spans: Array<[number, number]> = units.map(() => [-1, -1]);
  let unit = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    // A word belongs to the sentence it starts in (every non-space character is in one).
    while (unit + 1 < units.length && m.index >= units[unit].end) unit++;
    const saved = m[0].length > LONG_WORD ? m[0].length - cutAt(m[0], LONG_WORD).length - ELLIPSIS.length : 0;
    if (spans[unit][0] < 0) spans[unit][0] = words.length;
    spans[unit][1] = words.length;
    words.push({ start: m.index, end: m.index + m[0].length, unit, marks: [], hit: null, endsSentence: false, saved });
  }
  for (const [, last] of spans) if (last >= 0) words[last].endsSentence = true;
  const savedBefore = new Array<number>(words.length + 1);
  savedBefore[0] = 0;
  for (let i = 0; i < words.length; i++) savedBefore[i + 1] = savedBefore[i] + words[i].saved;
  return { words, units, spans, savedBefore };
}

function markHits(text: string, words: Word[], matcher: TermMatcher): void {
  const cache = new Map<string, Array<{ start: number; end: number; term: string }>>();
  const cjkAt = (i: number): string | null => (i >= 0 && i < words.length && IS_CJK.test(text.slice(words[i].start, words[i].end)) ? text.slice(words[i].start, words[i].end) : null);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.end - w.start > MAX_MATCHED_WORD) continue;
    const word = text.slice(w.start, w.end);
    if (IS_CJK.test(word)) {
      // A CJK character matched when a query bigram covers it.
      const before = words[i - 1]?.end === w.start ? cjkAt(i - 1) : null;
      const after = words[i + 1]?.start === w.end ? cjkAt(i + 1) : null;
      const hit = (before && matcher.has(before + word) && before + word) || (after && matcher.has(word + after) && word + after) || (matcher.has(word) ? word : null);
      if (hit) {
        w.hit = hit;
        w.marks.push([w.start, w.end]);
      }
      continue;
    }
    let hits = cache.get(word);
    if (hits === undefined) {
      hits = matcher.match(word);
      cache.set(word, hits);
    }
    if (hits.length === 0) continue;
    w.hit = hits[0].term;
    for (const h of hits) w.marks.push([w.start + h.start, w.start + h.end]);
  }
}

/** Characters words[a..b] take as shown. */
function width(s: Scanned, a: number, b: number): number {
  return s.words[b].end - s.words[a].start - (s.savedBefore[b + 1] - s.savedBefore[a]);
}

/** Last word index e such that words[from..e], as shown, fit in budget chars (at least `from`). */
function fitEnd(s: Scanned, from: number, budget: number): number {
  let lo = from;
  let hi = s.words.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (width(s, from, mid) <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Where the window from `from` ends: as much as fits, cut back to a sentence end (not before word `reach`) when that still shows enough. */
function windowEnd(s: Scanned, from: number, budget: number, reach = from): number {
  return dropTrailingHeading(s, from, reach, cutToSentence(s, from, budget, reach));
}

function cutToSentence(s: Scanned, from: number, budget: number, reach: number): number {
  const end = fitEnd(s, from, budget);
  if (end === s.words.length - 1) return end;
  for (let i = end; i > from && i >= reach; i--) {
    if (s.words[i].endsSentence && width(s, from, i) >= budget * SENTENCE_END_SHARE) return i;
  }
  return end;
}

/** A heading at the very end of a window introduces text the window does not show: leave it out. */
function dropTrailingHeading(s: Scanned, from: number, reach: number, end: number): number {
  const unit = s.words[end].unit;
  const first = s.spans[unit][0];
  if (s.units[unit].kind !== 'heading' || first <= from || first <= reach) return end;
  return first - 1;
}

function distinctHits(s: Scanned, a: number, b: number): number {
  const terms = new Set<string>();
  for (let i = a; i <= b; i++) if (s.words[i].hit !== null) terms.add(s.words[i].hit!);
  return terms.size;
}

interface UnitScore {
  unit: number;
  distinct: number;
  windowDistinct: number;
  hits: number;
}

/** The best-matching sentence: most distinct terms, then most in the window it opens, then prose first, then most hits, then the earliest. */
function bestUnit(s: Scanned, budget: number): number {
  let best: UnitScore | null = null;
  s.units.forEach((u, unit) => {
    const [a, b] = s.spans[unit];
    if (a < 0) return;
    let hits = 0;
    for (let i = a; i <= b; i++) if (s.words[i].hit !== null) hits++;
    if (hits === 0) return;
    const score: UnitScore = { unit, distinct: distinctHits(s, a, b), windowDistinct: distinctHits(s, a, fitEnd(s, a, budget)), hits };
    if (best === null || better(s, score, best)) best = score;
  });
  return best === null ? -1 : (best as UnitScore).unit;
}

function better(s: Scanned, x: UnitScore, y: UnitScore): boolean {
  if (x.distinct !== y.distinct) return x.distinct > y.distinct;
  if (x.windowDistinct !== y.windowDistinct) return x.windowDistinct > y.windowDistinct;
  const kx = KIND_RANK[s.units[x.unit].kind];
  const ky = KIND_RANK[s.units[y.unit].kind];
  if (kx !== ky) return kx > ky;
  return x.hits > y.hits; // equal: the earlier one stays
}

function firstHitFrom(s: Scanned, from: number, last: number): number {
  for (let i = from; i <= last; i++) if (s.words[i].hit !== null) return i;
  return -1;
}

/**
 * The first word of the window for the best sentence `unit`. A table row or
 * a line of code is introduced by the prose just before it when the match
 * still shows early; a sentence too long to show its match early is entered
 * a few words before a match (the one that lets the window show the most
 * terms).
 */
function windowStart(s: Scanned, unit: number, budget: number): number {
  const u = s.units[unit];
  const [a, b] = s.spans[unit];
  const first = firstHitFrom(s, a, b);
  const visible = budget * VISIBLE_SHARE;
  if (u.kind === 'code' || u.kind === 'table') {
    let j = unit - 1;
    while (j >= 0 && (s.units[j].kind === 'code' || s.units[j].kind === 'table') && s.units[j].section === u.section) j--;
    if (j >= 0 && s.spans[j][0] >= 0 && s.units[j].section === u.section && (s.units[j].kind === 'prose' || s.units[j].kind === 'heading')) {
      const intro = s.spans[j][0];
      if (width(s, intro, first) <= visible) return intro;
    }
  }
  let bestFrom = a;
  let bestDistinct = width(s, a, first) <= visible ? distinctHits(s, a, fitEnd(s, a, budget)) : -1;
  for (let i = first; i <= b; i++) {
    if (s.words[i].hit === null) continue;
    const from = Math.max(a, i - LEAD_IN_WORDS);
    const distinct = distinctHits(s, from, fitEnd(s, from, budget));
    if (distinct > bestDistinct) {
      bestDistinct = distinct;
      bestFrom = from;
    }
  }
  return bestFrom;
}

function render(text: string, words: Word[], from: number, to: number, maxChars: number): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (s: string, mark: boolean): void => {
    if (s.length === 0) return;
    const last = parts[parts.length - 1];
    if (last !== undefined && last.mark === mark) last.text += s;
    else parts.push({ text: s, mark });
  };
  if (words.length === 0) return parts;
  if (from > 0) push(ELLIPSIS, false);
  const first = words[from];
  if (first.end - first.start - first.saved > maxChars) {
    // One enormous "word" (a URL, a hash): cut it, never inside a surrogate pair.
    push(cutAt(text.slice(first.start, first.end), maxChars), false);
    push(ELLIPSIS, false);
    return parts;
  }
  for (let i = from; i <= to; i++) {
    const w = words[i];
    if (i > from) push(w.start > words[i - 1].end ? ' ' : '', false);
    if (w.saved > 0) {
      push(cutAt(text.slice(w.start, w.end), LONG_WORD), w.hit !== null);
      push(ELLIPSIS, false);
      continue;
    }
    let at = w.start;
    for (const [ms, me] of w.marks) {
      push(text.slice(at, ms), false);
      push(text.slice(ms, me), true);
      at = me;
    }
    push(text.slice(at, w.end), false);
  }
  if (to < words.length - 1) push(ELLIPSIS, false);
  return parts;
}

/** The first sentence a result may open on without a match: prose or a heading, not a listing or a table. */
function firstReadable(s: Scanned): number {
  const i = s.units.findIndex((u, n) => s.spans[n][0] >= 0 && (u.kind === 'prose' || u.kind === 'heading'));
  return i < 0 ? 0 : i;
}

/**
 * The excerpt of `text` for `query`: a window of at most ~maxChars opening
 * on the best-matching sentence, matched words marked, "…" where text was
 * cut. Without any match: the sub-section whose heading names the query
 * (pick-anchor.ts's rule), else the passage's first prose.
 * `headings` are the passage's merged sub-section headings (its
 * `subsections`), for `section`.
 */
export function makeExcerpt(text: string, query: SnippetQuery, options: { headings?: readonly string[]; maxChars?: number } = {}): Excerpt {
  const maxChars = options.maxChars ?? 220;
  const headings = options.headings ?? [];
  const s = scan(text, headings);
  if (s.words.length === 0) return { parts: [], section: null };
  markHits(text, s.words, termMatcher(query));
  const budget = maxChars - 2; // room for the ellipses
  const unit = bestUnit(s, budget);
  if (unit < 0) {
    // No word matched whole: open on the sub-section whose heading names the query, if one does.
    const section = headingNamingQuery(headings, query.terms);
    const heading = section < 0 ? -1 : s.units.findIndex((u, n) => u.kind === 'heading' && u.section === section && s.spans[n][0] >= 0);
    const from = s.spans[heading >= 0 ? heading : firstReadable(s)][0];
    return { parts: render(text, s.words, from, windowEnd(s, from, budget), maxChars), section: section < 0 ? null : section };
  }
  let from = windowStart(s, unit, budget);
  // Keep the best sentence's matches that fit, even past a sentence end.
  let reach = from;
  for (let i = from; i <= s.spans[unit][1] && width(s, from, i) <= budget; i++) if (s.words[i].hit !== null) reach = i;
  const to = windowEnd(s, from, budget, reach);
  if (to === s.words.length - 1) from = backfill(s, unit, from, to, budget);
  return { parts: render(text, s.words, from, to, maxChars), section: s.units[unit].section };
}

/**
 * A window that reaches the end of the passage with room to spare takes in
 * the sentences before it (of the same sub-section), as long as the match
 * still shows early: "await client.connect();" alone says less than the two
 * lines of code before it.
 */
function backfill(s: Scanned, unit: number, from: number, to: number, budget: number): number {
  const first = firstHitFrom(s, from, to);
  const section = s.units[unit].section;
  let start = from;
  for (let j = s.words[from].unit - 1; j >= 0; j--) {
    const a = s.spans[j][0];
    if (a < 0) continue;
    if (s.units[j].section !== section || width(s, a, to) > budget || width(s, a, first) > budget * VISIBLE_SHARE) break;
    start = a;
  }
  return start;
}

/** makeExcerpt's text runs alone. */
export function makeSnippet(text: string, query: SnippetQuery, maxChars = 220): SnippetPart[] {
  return makeExcerpt(text, query, { maxChars }).parts;
}

/**
 * The best sentence by `scoreSentence` (default: the first), continued by the
 * following sentences while they fit in maxChars. For results found by the
 * dense retriever alone, where no word matched.
 */
export function bestSentence(
  text: string,
  scoreSentence: (sentence: string, index: number) => number = (_s, i) => -i,
  maxChars = 220,
): SnippetPart[] {
  const s = scan(text, []);
  if (s.units.length === 0 || s.words.length === 0) return [];
  let best = 0;
  let bestScore = -Infinity;
  s.units.forEach((u, i) => {
    const score = scoreSentence(u.text, i);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  const from = Math.max(0, s.spans[best][0]);
  return render(text, s.words, from, windowEnd(s, from, maxChars), maxChars);
}
