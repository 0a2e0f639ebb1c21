/**
 * Text the int8 converter runs through the fp32 model to learn each layer's
 * per-channel activation range (for SmoothQuant scaling). Documentation-like
 * prose, queries, code-ish lines and a long passage, because that is what
 * Quarry encodes. Changing it changes the int8 weights: bump CONVERTER_VERSION.
 */
export const CALIBRATION_TEXT: readonly string[] = [
  'This is an example sentence',
  'How do I reset my password?',
  'Steps to recover account access',
  'The weather is sunny today',
  'Install the package with npm and import the default export from the module.',
  'Configure the build to emit source maps for production bundles.',
  'A function that returns a promise resolving to the parsed JSON body of the response.',
  'Authentication tokens expire after one hour; refresh them with the /auth/refresh endpoint.',
  'Deploying to Kubernetes requires a Helm chart and a container registry.',
  'What is the capital of France?',
  'Paris is the capital and most populous city of France.',
  'Use the --watch flag to rebuild automatically whenever a source file changes.',
  'Errors are reported with a stable code and a human-readable message.',
  'How can I make search work offline?',
  'Semantic search ranks passages by meaning rather than by exact keywords.',
  'const client = createClient({ baseUrl: "https://api.example.com", timeout: 5000 });',
  'npm ERR! code ERESOLVE unable to resolve dependency tree',
  'Returns: Promise<void>. Throws TypeError if the argument is not a string.',
  'Table of contents: Getting started, Configuration, API reference, FAQ, Changelog',
  'v2.3.1 (2024-05-02): fixed a crash when the cache directory is read-only.',
  'Can I use this library with React Native or Electron?',
  'The quick brown fox jumps over the lazy dog.',
  'Cross-origin requests are blocked unless the server sends Access-Control-Allow-Origin.',
  'Set the environment variable DATABASE_URL before running migrations.',
  'Why is my build so slow on CI?',
  'Der Server antwortet mit einem Fehler, wenn die Anfrage ungültig ist.',
  'El índice se genera en tiempo de compilación y se descarga una sola vez.',
  'Privacy: no query ever leaves the browser; the model runs locally in a web worker.',
  'Pagination: pass the cursor from the previous response to fetch the next page of results.',
  'To upgrade from version 1, rename the `output` option to `outDir` and remove `legacyMode`.',
  'The tokenizer lowercases text, strips accents and splits on whitespace and punctuation before WordPiece.',
  [
    'Caching. The service worker stores every index file under a content hash, so a new deployment never mixes',
    'files of two builds. When the manifest changes, the worker downloads only the files whose hashes differ and',
    'deletes the old ones after the new index has been verified. If the browser is offline, the last complete index',
    'keeps working, and the search box shows a small notice that results may be out of date. Large sites split',
    'their text into shards that are fetched lazily, the first time a result from that shard is displayed. The',
    'vectors are stored as int8 with a per-vector scale, which keeps the download small while ranking stays within',
    'a fraction of a percent of the float32 scores. Lexical search uses BM25 over a prefix-compressed vocabulary,',
    'and the two result lists are fused with a weighted sum of min-max normalised scores before the top ten are shown.',
  ].join(' '),
];
