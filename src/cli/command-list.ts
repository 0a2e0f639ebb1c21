/**
 * The `quarry` commands, declared once: main.ts dispatches from this list
 * and `quarry --help` prints it. Commands load on demand, so `--help` and
 * `--version` import none of them.
 */
export type Command = (args: string[]) => Promise<number>;

export interface CommandEntry {
  name: string;
  /** `quarry --help` lines: [usage, what it does]. */
  summary: Array<[string, string]>;
  load: () => Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'build',
    summary: [['build <site>', 'Index a built docs site into <site>/_quarry (passages, vectors, keyword index, model, widget)']],
    load: async () => (await import('./commands/build.ts')).runBuild,
  },
  {
    name: 'inspect',
    summary: [['inspect <site>', 'Show what build would index: per-page content, headings, dropped blocks; site figures']],
    load: async () => (await import('./commands/inspect.ts')).runInspect,
  },
  { name: 'search', summary: [['search "query"', 'Show the top results for one query            (--index DIR)']], load: async () => (await import('./commands/search.ts')).runSearch },
  { name: 'query', summary: [['query', 'Run a JSONL file of queries, print JSONL      (--index DIR --queries FILE)']], load: async () => (await import('./commands/query.ts')).runQuery },
  { name: 'eval', summary: [['eval', 'nDCG@10 / Recall@10 / MRR@10 per mode and kind (--index DIR --queries FILE)']], load: async () => (await import('./commands/eval.ts')).runEval },
  { name: 'tune', summary: [['tune', 'Pick fusion method + weights on labelled queries and store them in the index']], load: async () => (await import('./commands/tune.ts')).runTune },
  { name: 'check', summary: [['check', 'Nearest-neighbour recall of voy-search vs exact scan, and timings']], load: async () => (await import('./commands/check.ts')).runCheck },
  { name: 'serve', summary: [['serve <dir>', 'Serve a folder locally (preview a site with its search)']], load: async () => (await import('./commands/serve.ts')).runServe },
  {
    name: 'model',
    summary: [
      ['model prepare', 'Convert the embedded all-MiniLM-L6-v2 model to ONNX (runs automatically on first use)'],
      ['model verify', 'Check the converted model against reference embeddings'],
    ],
    load: async () => (await import('./commands/model.ts')).runModel,
  },
];

export function findCommand(name: string): CommandEntry | undefined {
  return COMMANDS.find((c) => c.name === name);
}
