/**
 * Snippets: the part of a passage worth showing under a result, with the
 * words that matched the query marked. Matching uses the index tokenizer, so
 * "indexes" is marked for the query "index" and `max_wal_size` for its parts.
 * Output is text runs; the UI renders them as text, never as HTML.
 */
import { tokenize } from '../text/tokenize.ts';
import type { SnippetPart } from './types.ts';

export type { SnippetPart } from './types.ts';

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';
// CJK characters are words of their own (no spaces to split on); anything
// else is split on whitespace.
const WORD = new RegExp(`[${CJK}]|[^\\s${CJK}]+`, 'gu');
const IS_CJK = new RegExp(`^[${CJK}]$`, 'u');
const CORE = /[\p{L}\p{N}_](?:.*[\p{L}\p{N}_])?/su;
const SENTENCE_END = /[.!?。！？][)"'\]」』]*$/u;
const ELLIPSIS = '…';
/**
 * Longest word shown whole (a SHA-256 in hex, most URLs); a longer run — a
 * base64 blob, a 3 MB "word" — shows its first LONG_WORD characters and "…".
 */
const LONG_WORD = 64;
/** Words longer than this are not matched against the query: only their first LONG_WORD characters could be shown. */
const MAX_MATCHED_WORD = 1000;

interface Word {
  start: number;
  end: number;
  /** The marked span (edge punctuation excluded). */
  coreStart: number;
  coreEnd: number;
  /** The query term this word matched, or null. */
  hit: string | null;
  /** A sentence ends after this word. */
  endsSentence: boolean;
  /** Characters saved by showing a long word cut (0 for a word shown whole). */
  saved: number;
}

/** A long word as shown: its head, never splitting a surrogate pair (the ellipsis is added by render). */
function headOf(text: string, w: Word): string {
  return cutAt(text.slice(w.start, w.end), LONG_WORD);
}

function scanWords(text: string): Word[] {
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const core = CORE.exec(m[0]);
    const coreStart = m.index + (core ? core.index : 0);
    const coreEnd = core ? coreStart + core[0].length : m.index + m[0].length;
    const saved = m[0].length > LONG_WORD ? m[0].length - cutAt(m[0], LONG_WORD).length - ELLIPSIS.length : 0;
    words.push({ start: m.index, end: m.index + m[0].length, coreStart, coreEnd, hit: null, endsSentence: SENTENCE_END.test(m[0]), saved });
  }
  return words;
}

function markHits(text: string, words: Word[], terms: ReadonlySet<string>): void {
  const cache = new Map<string, string | null>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.coreEnd <= w.coreStart || w.coreEnd - w.coreStart > MAX_MATCHED_WORD) continue;
    const core = text.slice(w.coreStart, w.coreEnd);
    if (IS_CJK.test(core)) {
      // A CJK character matched when a query bigram covers it.
      const prev = i > 0 && words[i - 1].end === w.start && IS_CJK.test(text.slice(words[i - 1].start, words[i - 1].end)) ? text.slice(words[i - 1].start, w.end) : null;
      const next = i + 1 < words.length && words[i + 1].start === w.end && IS_CJK.test(text.slice(words[i + 1].start, words[i + 1].end)) ? text.slice(w.start, words[i + 1].end) : null;
      w.hit = (prev && terms.has(prev) && prev) || (next && terms.has(next) && next) || (terms.has(core) ? core : null);
      continue;
    }
    let hit = cache.get(core);
    if (hit === undefined) {
      hit = tokenize(core).find((t) => terms.has(t)) ?? null;
      cache.set(core, hit);
    }
    w.hit = hit;
  }
}

/** Cuts s to at most max UTF-16 units without splitting a surrogate pair. */
function cutAt(s: string, max: number): string {
  if (s.length <= max) return s;
  let n = max;
  const c = s.charCodeAt(n - 1);
  if (c >= 0xd800 && c <= 0xdbff) n--; // would leave a lone high surrogate
  return s.slice(0, n);
}

/** Last word index e such that words[from..e], as shown, fit in budget chars (at least `from`). */
function fitEnd(words: Word[], from: number, budget: number): number {
  let e = from;
  let saved = words[from].saved;
  while (e + 1 < words.length && words[e + 1].end - words[from].start - saved - words[e + 1].saved <= budget) saved += words[++e].saved;
  return e;
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
      push(headOf(text, w), w.hit !== null);
      push(ELLIPSIS, false);
    } else if (w.hit === null) push(text.slice(w.start, w.end), false);
    else {
      push(text.slice(w.start, w.coreStart), false);
      push(text.slice(w.coreStart, w.coreEnd), true);
      push(text.slice(w.coreEnd, w.end), false);
    }
  }
  if (to < words.length - 1) push(ELLIPSIS, false);
  return parts;
}

/** Sentences as [firstWord, lastWord] index pairs. */
function sentences(words: Word[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i].endsSentence || i === words.length - 1) {
      out.push([start, i]);
      start = i + 1;
    }
  }
  return out;
}

/** From word `from`, as many whole sentences as fit, else as many words as fit. */
function sentenceWindow(words: Word[], from: number, maxChars: number): number {
  const end = fitEnd(words, from, maxChars);
  if (end === words.length - 1) return end;
  for (let i = end; i > from; i--) {
    // Stop at a sentence end if that still shows a reasonable amount.
    if (words[i].endsSentence && words[i].end - words[from].start >= maxChars * 0.4) return i;
  }
  return end;
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
  const words = scanWords(text);
  const list = sentences(words);
  let best = 0;
  let bestScore = -Infinity;
  list.forEach(([a, b], i) => {
    const score = scoreSentence(text.slice(words[a].start, words[b].end), i);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  if (list.length === 0) return [];
  const from = list[best][0];
  return render(text, words, from, sentenceWindow(words, from, maxChars), maxChars);
}

/**
 * The window of at most ~maxChars with the most query-term hits (distinct
 * terms first, then total hits), matched words marked, "…" where text was
 * cut. Without any hit: the passage's first sentence(s).
 */
export function makeSnippet(text: string, query: { terms: readonly string[] }, maxChars = 220): SnippetPart[] {
  const words = scanWords(text);
  if (words.length === 0) return [];
  markHits(text, words, new Set(query.terms));
  const budget = maxChars - 2; // room for the ellipses
  const candidates = new Set<number>([0]);
  for (const [a] of sentences(words)) candidates.add(a);
  words.forEach((w, i) => {
    // Start a little before a hit so the match has some lead-in.
    if (w.hit !== null) candidates.add(Math.max(0, i - 3));
  });
  let bestFrom = -1;
  let bestTo = 0;
  let bestScore = 0;
  for (const from of [...candidates].sort((a, b) => a - b)) {
    const to = fitEnd(words, from, budget);
    const distinct = new Set<string>();
    let hits = 0;
    for (let i = from; i <= to; i++) {
      const h = words[i].hit;
      if (h !== null) {
        distinct.add(h);
        hits++;
      }
    }
    // Distinct terms dominate; a window opening a sentence wins ties.
    const score = distinct.size * 1000 + hits * 10 + (from === 0 || words[from - 1].endsSentence ? 1 : 0);
    if (score > bestScore) {
      bestScore = score;
      bestFrom = from;
      bestTo = to;
    }
  }
  if (bestFrom < 0 || bestScore < 10) return bestSentence(text, undefined, maxChars);
  return render(text, words, bestFrom, bestTo, maxChars);
}
