import { foldAccents, foldForm } from './normalize.ts';
import { stem } from './stem.ts';

/**
 * The one tokenizer, with a kind per term so the query side can tell
 * literals from words. `tokenize()` is the public face; see its doc.
 *
 * - word:    a plain word, lower-cased and stemmed ("indexes" → "index")
 * - literal: a compound or code token kept whole ("max_wal_size",
 *            "os.path.join", "no-cache", "camelcasename", "sqlstate", "3.11.2")
 * - part:    a piece of a literal ("wal", "path"), exact and, when different,
 *            stemmed too, so prose queries reach into identifiers
 * - cjk:     a CJK character bigram (or a lone character)
 */
export type TermKind = 'word' | 'literal' | 'part' | 'cjk';
export type TermSink = (term: string, kind: TermKind) => void;

// Runs of word characters joined by code connectors; a connector must be
// followed by a word character, so sentence-final dots and leading dashes
// (`--flag`) are not part of the token.
const RAW = /[\p{L}\p{N}\p{M}_]+(?:(?:::|[.\-/:])[\p{L}\p{N}\p{M}_]+)*/gu;
const SEGMENT_SPLIT = /::|[.\-/:]/;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
// Possessives and in-word apostrophes: "user's" → "user", "don't" → "dont".
const POSSESSIVE = /(\p{L})'s(?![\p{L}\p{N}])/gu;
const INNER_APOSTROPHE = /(\p{L})'(?=\p{L})/gu;
const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;
const HAS_CAMEL = /\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}/u;
const LETTERS = /^\p{L}+$/u;
const ALL_CAPS = /^\p{Lu}[\p{Lu}\p{N}]+$/u;
const VERSION = /^v?\d+(?:\.\d+)+$/iu;

/**
 * Longest term the index keeps, in UTF-16 units; build and query share it.
 * 100 keeps every identifier people type or paste: SHA-256 hex (64), UUIDs
 * (36), SQLSTATE codes, long Java names ("AbstractAnnotationConfigDispatcher
 * ServletInitializer", 52) and fully qualified ones ("org.springframework.boot.
 * autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration", 88). What
 * is longer is base64, minified code or a runaway string: one 3 MB "word" used
 * to become a 3 MB term in both the postings and the vocabulary. A longer
 * token is not indexed whole; its pieces (segments, CamelCase and snake_case
 * parts) still are when they fit.
 */
export const MAX_TERM_LENGTH = 100;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const LONG_RUN = new RegExp(`\\S{${MAX_TERM_LENGTH + 1}}`);

export function prepareText(text: string): string {
  let s = foldAccents(foldForm(text));
  if (s.includes("'")) s = s.replace(POSSESSIVE, '$1').replace(INNER_APOSTROPHE, '$1');
  // Space CJK runs off from their neighbours so they are scanned on their own.
  if (CJK_CHAR.test(s)) s = s.replace(CJK_RUN, ' $& ');
  return s;
}

function emitCjk(run: string, sink: TermSink): void {
  const chars = Array.from(run); // code points, not UTF-16 units
  if (chars.length === 1) {
    sink(chars[0], 'cjk');
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) sink(chars[i] + chars[i + 1], 'cjk');
}

/** A piece of a literal: exact, plus its stem when that differs. */
function emitPart(piece: string, sink: TermSink): void {
  if (piece.length === 0) return;
  const lower = piece.toLowerCase();
  // Single letters from "e.g." or "x_y" match everything and say nothing.
  if (lower.length === 1 && !/\p{N}/u.test(lower)) return;
  sink(lower, 'part');
  const s = stem(lower);
  if (s !== lower) sink(s, 'part');
}

