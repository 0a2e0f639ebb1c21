/**
 * Orama 3 (BM25) over the page text Quarry extracted. Pure module (no Node
 * APIs): the browser page bundles it too.
 *
 * Configurations tried (the best by dev nDCG@10 is the one reported):
 *   granularity: one document per page, or one per section;
 *   "default":   Orama's defaults (no stemming), title boost ×2;
 *   "stem+stop": English stemming on and English stop words dropped
 *                (`components.tokenizer.stemming` / `stopWords`), title boost ×2 —
 *                without a stop-word list Orama ranks long questions by "the", "how"…
 * Typo tolerance is left off: Orama's `tolerance` scans the whole vocabulary
 * per term and is meant for short fields.
 */
import { create, insertMultiple, load, save, search, type AnyOrama, type RawData } from '@orama/orama';
import type { PeerDoc } from './minisearch.ts';

export interface OramaConfig {
  name: string;
  granularity: 'page' | 'section';
  stemming: boolean;
  stopWords: boolean;
}

/** A plain English function-word list (Orama ships none in the core package). */
const STOP_WORDS = (
  'a about above after again against all am an and any are as at be because been before being below ' +
  'between both but by can could did do does doing down during each few for from further had has have ' +
  'having he her here hers herself him himself his how i if in into is it its itself just me more most ' +
  'my myself no nor not of off on once only or other our ours ourselves out over own same she should so ' +
  'some such than that the their theirs them themselves then there these they this those through to too ' +
  'under until up very was we were what when where which while who whom why will with would you your'
).split(' ');

export const ORAMA_CONFIGS: OramaConfig[] = [
  { name: 'page/default', granularity: 'page', stemming: false, stopWords: false },
  { name: 'page/stem+stop', granularity: 'page', stemming: true, stopWords: true },
  { name: 'section/default', granularity: 'section', stemming: false, stopWords: false },
  { name: 'section/stem+stop', granularity: 'section', stemming: true, stopWords: true },
];

const SCHEMA = { url: 'string', title: 'string', text: 'string' } as const;

function createDb(config: OramaConfig): AnyOrama {
  return create({
    schema: SCHEMA,
    components: { tokenizer: { language: 'english', stemming: config.stemming, stemmerSkipProperties: ['url'], stopWords: config.stopWords ? STOP_WORDS : false } },
  }) as AnyOrama;
}

export async function buildOrama(docs: PeerDoc[], config: OramaConfig): Promise<AnyOrama> {
  const db = createDb(config);
  await insertMultiple(db, docs.map((d) => ({ id: String(d.id), url: d.url, title: d.title, text: d.text })), 500);
  return db;
}

export function serializeOrama(db: AnyOrama): string {
  return JSON.stringify(save(db));
}

export function loadOrama(json: string, config: OramaConfig): AnyOrama {
  const db = createDb(config);
  load(db, JSON.parse(json) as RawData);
  return db;
}

export async function searchOrama(db: AnyOrama, query: string, limit = 100): Promise<string[]> {
  const r = await search(db, { term: query, properties: ['title', 'text'], boost: { title: 2 }, limit });
  return r.hits.map((h) => (h.document as unknown as { url: string }).url);
}
