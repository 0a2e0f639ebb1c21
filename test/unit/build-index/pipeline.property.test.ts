/**
 * Property: generated HTML goes through extract → chunk → the BM25 builder
 * (as write-index.ts calls it) without an exception, and every word of the
 * page's content ends up in some passage and in the index vocabulary.
 *
 * What the extractor drops on purpose, and so the model below drops too:
 * - everything outside the content containers: every outermost <main> that
 *   is not inside a dropped element, else every such <article>, else the
 *   body. Containers that hold under 30% of the page's prose and under 20% of
 *   its text are passed over (generated pages have no links, so prose and
 *   text are the same), and the body is used when they hold no text at all;
 * - inside it, <nav>, <script>, <style> and elements with `hidden`,
 *   `aria-hidden="true"` or `data-quarry-ignore`, with all they contain;
 * - tokens without a letter or digit ("—", "|") are not words;
 * - a heading with no text under it (before the next heading of its level or
 *   higher) unless it is the page title (the first h1; the <title> otherwise);
 * - nothing at all when the content has no word (no passage is made).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../build-index/extract/extract.ts';
import { chunkPage } from '../../../build-index/chunk/chunk.ts';
import { Bm25Index, buildBm25 } from '../../../src/core/lexical/bm25.ts';
import { tokenize } from '../../../src/core/text/tokenize.ts';

type Node = { kind: 'text'; words: string[] } | { kind: 'el'; tag: string; attrs: Record<string, string>; children: Node[] };

const DROPPED_TAGS = new Set(['nav', 'script', 'style']);
const DROPPING_ATTRS: Array<[string, string]> = [['hidden', ''], ['aria-hidden', 'true'], ['data-quarry-ignore', '']];
const WORDISH = /[\p{L}\p{N}]/u;

const word = fc
  .oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-z]{1,10}$/) },
    { weight: 2, arbitrary: fc.constantFrom('café', 'naïve', 'Straße', '数据库', '全文検索', 'قاعدة', 'שלום', 'Ελληνικά', '😀ok', 'max_wal_size', 'os.path.join', '--no-cache', 'C++', 'don’t', '50%', 'a&b', '<tag>', '"q"', 'x=1;', '—', '|', 'v15.2') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
  )
  .filter((w) => !/[\s\u0000-\u001f\u007f-\u009f\u200b\u00ad\ufeff]/u.test(w) && w.length > 0);

const words = fc.array(word, { minLength: 1, maxLength: 6 });
const text: fc.Arbitrary<Node> = words.map((w) => ({ kind: 'text', words: w }));

const attrs = fc
  .record(
    {
      id: fc.integer({ min: 0, max: 30 }).map((i) => `i${i}`),
      class: fc.constantFrom('note', 'lead', 'x1 x2', 'warning'),
      title: fc.constantFrom('t', 'a "b"'),
      lang: fc.constantFrom('en', 'fr'),
      'data-x': fc.constantFrom('1', ''),
      drop: fc.constantFrom(...DROPPING_ATTRS),
    },
    { requiredKeys: [] },
  )
  .map(({ drop, ...rest }) => (drop ? { ...rest, [drop[0]]: drop[1] } : rest) as Record<string, string>);

const el = (tag: string, children: fc.Arbitrary<Node[]>): fc.Arbitrary<Node> => fc.tuple(attrs, children).map(([a, c]) => ({ kind: 'el', tag, attrs: a, children: c }));

const { block } = fc.letrec<{ block: Node }>((tie) => {
  const blocks = fc.array(tie('block'), { minLength: 0, maxLength: 4 });
  const inline = fc.array(fc.oneof(text, el('code', fc.array(text, { minLength: 1, maxLength: 1 }))), { minLength: 1, maxLength: 3 });
  return {
    block: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      el('p', inline),
      el('pre', inline),
      fc.constantFrom('h1', 'h2', 'h3', 'h4', 'h5', 'h6').chain((h) => el(h, fc.array(text, { minLength: 1, maxLength: 1 }))),
      fc.constantFrom('div', 'section', 'main', 'article', 'nav').chain((t) => el(t, blocks)),
      el('ul', fc.array(el('li', fc.array(fc.oneof(text, tie('block')), { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 })),
      el('table', fc.array(el('tr', fc.array(el('td', inline), { minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 3 })),
      fc.constantFrom('script', 'style').chain((t) => el(t, fc.array(fc.stringMatching(/^[a-z]{1,8}$/).map((w): Node => ({ kind: 'text', words: [w] })), { minLength: 1, maxLength: 2 }))),
    ),
  };
});

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => escape(s).replace(/"/g, '&quot;');

function render(n: Node): string {
  if (n.kind === 'text') return n.words.map(escape).join(' ');
  const a = Object.entries(n.attrs).map(([k, v]) => (v === '' ? ` ${k}` : ` ${k}="${attr(v)}"`)).join('');
  return `<${n.tag}${a}> ${n.children.map(render).join(' ')} </${n.tag}>`;
}

type Item = { kind: 'heading'; level: number; words: string[] } | { kind: 'text'; words: string[] };

function isDropped(n: Node): boolean {
  return n.kind === 'el' && (DROPPED_TAGS.has(n.tag) || DROPPING_ATTRS.some(([k]) => k in n.attrs));
}

/** Headings and text of `root`'s content, in document order, without what the extractor drops. */
function items(root: Node, out: Item[] = []): Item[] {
  if (root.kind === 'text') out.push({ kind: 'text', words: root.words });
  else if (/^h[1-6]$/.test(root.tag)) out.push({ kind: 'heading', level: Number(root.tag[1]), words: root.children.flatMap((c) => (c.kind === 'text' ? c.words : [])) });
  else for (const c of root.children) if (!isDropped(c)) items(c, out);
  return out;
}

