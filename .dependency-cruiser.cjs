/**
 * Quarry's architecture rules, checked by `npm run check:architecture` (part
 * of `npm test`). Each room of the map in docs/DESIGN.md may import only
 * what is listed here; a rule names the room it protects and why.
 */
const BROWSER = '^(src/ui|src/client|worker)/|^src/(quarry|widget)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles hide which module depends on which; break them by moving the shared piece down.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-only-core',
      comment: 'src/core runs unchanged in Node and in the browser: it imports itself and npm libraries, no other room.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: '^(src/core/|node_modules/)' },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'src/core must not touch node:* (the browser has none).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'protocol-is-the-contract',
      comment: 'src/protocol declares the page↔worker contract: it may use core types, nothing else (no comlink: rpc.ts is the wire).',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: { pathNot: '^(src/protocol/|src/core/)' },
    },
    {
      name: 'build-pipeline-only-from-cli',
      comment: 'build-index/ (crawl → extract → chunk → encode → write) is used by the CLI, the bench and tests; the Node API and the browser never load it.',
      severity: 'error',
      from: { pathNot: '^(build-index|src/cli|bench|test)/' },
      to: { path: '^build-index/' },
    },
    {
      name: 'cli-is-the-top',
      comment: 'Nothing but the bin script, the bench and tests import the CLI.',
      severity: 'error',
      from: { pathNot: '^(src/cli|bench|test|bin)/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'browser-code-stays-in-the-browser',
      comment: 'Widget, client and worker code ships to visitors: no Node API, model converter, build or CLI code.',
      severity: 'error',
      from: { path: BROWSER },
      to: { path: '^(build-index|src/cli|src/node|src/model)/' },
    },
    {
      name: 'browser-no-node-builtins',
      severity: 'error',
      from: { path: BROWSER },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'ui-talks-to-a-client',
      comment: 'The widget UI knows the SearchClient interface, not the worker behind it.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^worker/' },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|bench/work)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'], conditionNames: ['import', 'node', 'default'] },
  },
};
