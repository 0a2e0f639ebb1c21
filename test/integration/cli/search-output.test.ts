/**
 * `quarry search` as a shell sees it: piped into a reader that goes away
 * (`| head`) it exits quietly, and `--` lets a query start with "-".
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUARRY_NODE_ARGS } from '../../support/cli.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';

let built: BuiltSite;

beforeAll(async () => {
  built = await buildSiteCopy();
});
afterAll(() => built?.cleanup());

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the CLI; with `closeStdout` the reading end of its stdout is closed before it writes (what `| head` does after a line). */
function quarry(args: string[], closeStdout = false): Promise<Run> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [...QUARRY_NODE_ARGS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    if (closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => ok({ code, out, err }));
  });
}

describe('quarry search', () => {
  it('exits quietly when its stdout reader goes away (EPIPE)', async () => {
    for (const extra of [[], ['--json']]) {
      const run = await quarry(['search', '--index', built.index, '--mode', 'lexical', ...extra, 'statement timeout'], true);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
    }
  });

  it('prints results for a query after --, even one that looks like a flag', async () => {
    const run = await quarry(['search', '--index', built.index, '--mode', 'lexical', '--', '-h']);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/result\(s\) for "-h"/);
    expect(run.out).not.toMatch(/Usage:/);
  });

  it('still prints help for -h before --', async () => {
    const run = await quarry(['search', '--index', built.index, '-h']);
    expect(run.out).toMatch(/Usage: quarry search/);
  });
});
