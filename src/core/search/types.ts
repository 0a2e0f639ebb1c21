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

export interface SearchResponse {
  query: string;
  stage: Stage;
  /** True when no better answer for this query will follow. */
  final: boolean;
  results: PageResult[];
  /** Set when dense retrieval is unavailable; the UI shows it and keeps lexical results. */
  denseError?: DenseError;
  /** Problems that did not stop this answer (a text shard that failed: its excerpts are empty). */
  notices?: SearchNotice[];
  timings: { encodeMs?: number; denseMs?: number; lexicalMs: number; fuseMs: number; totalMs: number };
}
