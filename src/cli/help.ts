/** `--help` texts: part of the product, kept beside the commands they describe. */
import { BUILD_OPTIONS, type OptionSpec } from '../../build-index/config.ts';
import { INSPECT_OPTION_KEYS, INSPECT_PAGES_SHOWN } from '../../build-index/inspect/options.ts';
import { COMMANDS } from './command-list.ts';

const WIDTH = 86;

export const HELP = `quarry — semantic + keyword search for static documentation sites, in the browser

Usage: quarry <command> [options]

Commands:
${COMMANDS.flatMap((c) => c.summary.map(([usage, what]) => `  ${usage.padEnd(20)}${what}\n`)).join('')}
Run \`quarry <command> --help\` for the options of one command.
Everything after \`--\` is positional (not an option), e.g. quarry search --index DIR -- -h
Add to your pages:  <script type="module" src="/_quarry/quarry.js"></script>  and  <quarry-search></quarry-search>
`;

/** `quarry build --help`, generated from the option table. */
function buildHelp(): string {
  const specs = Object.entries(BUILD_OPTIONS) as Array<[string, OptionSpec<unknown>]>;
  const flagRows = specs.filter(([, s]) => s.flag !== undefined).map(([, s]) => row(`--${s.flag}${s.arg ? ` ${s.arg}` : ''}`, describeOption(s)));
  // A key is the flag in camelCase unless the list says otherwise.
  const fileKeys = specs.filter(([, s]) => s.only !== 'cli').map(([key, s]) => (s.flag && camelCase(s.flag) !== key ? `${key} (--${s.flag})` : key));
  const fileRows = specs.filter(([, s]) => s.only === 'file').map(([key, s]) => row(key, describeOption(s)));
  return `Usage: quarry build <siteDir> [options]

Reads the built HTML (and Markdown) of a docs site, extracts the main content
with its headings, splits it into passages, encodes them with a sentence
encoder and writes the search index plus the widget into <siteDir>/_quarry.
A failed build leaves the previous index untouched; an unchanged rebuild
re-encodes nothing.

Options:
${flagRows.join('')}
Config file: quarry.config.json, .js or .mjs in <siteDir> (or --config FILE) sets
the same options by key; flags win over it, lists that add to the defaults on the
command line add to them there too, and outDir is relative to the site. Keys:
${wrap(fileKeys.join(', '), 2)}
Only in a config file:
${fileRows.join('')}`;
}

/** `quarry inspect --help`: the build options that affect reading, from the same table. */
function inspectHelp(): string {
  const specs = INSPECT_OPTION_KEYS.map((key) => [key, BUILD_OPTIONS[key] as OptionSpec<unknown>] as const);
  const flagRows = specs.filter(([, s]) => s.flag !== undefined).map(([key, s]) => row(`--${s.flag}${s.arg ? ` ${s.arg}` : ''}`, key === 'json' ? 'Print the report as JSON (the InspectReport type, build-index/inspect/types.ts)' : describeOption(s)));
  const fileOnly = specs.filter(([, s]) => s.only === 'file').map(([key]) => key);
  return `Usage: quarry inspect <siteDir> [--json] [--page URL|GLOB] [options]

Reads the site as \`quarry build\` would (same extraction, site-level passes,
passages sized in the model's tokens, duplicate detection) and reports what it
found, without encoding or writing anything:
  - site figures: files read and skipped (by reason), passages, duplicate
    passages and aggregate pages, distinct titles, nav-like passages, pages
    with no headings, blocks repeated on most pages, passages over the model's
    token limit; then the warnings \`quarry build\` would print;
  - per page: title, the content root chosen (and the candidates passed over),
    heading tree, passage count, dropped blocks and why.
Large sites list the first ${INSPECT_PAGES_SHOWN} pages; use --page or --json for the rest.

Options:
${row('--page URL|GLOB', 'Only these pages in the per-page part, each in full (repeatable; a page URL or file path, or a glob: --page "ref/**")')}${flagRows.join('')}
The options that change what is read are \`quarry build\`'s, with the same
defaults; quarry.config.json / .js / .mjs in <siteDir> (or --config FILE) is read
as by \`quarry build\` (${fileOnly.join(', ')}: config file only). See
\`quarry build --help\`.
`;
}

