/**
 * Browser page for Pagefind: its own pagefind.js (bundle folder from
 * ?bundle=), search, then `data()` for the top 10 results — what a results
 * list needs to render (URL + title + excerpt).
 */
import { installBench } from './bench-api.ts';

interface PagefindResult {
  data(): Promise<{ url: string }>;
}
interface Pagefind {
  init(): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] }>;
}

const bundle = new URLSearchParams(location.search).get('bundle') ?? '/pagefind/';
let loaded: Promise<Pagefind> | null = null;
// A variable specifier keeps esbuild from trying to bundle Pagefind's own file.
const pagefind = () => (loaded ??= import(/* @vite-ignore */ `${bundle}pagefind.js`) as Promise<Pagefind>);

installBench(async (q) => {
  const pf = await pagefind();
  const { results } = await pf.search(q);
  const top = await Promise.all(results.slice(0, 10).map((r) => r.data()));
  return top.map((d) => d.url);
});
