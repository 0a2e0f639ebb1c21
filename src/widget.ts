/**
 * Quarry's search widget entry. The bundle entry calls defineQuarrySearch
 * with the real worker client; tests call it with a fake.
 *
 *   <quarry-search index="/search-index/" theme="auto"></quarry-search>
 *
 * Attributes: index, base-url, theme (auto|light|dark), placeholder, k,
 * mode (hybrid|lexical|dense), hotkey (default "k"), no-trigger, no-recent.
 * Methods: open(), close(), search(q). Events (bubbling, composed):
 * `quarry:search` {query, stage, count}, `quarry:select` {url, query, rank,
 * source} (cancelable: preventDefault() to handle navigation yourself),
 * `quarry:no-results` {query}, `quarry:reformulate` {previous, query,
 * elapsedMs}, `quarry:error` {code, message, fatal} (see README "Events").
 */
import type { SearchClient } from './client/types.ts';
import { createWorkerClient } from './client/worker-client.ts';
import { createQuarrySearchClass, type QuarrySearchElement } from './ui/element.ts';

export type {
  QuarrySearchElement,
  QuarrySearchEventDetail,
  QuarrySelectEventDetail,
  QuarryNoResultsEventDetail,
  QuarryReformulateEventDetail,
  QuarryErrorEventDetail,
} from './ui/element.ts';

declare global {
  interface HTMLElementTagNameMap {
    'quarry-search': QuarrySearchElement;
  }
}

export interface DefineQuarrySearchOptions {
  /** The search behind the element (default: Quarry's worker, `quarry.worker.js` in the index folder). */
  createClient?: (indexUrl: string) => SearchClient;
  /** Element name (default "quarry-search"). */
  tagName?: string;
  /** Index folder used when the element has no `index` attribute. */
  defaultIndexUrl?: string;
}

/** Registers the element. Idempotent: a second call for the same tag name does nothing. */
export function defineQuarrySearch(options: DefineQuarrySearchOptions = {}): void {
  if (typeof customElements === 'undefined') return;
  const tagName = options.tagName ?? 'quarry-search';
  if (customElements.get(tagName)) return;
  customElements.define(tagName, createQuarrySearchClass({ createClient: options.createClient ?? ((indexUrl) => createWorkerClient({ indexUrl })), defaultIndexUrl: options.defaultIndexUrl }));
}