/** Every `tag` element that is inside neither another one nor a dropped element, in document order. */
function outermost(n: Node, tag: string, out: Node[] = []): Node[] {
  if (n.kind === 'text' || isDropped(n)) return out;
  if (n.tag === tag) out.push(n);
  else for (const c of n.children) outermost(c, tag, out);
  return out;
}

const chars = (list: Item[]): number => list.reduce((n, i) => n + i.words.join('').length, 0);

/** The words the index must hold for this page body, or null when the page has no text to index. */
function expectedWords(body: Node): string[] | null {
  const all = items(body);
  let list: Item[] = [];
  for (const tag of ['main', 'article']) {
    const found = outermost(body, tag);
    if (!found.length) continue;
    const inside = found.flatMap((c) => items(c));
    if (chars(inside) < chars(all) * 0.3 && chars(inside) < chars(all) * 0.2) continue;
    list = inside;
    break;
  }
  if (!list.some((i) => i.kind === 'text')) list = all;
  if (!list.some((i) => i.kind === 'text')) return null;
  // No word at all: no passage, so not even the title is indexed.
  if (!list.some((i) => i.kind === 'text' && i.words.some((w) => WORDISH.test(w)))) return [];
  // The page has a <title>, so only a first h1 takes its place.
  const title = list.find((i) => i.kind === 'heading' && i.level === 1);
  const out: string[] = [];
  list.forEach((item, k) => {
    if (item.kind === 'text') {
      out.push(...item.words);
      return;
    }
    let hasBody = false;
    for (let j = k + 1; j < list.length; j++) {
      const next = list[j];
      if (next.kind === 'heading' && next.level <= item.level) break;
      if (next.kind === 'text' && next.words.some((w) => WORDISH.test(w))) hasBody = true;
    }
    if (hasBody || item === title) out.push(...item.words);
  });
  return out.filter((w) => WORDISH.test(w));
}

describe('extract → chunk → index keeps every word of generated pages', () => {
  it('property', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 6 }), (children) => {
        const body: Node = { kind: 'el', tag: 'body', attrs: {}, children };
        const html = `<!doctype html><html><head><title>Generated</title></head><body>${children.map(render).join('\n')}</body></html>`;
        const expected = expectedWords(body);
        const result = extractPage('gen.html', Buffer.from(html), { selector: null });
        if (expected === null) {
          expect(result.kind).toBe('skip');
          return;
        }
        if (result.kind !== 'page') throw new Error(`skipped: ${JSON.stringify(result.warnings)}`);
        const passages = chunkPage(result.page, { chunkWords: 40, overlapWords: 8, minWords: 10 });
        const fields = passages.map((p) => ({
          fields: [
            { text: p.title, boost: 3 },
            { text: [...p.breadcrumb.filter((b) => b !== p.title), ...p.subsections.map((s) => s.heading)].join(' '), boost: 2 },
            { text: p.text, boost: 1 },
          ],
        }));
        const vocabulary = new Set(Bm25Index.decode(buildBm25(fields)).vocabulary());
        const indexed = passages.map((p) => [p.title, ...p.breadcrumb, p.text].join('\n')).join('\n');
        for (const w of expected) {
          expect(indexed, `"${w}" missing from the passages of\n${html}`).toContain(w);
          for (const term of tokenize(w)) expect(vocabulary.has(term), `term "${term}" of "${w}" not in the index`).toBe(true);
        }
      }),
      { numRuns: Number(process.env.QUARRY_PROPERTY_RUNS ?? 150) },
    );
  });
});
