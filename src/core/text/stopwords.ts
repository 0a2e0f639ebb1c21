import { stem } from './stem.ts';

/** English function words: dropped from queries, never from the index. */
export const STOP_WORDS: ReadonlySet<string> = Object.freeze(
  new Set(
    (
      'a about above after again against all am an and any are as at be because been before being below ' +
      'between both but by can could did do does doing down during each few for from further had has have ' +
      'having he her here hers herself him himself his how i if in into is it its itself just me more most ' +
      'my myself no nor not of off on once only or other our ours ourselves out over own same she should so ' +
      'some such than that the their theirs them themselves then there these they this those through to too ' +
      'under until up very was we were what when where which while who whom why will with would you your ' +
      'yours yourself yourselves also may might must shall us get got let'
    ).split(' '),
  ),
);

// The tokenizer stems plain words, so the filter must compare stems.
const STOP_STEMS: ReadonlySet<string> = new Set([...STOP_WORDS].map(stem).concat([...STOP_WORDS]));

/** True for a term (as the tokenizer emits it) that is an English stop word. */
export function isStopTerm(term: string): boolean {
  return STOP_STEMS.has(term);
}
