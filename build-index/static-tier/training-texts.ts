/**
 * What the static table learns from, none of it labelled: short texts of
 * the site that look like what visitors type (section headings, sentences,
 * short spans of passages), which the full model then encodes as queries.
 */
import type { Passage } from '../../src/core/format/docs.ts';
import { splitSentences } from '../../src/core/text/sentences.ts';
import { staticWords } from '../../src/core/static/words.ts';
import { seeded } from '../random.ts';

export interface TrainingTextBudget {
  /** Texts to encode in all; headings take up to a quarter, sentences half, spans the rest. */
  total: number;
  seed: number;
}

export function trainingTexts(passages: readonly Passage[], budget: TrainingTextBudget): string[] {
  const random = seeded(budget.seed);
  const seen = new Set<string>();
  const take = (t: string): boolean => {
    const key = staticWords(t).join(' ');
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const headings: string[] = [];
  for (const p of passages) {
    for (const h of [p.breadcrumb[p.breadcrumb.length - 1] ?? p.title, ...p.subsections.map((s) => s.heading)]) {
      const clean = h.replace(/^[\dA-Z]{0,2}(?:\.\d+)*\.?\s+/u, '').trim();
      if (clean && take(clean)) headings.push(clean);
    }
  }
  const sentences: string[][] = [];
  for (const p of passages) {
    for (const s of splitSentences(p.text)) if (s.kind === 'prose' && s.text.split(/\s+/u).length >= 4) sentences.push(s.text.split(/\s+/u));
  }
  // A small site has few sentences: more spans of each, so the table still sees its words in many contexts.
  const perSentence = Math.max(1, Math.min(8, Math.ceil(budget.total / 4 / Math.max(1, sentences.length))));
  const spans: string[] = [];
  for (const words of sentences) {
    for (let k = 0; k < perSentence && words.length >= 6; k++) {
      const n = 2 + Math.floor(random() * 7);
      const at = Math.floor(random() * Math.max(1, words.length - n));
      spans.push(words.slice(at, at + n).join(' '));
    }
  }
  const out = sample(headings, Math.floor(budget.total / 4), random);
  for (const t of sample(sentences.map((w) => w.slice(0, 32).join(' ')), Math.floor(budget.total / 2), random)) if (take(t)) out.push(t);
  for (const t of sample(spans, budget.total - out.length, random)) if (take(t)) out.push(t);
  return out;
}

/** Up to `n` items in their original order, chosen evenly at random. */
function sample<T>(items: readonly T[], n: number, random: () => number): T[] {
  if (items.length <= n) return [...items];
  const picked = new Set<number>();
  while (picked.size < n) picked.add(Math.floor(random() * items.length));
  return [...picked].sort((a, b) => a - b).map((i) => items[i]);
}
