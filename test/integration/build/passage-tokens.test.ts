/**
 * Passages fit the model's input: all-MiniLM-L6-v2 reads 256 word-pieces
 * (heading prefix included) and silently drops the rest, so identifier-heavy
 * API text cut at 200 words lost its tail to dense retrieval. Uses the real
 * tokenizer of the default model.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkPage } from '../../../build-index/chunk/chunk.ts';
import { fitToTokens, type TokenBudget } from '../../../build-index/chunk/fit-tokens.ts';
import { encoderInput } from '../../../build-index/encode/encode-passages.ts';
import type { ExtractedPage } from '../../../build-index/extract/types.ts';
import { prepareDefaultModel } from '../../../src/model/prepare.ts';
import { countTokens, loadTokenizer } from '../../../src/node/tokenizer.ts';

const FIELDS = ['title', 'breadcrumb', 'text'] as const;
const CHUNK = { chunkWords: 200, overlapWords: 35, minWords: 50 };
let budget: TokenBudget;

beforeAll(async () => {
  const model = await prepareDefaultModel();
  const { tokenizer, maxTokens } = await loadTokenizer(model.dir, model.maxTokens);
  budget = { count: (t) => countTokens(tokenizer, t), maxTokens, prefix: model.passagePrefix };
}, 600_000);

/** A gtk-doc-like entry: 200 words, most of them long C identifiers (many word-pieces each). */
function apiPage(): ExtractedPage {
  const words = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? `gtk_widget_get_preferred_size_for_height_${i}` : i % 3 === 1 ? 'returns' : 'the'));
  return {
    url: 'gtk/GtkWidget.html', title: 'GtkWidget', lang: 'en', canonical: null, meta: {}, weight: 1,
    sections: [{ level: 2, heading: 'gtk_widget_get_preferred_size ()', anchor: 'gtk-widget-get-preferred-size', path: ['GtkWidget', 'gtk_widget_get_preferred_size ()'], blocks: [words.join(' ') + '.'], weight: 1 }],
  };
}

describe('passages sized in the model tokens', () => {
  it('a 200-word identifier-heavy passage over 256 tokens is split; no piece exceeds the limit and no word is lost', () => {
    const passages = chunkPage(apiPage(), CHUNK);
    expect(passages).toHaveLength(1);
    expect(budget.count(budget.prefix + encoderInput(passages[0], [...FIELDS]))).toBeGreaterThan(budget.maxTokens);
    const fitted = fitToTokens(passages, budget, [...FIELDS]);
    expect(fitted.overlong).toBe(1);
    expect(fitted.passages.length).toBeGreaterThan(1);
    for (const p of fitted.passages) {
      expect(budget.count(budget.prefix + encoderInput(p, [...FIELDS]))).toBeLessThanOrEqual(budget.maxTokens);
      expect(p.anchor).toBe('gtk-widget-get-preferred-size');
    }
    const joined = fitted.passages.map((p) => p.text).join(' ');
    for (const w of passages[0].text.split(/\s+/)) expect(joined).toContain(w);
  });

  it('passages within the limit are left exactly as they were', () => {
    const page = { ...apiPage(), sections: [{ ...apiPage().sections[0], blocks: ['Gets the preferred size of the widget for the given height.'] }] };
    const passages = chunkPage(page, CHUNK);
    expect(fitToTokens(passages, budget, [...FIELDS])).toEqual({ passages, overlong: 0 });
  });
});
