/** Browser page for MiniSearch: fetches the serialized index on the first query, then searches in the page. */
import { MINISEARCH_CONFIGS, loadMiniSearch, searchMiniSearch } from '../peers/minisearch.ts';
import { installBench } from './bench-api.ts';

const params = new URLSearchParams(location.search);
const config = MINISEARCH_CONFIGS.find((c) => c.name === params.get('config')) ?? MINISEARCH_CONFIGS[0];
let loaded: Promise<ReturnType<typeof loadMiniSearch>> | null = null;
const index = () => (loaded ??= fetch(params.get('index') ?? '/_bench/minisearch.json').then((r) => r.text()).then((json) => loadMiniSearch(json, config)));

installBench(async (q) => searchMiniSearch(await index(), q));
