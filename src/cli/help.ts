/** `--help` texts: part of the product, kept beside the commands they describe. */
export const HELP = `quarry — semantic + keyword search for static documentation sites, in the browser

Usage: quarry <command> [options]

Commands:
  build <site>        Index a built docs site into <site>/_quarry (passages, vectors, keyword index, model, widget)
  search "query"      Show the top results for one query            (--index DIR)
  query               Run a JSONL file of queries, print JSONL      (--index DIR --queries FILE)
  eval                nDCG@10 / Recall@10 / MRR@10 per mode and kind (--index DIR --queries FILE)
  tune                Pick fusion method + weights on labelled queries and store them in the index
  check               Nearest-neighbour recall of voy-search vs exact scan, and timings
  serve <dir>         Serve a folder locally (preview a site with its search)
  model prepare       Convert the embedded all-MiniLM-L6-v2 model to ONNX (runs automatically on first use)
  model verify        Check the converted model against reference embeddings

Run \`quarry <command> --help\` for the options of one command.
Everything after \`--\` is positional (not an option), e.g. quarry search --index DIR -- -h
Add to your pages:  <script type="module" src="/_quarry/quarry.js"></script>  and  <quarry-search></quarry-search>
`;

const COMMAND_HELP: Record<string, string> = {
  build: `Usage: quarry build <siteDir> [options]

Reads the built HTML (and Markdown) of a docs site, extracts the main content
with its headings, splits it into passages, encodes them with a sentence
encoder and writes the search index plus the widget into <siteDir>/_quarry.
A failed build leaves the previous index untouched; an unchanged rebuild
re-encodes nothing.

Options:
  --out DIR            Index folder (default: <siteDir>/_quarry)
  --model ID|DIR       "default" (embedded all-MiniLM-L6-v2, offline), a local model
                       folder, or a Hugging Face id (needs network)
  --chunk-words N      Target words per passage (default 200)
  --overlap N          Words shared by consecutive windows of a long section (default 35)
  --min-words N        Shorter sections merge with a neighbour (default 50)
  --include GLOB       Files to index (repeatable; default **/*.{html,htm,md})
  --exclude GLOB       Files to skip (repeatable; adds to the defaults)
  --selector CSS       Main content element (default: auto-detect)
  --query-prefix S     Prefix for queries (e.g. "query: " for E5 models)
  --passage-prefix S   Prefix for passages
  --pooling mean|cls   Pooling (default: the model's)
  --batch-size N       Passages per encoder call (default 16)
  --no-copy-model      Don't copy the model into the index (serve it yourself)
  --sw                 Also write quarry-sw.js, a service worker for full offline search
  --config FILE        quarry.config.json / .js (default: looked up in <siteDir>)
  --json               Print a machine-readable summary on stdout
`,
  search: `Usage: quarry search --index DIR [--mode hybrid|lexical|dense] [--k N] [--json] [--] "query"

-h or --help before \`--\` prints this help. Everything after \`--\` is the query,
so a query may start with "-":  quarry search --index DIR -- -h
`,
  query: `Usage: quarry query --index DIR --queries FILE.jsonl [--mode hybrid|lexical|dense] [--k 50]

Prints one JSON line per query: {"id","results":[{"url","score","title","anchor"}]}
where url is the page path relative to the site root plus #anchor when there is one.
`,
  eval: `Usage: quarry eval --index DIR --queries FILE.jsonl [--json]

Scores lexical, dense and hybrid retrieval side by side: nDCG@10, Recall@10,
MRR@10 with binary page-level relevance (rankings deduplicated by page),
overall and per query "kind".
`,
  tune: `Usage: quarry tune --index DIR --queries FILE.jsonl [--dry-run]

Grid-searches the fusion method (minmax, zscore, rrf) and weights on labelled
queries and stores the winner in the index's manifest.json, where search uses
it by default.
`,
  check: `Usage: quarry check --index DIR [--samples N]

Compares voy-search against an exact scan of the same vectors: recall@10,
build/start-up time and query latency.
`,
  serve: `Usage: quarry serve <dir> [--port 8080] [--isolate] [--csp]

Serves a folder for local preview. --isolate sends COOP/COEP headers
(enables multi-threaded WASM); --csp sends Quarry's strict Content-Security-Policy.
Files are sent gzip- or brotli-compressed when the browser accepts it (a
precompressed file.br / file.gz beside a file is sent instead), and
content-hashed index and model files are cached as immutable.
`,
  model: `Usage: quarry model prepare | verify\n`,
};

export function helpFor(command: string): string {
  return COMMAND_HELP[command] ?? HELP;
}