/** Help line + what the merge rule and the default mean for the user, so the help cannot contradict the code. */
function describeOption(s: OptionSpec<unknown>): string {
  const shown = s.defaultText ?? (typeof s.default === 'number' ? String(s.default) : Array.isArray(s.default) ? s.default.join(', ') : null);
  const list = s.kind.repeatable ? (s.merge === 'append' ? 'repeatable, adds to the defaults' : 'repeatable, replaces the default') : null;
  if (shown === null) return list ? `${s.help} (${list})` : s.help;
  // Non-breaking spaces keep "(default: N)" on one line when wrapped.
  return `${s.help} (${list ? `${list}: ` : 'default:\u00a0'}${shown.length < 20 ? shown.replaceAll(' ', '\u00a0') : shown})`;
}

function row(name: string, text: string): string {
  const body = wrap(text, 23);
  return name.length < 20 ? `  ${name.padEnd(21)}${body.trimStart()}` : `  ${name}\n${body}`;
}

function camelCase(flag: string): string {
  return flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

/** Word-wraps `text` to WIDTH columns, every line indented by `indent`. */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l) => `${' '.repeat(indent)}${l.replaceAll('\u00a0', ' ')}\n`).join('');
}

const COMMAND_HELP: Record<string, string> = {
  search: `Usage: quarry search --index DIR [--mode hybrid|lexical|dense] [--k N] [--json] [--] "query"

-h or --help before \`--\` prints this help. Everything after \`--\` is the query,
so a query may start with "-":  quarry search --index DIR -- -h
`,
  query: `Usage: quarry query --index DIR --queries FILE.jsonl [--mode hybrid|lexical|dense] [--k 50]

Prints one JSON line per query: {"id","results":[{"url","score","title","anchor"}]}
where url is the page path relative to the site root plus #anchor when there is one.
`,
  eval: `Usage: quarry eval --index DIR --queries FILE.jsonl [--tier full|static] [--unanswerable FILE.txt ...] [--answers] [--json]

Scores lexical, dense and hybrid retrieval side by side: nDCG@10, Recall@10,
MRR@10 with binary page-level relevance (rankings deduplicated by page),
overall and per query "kind".

--tier static scores the first-visit semantic tier (the static word table and
IVF lists, no model) instead of the full model; it skips the answer cards,
which need the model.

Then "no good match", as visitors see it (hybrid): how many labelled queries
Quarry wrongly answered with it (should be none), and for each
--unanswerable list (plain text, one query per line) how many it
rightly did ("# " starts a comment). bench/abstain/ holds two such lists.

And the answer card: for "question" and "paraphrase" queries, how many got
one and how many of those quote a relevant page. --answers lists each card.
`,
  tune: `Usage: quarry tune --index DIR --queries FILE.jsonl [--dry-run]

Grid-searches the fusion method (minmax, zscore, rrf) and weights on labelled
queries and stores the winner in the index's manifest.json, where search uses
it by default.
`,
  check: `Usage: quarry check --index DIR [--samples N] [--queries FILE] [--json]

Re-encodes N sampled passages (default 200) with the index's model and
measures the int8 scan and voy-search against the exact float32 top 10 within
that sample: recall@10, start-up time and query latency. --queries adds the
queries of a JSONL file to the sampled ones.
`,
  serve: `Usage: quarry serve <dir> [--port 8080] [--isolate] [--csp]

Serves a folder for local preview. --isolate sends COOP/COEP headers
(enables multi-threaded WASM); --csp sends Quarry's strict Content-Security-Policy.
Files are sent gzip- or brotli-compressed when the browser accepts it (a
precompressed file.br / file.gz beside a file, as quarry build --precompress
writes, is sent instead unless it is older than the file), content-hashed
index and model files are cached as immutable, and manifest.json, the widget
and the runtime are revalidated (no-cache). docs/deployment.md has the same
for static hosts.
`,
  model: `Usage: quarry model prepare | verify\n`,
};

export function helpFor(command: string): string {
  if (command === 'build') return buildHelp();
  if (command === 'inspect') return inspectHelp();
  return COMMAND_HELP[command] ?? HELP;
}
