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
import type { ChunkOptions } from './chunk.ts';
import { joinUnits, toUnits } from './units.ts';
import { windowRanges } from './window.ts';
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

export function fitToTokens(
  passages: readonly Passage[],
  budget: TokenBudget,
  fields: BuildOptions['encodeFields'],
  chunk: ChunkOptions,
): { passages: Passage[]; overlong: number } {
  const out: Passage[] = [];
  let overlong = 0;
  for (const p of passages) {
    if (budget.count(budget.prefix + encoderInput(p, fields)) <= budget.maxTokens) {
      out.push(p);
      continue;
    }
    overlong++;
    for (const piece of split(p, budget, fields, chunk)) out.push(piece);
  }
  return { passages: out, overlong };
}

function split(p: Passage, budget: TokenBudget, fields: BuildOptions['encodeFields'], chunk: ChunkOptions): Passage[] {
  // Special tokens are counted once, in the header; a piece's own count leaves them out.
  const header = budget.count(budget.prefix + encoderInput({ ...p, text: '' }, fields));
  const room = budget.maxTokens - header - SAFETY_TOKENS;
  if (room < MIN_WINDOW_TOKENS) return [p]; // a title longer than the model's input: nothing to gain
  const special = budget.count('');
  const measure = (text: string) => Math.max(1, budget.count(text) - special);
  // Same proportions as the word windows: overlap and unit size scale with the room.
  const overlap = Math.max(1, Math.round((room * chunk.overlapWords) / chunk.chunkWords));
  const units = toUnits(p.text.split('\n'), Math.floor(room / 2), measure);
  const pieces: Passage[] = [];
  for (const [s, e] of windowRanges(units, { chunkWords: room, overlapWords: overlap, maxWords: room })) {
    const text = joinUnits(units.slice(s, e));
    const subsections = p.subsections.filter((sub) => text.includes(sub.heading));
    pieces.push({ ...p, text, words: countWords(text), subsections });
  }
  return pieces;
}
