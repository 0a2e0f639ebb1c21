/**
 * The answer card, without an LLM: the one sentence (or two) of the top
 * passages that best answers a question, linked with a text fragment so the
 * browser scrolls to it and highlights it on the page. Nothing is generated:
 * the card quotes the page, which is why it can be trusted.
 *
 * Sentences are scored by the same sentence encoder as the index (cosine to
 * the query) plus a little word overlap, and a card is shown only when the
 * best sentence is close to the query and clearly ahead of the rest.
 */
import type { Encoder } from '../encoder.ts';
import type { PassageText } from '../format/docs.ts';
import { passageHref } from '../format/url.ts';
import type { LoadedIndex } from '../load/open-index.ts';
import { looksLiteral } from '../text/literal.ts';
import { splitSentences, type Sentence } from '../text/sentences.ts';
import { queryTerms } from '../text/query-terms.ts';
import { tokenize } from '../text/tokenize.ts';
import { encoderText } from './prepare-query.ts';
import type { Answer } from './types.ts';

/** Passages of the top page read for a card, so the cost stays one small batch. */
export const ANSWER_PASSAGES = 3;
/** Sentences encoded at most (about 0.3 s in a WASM worker). */
const MAX_SENTENCES = 32;
/** A sentence shorter than this many words says too little to answer anything; longer reads as a paragraph. */
const MIN_WORDS = 6;
const MAX_WORDS = 60;
/** Word overlap with the query adds at most this to a sentence's cosine. */
const OVERLAP_WEIGHT = 0.1;
/**
 * A card needs its sentence this close to the query, and this far ahead of
 * the runner-up from another place. Set on the dev set's question and
 * paraphrase queries, read by hand: at 0.65, 5 of 12 cards said what the
 * query asked; at 0.7, 3 of 4 (and 7 of 10 on the Django and SQLite sets).
 * A wrong card costs more trust than a missing one.
 */
export const MIN_SCORE = 0.7;
export const MIN_LEAD = 0.02;
/** A best sentence this short takes the next one along, when it follows in the same section. */
const SHORT_CHARS = 90;
/** Words quoted at each end of a long sentence's text fragment (textStart,textEnd). */
const FRAGMENT_WORDS = 5;
const QUESTION = /^(?:how|what|why|when|where|which|who|whom|whose|can|could|does|do|did|is|are|should|will|would|may)\b/iu;

/** A question or a paraphrase, not a name to look up: only those get a card. */
export function wantsAnswer(raw: string): boolean {
  const q = raw.trim();
  if (looksLiteral(q)) return false;
  const words = q.split(/\s+/u).filter(Boolean).length;
  return q.endsWith('?') || QUESTION.test(q) || words >= 4;
}

interface Candidate {
  passage: number;
  sentence: Sentence;
  /** The sentences shown (the best, maybe with the next one). */
  text: string;
  /** What is encoded: the sentence under its heading, which often names what the sentence is about. */
  context: string;
  section: number;
  overlap: number;
  score: number;
  record: PassageText;
}

/**
 * `passages`: the response's top passage ids, best first. Null when the
 * query wants no card or no sentence stands out.
 */
export async function pickAnswer(index: LoadedIndex, encoder: Encoder, raw: string, passages: readonly number[]): Promise<Answer | null> {
  if (!wantsAnswer(raw)) return null;
  const wanted = new Set(queryTerms(raw).terms);
  const candidates: Candidate[] = [];
  // Only the top page's passages: the ranking already weighed the whole passage, and on the dev set a
  // sentence pulled from a lower page was more often a near-miss than the answer.
  if (passages.length === 0) return null;
  const topPage = index.pageOf(passages[0]);
  for (const id of passages.filter((p) => index.pageOf(p) === topPage).slice(0, ANSWER_PASSAGES)) {
    let record: PassageText;
    try {
      record = await index.passage(id);
    } catch {
      continue; // an unreadable shard costs the card, never the results
    }
    const { text, breadcrumb } = record;
    const subsections = record.subsections || [];
    const sentences = splitSentences(text, subsections.map(([, heading]) => heading));
    sentences.forEach((s, i) => {
      if (s.kind !== 'prose') return;
      const words = s.text.split(/\s+/u).length;
      if (words < MIN_WORDS || words > MAX_WORDS) return;
      const next = sentences[i + 1];
      const joined = s.text.length < SHORT_CHARS && next?.kind === 'prose' && next.section === s.section ? text.slice(s.start, next.end) : s.text;
      const tokens = new Set(tokenize(joined));
      let hits = 0;
      for (const t of wanted) if (tokens.has(t)) hits++;
      const heading = s.section >= 0 ? subsections[s.section][1] : breadcrumb[breadcrumb.length - 1] ?? '';
      candidates.push({ passage: id, record, sentence: s, text: joined, context: heading ? `${heading}: ${joined}` : joined, section: s.section, overlap: wanted.size ? hits / wanted.size : 0, score: 0 });
    });
  }
  if (candidates.length === 0) return null;
  const pool = candidates.slice(0, MAX_SENTENCES);
  const [queryVector] = await encoder.encode([encoderText(raw)], 'query');
  const vectors = await encoder.encode(pool.map((c) => c.context), 'passage');
  pool.forEach((c, i) => (c.score = dot(queryVector, vectors[i]) + OVERLAP_WEIGHT * c.overlap));
  pool.sort((a, b) => b.score - a.score);
  const [best] = pool;
  // The runner-up from elsewhere: a neighbouring sentence of the same paragraph says the same thing.
  const rival = pool.find((c) => c.passage !== best.passage || Math.abs(c.sentence.start - best.sentence.start) > best.text.length + 200);
  if (best.score < MIN_SCORE || (rival && best.score - rival.score < MIN_LEAD)) return null;
  return toAnswer(index, best);
}

function toAnswer(index: LoadedIndex, c: Candidate): Answer {
  const { url, title, anchor, breadcrumb, subsections } = c.record;
  const sub = subsections && c.section >= 0 ? subsections[c.section] : null;
  const target = sub ? sub[0] : anchor;
  const crumbs = [title, ...breadcrumb, ...(sub ? [sub[1]] : [])].filter((x, i, all) => x && all.indexOf(x) === i);
  return { text: c.text, href: `${passageHref(url, target)}${target ? '' : '#'}${textFragment(c.text)}`, breadcrumb: crumbs, passage: c.passage, score: Math.round(c.score * 1e4) / 1e4 };
}

/**
 * `:~:text=` for a quoted sentence: the whole of a short one, else its first
 * and last few words (textStart,textEnd), which survive small differences in
 * the middle (inline markup, a footnote mark) between index text and page.
 */
export function textFragment(sentence: string): string {
  const words = sentence.replace(/\s+/gu, ' ').trim().split(' ');
  const part = (w: string[]) => fragmentText(w.join(' '));
  if (words.length <= FRAGMENT_WORDS * 2 + 1) return `:~:text=${part(words)}`;
  return `:~:text=${part(words.slice(0, FRAGMENT_WORDS))},${part(words.slice(-FRAGMENT_WORDS))}`;
}

/** Percent-encodes a text directive's term: `-`, `,` and `&` are its syntax. */
function fragmentText(s: string): string {
  return encodeURIComponent(s).replace(/-/gu, '%2D').replace(/,/gu, '%2C');
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
