import type { FusionMethod } from '../format/manifest.ts';
import type { QuarryErrorCode } from '../errors.ts';

/** Every search mode, the default first. */
export const SEARCH_MODES = ['hybrid', 'lexical', 'dense'] as const;

export type SearchMode = (typeof SEARCH_MODES)[number];

export interface SearchOptions {
  /** Pages to return. */
  k?: number;
  mode?: SearchMode;
  fusion?: FusionMethod;
  /** Lexical weight for minmax/zscore fusion (dense gets the rest). */
  lexicalWeight?: number;
  /** Only passages whose page meta has these key:value pairs. */
  filters?: Record<string, string>;
  /** Passages shown per page. */
  passagesPerPage?: number;
}

/** A run of snippet text; `mark` runs matched the query. Rendered as text, never HTML. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

export interface PassageHit {
  /** Passage number in the index. */
  id: number;
  anchor: string;
  breadcrumb: string[];
  /** `url#anchor`, or `url` when the passage has no anchor. */
  href: string;
  score: number;
  snippet: SnippetPart[];
}

export interface PageResult {
  url: string;
  title: string;
  score: number;
  meta: Record<string, string>;
  /** Best passages of this page, best first; one per section. */
  passages: PassageHit[];
}

export interface SearchNotice {
  code: QuarryErrorCode;
  /** Names the file and what to do; for logs and events, not for visitors. */
  message: string;
}

export interface DenseError extends SearchNotice {
  /** What happened in visitor terms ("the model could not be downloaded: model.onnx returned 404"). */
  reason?: string;
}

/** Which retrievers contributed: 'lexical' while the model is still loading. */
export type Stage = 'lexical' | 'dense' | 'hybrid';

/**
 * Which query encoder a dense or hybrid answer used: 'static', the word
 * table distilled at build time (no model download, issue 15), or 'full',
 * the transformer.
 */
export const DENSE_TIERS = ['full', 'static'] as const;
export type DenseTier = (typeof DENSE_TIERS)[number];

/** A way forward from the "no good match" state. */
export interface Suggestion {
  /**
   * 'spelling': the query with unknown words respelled to words the site uses
   * (`text` is the query to run instead); 'heading': a section whose heading is
   * closest to the query (`text` is the heading, `href` its link).
   */
  kind: 'spelling' | 'heading';
  text: string;
  href?: string;
  /** For 'heading': page title and parent headings. */
  breadcrumb?: string[];
}

/**
 * Set when Quarry judged that nothing in the index answers the query: no
 * query word is in the index (even with typo tolerance) and the closest
 * passage's meaning is below the index's calibrated floor. `results` is empty.
 */
export interface NoMatch {
  suggestions: Suggestion[];
}

/**
 * One or two sentences from the top passages that answer a question query,
 * chosen without an LLM: sentence-level dense similarity plus word overlap.
 */
export interface Answer {
  /** The sentence(s) as indexed text; rendered as text. */
  text: string;
  /** `page#anchor:~:text=…`: the browser scrolls to and highlights the sentence. */
  href: string;
  /** Page title, then the headings above the sentence. */
  breadcrumb: string[];
  /** Passage the sentence came from. */
  passage: number;
  /** Cosine similarity of the sentence to the query. */
  score: number;
}

export interface SearchResponse {
  query: string;
  stage: Stage;
  /** The query encoder of a dense or hybrid stage; absent for lexical. */
  tier?: DenseTier;
  /** True when no better answer for this query will follow. */
  final: boolean;
  results: PageResult[];
  /** Nothing answers the query (the widget shows its empty state with these suggestions). */
  noMatch?: NoMatch;
  /**
   * Keyword stage of a natural-language query: keyword hits that covered too
   * little of the query were held back until semantic results arrive.
   */
  withheld?: number;
  /** Set when dense retrieval is unavailable; the UI shows it and keeps lexical results. */
  denseError?: DenseError;
  /** Problems that did not stop this answer (a text shard that failed: its excerpts are empty). */
  notices?: SearchNotice[];
  timings: { encodeMs?: number; denseMs?: number; lexicalMs: number; fuseMs: number; totalMs: number };
}
