/**
 * What the widget tells a visitor when part of search is lost. The
 * technical message (file, HTTP status, what to redeploy) is for the site
 * author: it goes to `console.debug` and the `quarry:error` event, never
 * into the dialog.
 */
import type { DenseError, SearchNotice } from '../core/search/types.ts';

const REASON_BY_CODE: Partial<Record<DenseError['code'], string>> = {
  MODEL_NOT_FOUND: 'the model files are missing',
  NETWORK: 'the model could not be downloaded',
  WORKER_FAILED: 'the search worker could not run in this browser',
  INDEX_CORRUPT: "the index's vectors could not be loaded",
};

export function semanticUnavailableText(error: DenseError): string {
  const reason = error.reason?.trim() || REASON_BY_CODE[error.code] || 'the model could not be loaded';
  return `Semantic search is unavailable (${reason}). Showing keyword results.`;
}

export function indexNoticeText(notices: readonly SearchNotice[]): string | null {
  return notices.length ? 'Part of the search index could not be loaded; some results or excerpts may be missing.' : null;
}
