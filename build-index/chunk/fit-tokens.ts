/**
 * Passages are cut in words, but the encoder reads a fixed number of the
 * model's word-pieces (256 for all-MiniLM-L6-v2, heading prefix included)
 * and silently drops the rest. Identifier-heavy API text splits into many
 * word-pieces per word, so a 200-word passage can be 400 tokens, and dense
 * retrieval would never see its second half. Each passage whose encoder
 * input is over the limit is cut again, measured in tokens, into overlapping
 * windows that fit.
 */
import type { Passage } from '../../src/core/format/docs.ts';
import type { BuildOptions } from '../config.ts';
import { encoderInput } from '../encode/encode-passages.ts';
import { joinUnits, toUnits, type Unit } from './units.ts';
import { countWords } from './words.ts';

export interface TokenBudget {
  /** Tokens the encoder feeds for a text, special tokens included. */
  count(text: string): number;
  /** The model's input limit, special tokens included. */
  maxTokens: number;
  /** Prepended to every passage before encoding (the model's passage prefix). */
  prefix: string;
}

/** Tokens kept free below the limit: the pieces' counts are summed, and joining them can add a token or two. */
const SAFETY_TOKENS = 4;
/** A fitted window smaller than this many tokens is not worth a passage; the budget is too small to fit in. */
const MIN_WINDOW_TOKENS = 32;

export function fitToTokens(passages: readonly Passage[], budget: TokenBudget, fields: BuildOptions['encodeFields']): { passages: Passage[]; overlong: number } {
  const out: Passage[] = [];
  let overlong = 0;
  for (const p of passages) {
    if (budget.count(budget.prefix + encoderInput(p, fields)) <= budget.maxTokens) {
      out.push(p);
      continue;
    }
    overlong++;
    for (const piece of split(p, budget, fields)) out.push(piece);
  }
  return { passages: out, overlong };
}

function split(p: Passage, budget: TokenBudget, fields: BuildOptions['encodeFields']): Passage[] {
  // Special tokens are counted once, in the header; a piece's own count leaves them out.
  const header = budget.count(budget.prefix + encoderInput({ ...p, text: '' }, fields));
  const room = budget.maxTokens - header - SAFETY_TOKENS;
  if (room < MIN_WINDOW_TOKENS) return [p]; // a title longer than the model's input: nothing to gain
  const special = budget.count('');
  const measure = (text: string) => Math.max(1, budget.count(text) - special);
  const units = toUnits(p.text.split('\n'), Math.floor(room / 2), measure);
  return fullWindows(units, room).map(([s, e]) => {
    const text = joinUnits(units.slice(s, e));
    const subsections = p.subsections.filter((sub) => text.includes(sub.heading));
    return { ...p, text, words: countWords(text), subsections };
  });
}

/**
 * [start, end) unit ranges of about `room` tokens each, as few as cover every
 * unit, spread evenly from the first unit to the last. Every window is as long
 * as the model reads: short tail windows would match queries on a few words
 * and outrank whole passages (measured on the PostgreSQL dev set), so windows
 * overlap as much as they must instead.
 */
export function fullWindows(units: readonly Unit[], room: number): Array<[number, number]> {
  const before = [0];
  for (const u of units) before.push(before[before.length - 1] + u.words);
  const total = before[units.length];
  const count = Math.max(1, Math.ceil(total / room));
  const step = count > 1 ? (total - room) / (count - 1) : 0;
  const out: Array<[number, number]> = [];
  let previousEnd = 0;
  for (let i = 0; previousEnd < units.length || i === 0; i++) {
    // The first unit at or after the evenly spaced start, never past the previous window's end (no gaps).
    let start = 0;
    while (start < units.length && before[start] < i * step) start++;
    start = Math.min(start, previousEnd);
    let end = start + 1;
    while (end < units.length && before[end + 1] - before[start] <= room) end++;
    if (end >= units.length) {
      // The last window: as long as the room allows, reaching back.
      while (start > 0 && before[end] - before[start - 1] <= room) start--;
    }
    out.push([start, end]);
    previousEnd = end;
  }
  return out;
}
