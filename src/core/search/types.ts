import type { FusionMethod } from '../format/manifest.ts';
import type { QuarryErrorCode } from '../errors.ts';

export type SearchMode = 'hybrid' | 'lexical' | 'dense';

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

/** Which retrievers contributed: 'lexical' while the model is still loading. */
export type Stage = 'lexical' | 'dense' | 'hybrid';

export interface SearchResponse {
  query: string;
  stage: Stage;
  /** True when no better answer for this query will follow. */
  final: boolean;
  results: PageResult[];
  /** Set when dense retrieval is unavailable; the UI shows it and keeps lexical results. */
  denseError?: { code: QuarryErrorCode; message: string };
  timings: { encodeMs?: number; denseMs?: number; lexicalMs: number; fuseMs: number; totalMs: number };
}
