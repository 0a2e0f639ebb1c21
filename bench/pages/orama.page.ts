/** Browser page for Orama: fetches the serialized database on the first query, then searches in the page. */
import { ORAMA_CONFIGS, loadOrama, searchOrama } from '../peers/orama.ts';
import { installBench } from './bench-api.ts';

const params = new URLSearchParams(location.search);
const config = ORAMA_CONFIGS.find((c) => c.name === params.get('config')) ?? ORAMA_CONFIGS[0];
let loaded: Promise<ReturnType<typeof loadOrama>> | null = null;
const db = () => (loaded ??= fetch(params.get('index') ?? '/_bench/orama.json').then((r) => r.text()).then((json) => loadOrama(json, config)));

installBench(async (q) => searchOrama(await db(), q));
