/**
 * How tests start the real `quarry` CLI: from the sources through tsx, so a
 * test never runs a stale dist/ (bin/quarry.js runs the compiled copy; the
 * package test in test/integration/package/ covers that one).
 */
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../..');

/** Node arguments that run the CLI: `spawn(process.execPath, [...QUARRY_NODE_ARGS, 'build', site])`. */
export const QUARRY_NODE_ARGS: readonly string[] = ['--import', 'tsx', join(REPO, 'src/cli/bin.ts')];
