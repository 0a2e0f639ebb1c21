/**
 * Splits a group's blocks into the smallest pieces a window may start or end
 * at: sentences (or lines of code), and single words for sentences too long
 * to fit in one passage. Pieces of one block concatenate back to the block
 * exactly, so joining them never glues or duplicates words.
 */
import { countWords, wordSlices } from './words.ts';

export interface Unit {
  text: string;
  words: number;
  /** Index of the block this piece came from. */
  block: number;
}

/** Sentence ends (Latin and CJK punctuation) and line breaks, keeping the delimiter with the left piece. */
const SENTENCE_END = /(?<=[.!?;:。！？；])\s+|(?<=[。！？])|\n+/gu;

export function sentenceSlices(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const end = m.index! + m[0].length;
    if (end > start && end < text.length) {
      out.push(text.slice(start, end));
      start = end;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * `measure` sizes a piece (words by default; the model's tokens when
 * passages are fitted to its input limit); `words` of each unit is that size.
 */
export function toUnits(blocks: readonly string[], maxUnitWords: number, measure: (text: string) => number = countWords): Unit[] {
  const units: Unit[] = [];
  blocks.forEach((block, b) => {
    for (const sentence of sentenceSlices(block)) {
      const words = measure(sentence);
      if (words <= maxUnitWords) {
        units.push({ text: sentence, words, block: b });
        continue;
      }
      for (const w of wordSlices(sentence)) units.push({ text: w, words: measure(w), block: b });
    }
  });
  return units;
}

/** Joins consecutive units: same block → concatenated as-is, new block → newline. */
export function joinUnits(units: readonly Unit[]): string {
  let out = '';
  for (let i = 0; i < units.length; i++) {
    if (i > 0 && units[i].block !== units[i - 1].block) out = out.trimEnd() + '\n';
    out += units[i].text;
  }
  return out.trim();
}
