/**
 * Cuts one long group into overlapping windows. Windows are balanced (a
 * 450-word section becomes three of ~170, not 200 + 200 + 50), end on a
 * block boundary when one is near, and repeat the tail of the previous
 * window so that a thought cut at the boundary is whole in at least one
 * passage.
 */
import type { Unit } from './units.ts';

export interface WindowOptions {
  chunkWords: number;
  overlapWords: number;
}

/** before[i] = words in units[0..i), so the words after any cut cost O(1) (a page may be one 250,000-unit section). */
function prefixWords(units: readonly Unit[]): number[] {
  const before = new Array<number>(units.length + 1);
  before[0] = 0;
  for (let i = 0; i < units.length; i++) before[i + 1] = before[i] + units[i].words;
  return before;
}

/**
 * [start, end) unit ranges, in order, covering every unit. Units must be at
 * most chunkWords / 2 words (see `toUnits`) so that an overlap always fits.
 */
export function windowRanges(units: readonly Unit[], opts: WindowOptions): Array<[number, number]> {
  const before = prefixWords(units);
  const total = before[units.length];
  const overlapWords = Math.max(1, Math.min(opts.overlapWords, Math.floor(opts.chunkWords / 3)));
  const step = Math.max(1, opts.chunkWords - overlapWords);
  const count = Math.max(1, Math.ceil((total - overlapWords) / step));
  const target = Math.min(opts.chunkWords, Math.ceil((total + (count - 1) * overlapWords) / count));

  const ranges: Array<[number, number]> = [];
  let start = 0;
  let firstNew = 0; // first unit no earlier window holds
  for (;;) {
    let end = start;
    let words = 0;
    // Always take at least one unseen unit, so every iteration advances.
    while (end < units.length && (end <= firstNew || words + units[end].words <= target)) words += units[end++].words;
    // A one-unit window could not share anything with the next one: allow up to chunkWords.
    while (end - start < 2 && end < units.length && words + units[end].words <= opts.chunkWords) words += units[end++].words;

    // Take a small remainder now rather than leaving a runt window.
    const rest = total - before[end];
    if (end < units.length && rest <= target * 0.25 && words + rest <= opts.chunkWords * 1.5) end = units.length;

    // Cutting inside a block: move the cut back to a block start if that keeps 3/4 of the window.
    if (end < units.length && units[end].block === units[end - 1].block) {
      let w = words;
      for (let b = end - 1; b > firstNew; b--) {
        w -= units[b].words;
        if (w < target * 0.75) break;
        if (units[b].block !== units[b - 1].block) {
          end = b;
          break;
        }
      }
    }
    ranges.push([start, end]);
    if (end >= units.length) return ranges;
    firstNew = end;
    // Repeat about overlapWords from the end (at least one unit) in the next window.
    let back = end - 1;
    let overlap = units[back].words;
    while (back - 1 > start && overlap + units[back - 1].words <= overlapWords * 1.3) overlap += units[--back].words;
    start = back > start ? back : end;
  }
}