function emitSimple(raw: string, sink: TermSink): void {
  const lower = raw.toLowerCase();
  if (!LETTERS.test(raw)) {
    sink(lower, 'word'); // digits mixed in ("v15", "e1042", "23505"): keep whole
    return;
  }
  if (raw.length >= 2 && ALL_CAPS.test(raw)) {
    // SQLSTATE, ENOENT, CREATE: findable exactly and by the prose stem.
    sink(lower, 'literal');
    const s = stem(lower);
    if (s !== lower) sink(s, 'word');
    return;
  }
  sink(stem(lower), 'word');
}

function emitCompound(raw: string, segments: string[], sink: TermSink): void {
  sink(raw.toLowerCase(), 'literal');
  if (VERSION.test(raw)) return; // "3.11.2": the pieces would match any number
  for (const segment of segments) {
    const pieces = segment.split('_').filter((p) => p.length > 0);
    const camel = HAS_CAMEL.test(segment);
    // A segment that is itself an identifier ("pg_stat_statements" in
    // "pg_stat_statements.track") is findable on its own too.
    if (segments.length > 1 && (pieces.length > 1 || camel)) sink(segment.toLowerCase(), 'literal');
    for (const piece of pieces) {
      if (HAS_CAMEL.test(piece)) for (const p of piece.split(CAMEL_BOUNDARY)) emitPart(p, sink);
      else emitPart(piece, sink);
    }
  }
}

/** Over MAX_TERM_LENGTH and not a CJK run (whose terms are bigrams, however long the run). */
function isOverlong(raw: string): boolean {
  return raw.length > MAX_TERM_LENGTH && !CJK_CHAR.test(raw[0]);
}

/** An over-long token: only its pieces that fit, and nothing when it has no pieces. */
function emitOverlong(raw: string, sink: TermSink): void {
  if (!SEGMENT_SPLIT.test(raw) && !raw.includes('_') && !HAS_CAMEL.test(raw)) return;
  emitRaw(raw, (term, kind) => {
    if (term.length <= MAX_TERM_LENGTH) sink(term, kind);
  });
}

function emitToken(raw: string, sink: TermSink): void {
  if (isOverlong(raw)) emitOverlong(raw, sink);
  else emitRaw(raw, sink);
}

function emitRaw(raw: string, sink: TermSink): void {
  if (CJK_CHAR.test(raw[0])) {
    emitCjk(raw, sink);
    return;
  }
  const segments = raw.split(SEGMENT_SPLIT);
  if (segments.length === 1 && !raw.includes('_') && !HAS_CAMEL.test(raw)) emitSimple(raw, sink);
  else emitCompound(raw, segments, sink);
}

/** Feeds every term of `text` to `sink`, in order. */
export function scanTerms(text: string, sink: TermSink): void {
  scanTokens(text, (raw) => emitToken(raw, sink));
}

/**
 * Feeds the terms of `text` to `sink` one source token at a time: every
 * variant a token yields ("UPDATE" → update, updat; "max_wal_size" → the
 * literal and its pieces) arrives in one call, so the query side can weigh
 * them as one concept.
 */
export function scanTermGroups(text: string, sink: (group: Array<{ term: string; kind: TermKind }>) => void): void {
  scanTokens(text, (raw) => {
    const group: Array<{ term: string; kind: TermKind }> = [];
    emitToken(raw, (term, kind) => group.push({ term, kind }));
    if (group.length) sink(group);
  });
}

function scanTokens(text: string, onToken: (raw: string) => void): void {
  const s = prepareText(text);
  RAW.lastIndex = 0;
  for (let m = RAW.exec(s); m !== null; m = RAW.exec(s)) onToken(m[0]);
}

/** How many tokens of `text` are longer than MAX_TERM_LENGTH (not indexed whole), for the build's warning. */
export function countOverlongTokens(text: string): number {
  // Cheap exit: ASCII keeps its length through prepareText, so without a run
  // of more than MAX_TERM_LENGTH non-spaces no token can be over-long.
  if (ASCII_ONLY.test(text) && !LONG_RUN.test(text)) return 0;
  let n = 0;
  scanTokens(text, (raw) => {
    if (isOverlong(raw)) n++;
  });
  return n;
}
