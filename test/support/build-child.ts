/**
 * Runs the real `quarry build` CLI in a child process (its own process group,
 * so kill -9 reaches it and anything it started, e.g. strace's tracee), and
 * checks what a build left in an index folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Manifest } from '../../src/core/format/manifest.ts';
import { openIndex } from '../../src/node/index.ts';
import { QUARRY_NODE_ARGS } from './cli.ts';
import { anyVersionFiles } from '../../src/core/format/index-files.ts';
import { shardEntries } from '../../src/core/format/shard-tables.ts';
import type { FileEntry, ShardKey, ShardSet, ShardTable } from '../../src/core/format/manifest.ts';
import { checksumMatches } from '../../src/core/format/checksum.ts';

export const REPO = resolve(import.meta.dirname, '../..');

export interface ChildBuild {
  child: ChildProcess;
  /** Resolves when the child's stderr matches. */
  waitForStderr(pattern: RegExp): Promise<void>;
  /** kill -9 of the child's whole process group. */
  kill(): void;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function spawnBuild(args: string[], env: Record<string, string> = {}, prefix: string[] = []): ChildBuild {
  const argv = [...prefix, process.execPath, ...QUARRY_NODE_ARGS, 'build', ...args];
  const child = spawn(argv[0], argv.slice(1), { cwd: REPO, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d;
    for (const w of waiters.splice(0)) (w.pattern.test(stderr) ? w.resolve() : waiters.push(w));
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((res) => {
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr }));
  });
  return {
    child,
    done,
    waitForStderr: (pattern) =>
      new Promise<void>((res, rej) => {
        if (pattern.test(stderr)) return res();
        waiters.push({ pattern, resolve: res });
        void done.then(() => rej(new Error(`build exited before printing ${pattern}:\n${stderr}`)));
      }),
    kill() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

/** A pid that no process has any more. */
export function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Every file a manifest in `dir` lists, with the shards its tables there list (a table not there lists none). */
export function manifestEntries(m: Manifest, dir: string): FileEntry[] {
  const sets = (Object.values(m.files) as unknown[]).filter((v): v is ShardSet<ShardKey> => typeof (v as ShardSet<ShardKey>)?.tables?.hashes === 'string');
  const shards = sets.flatMap((set: ShardSet<ShardKey>) =>
    anyVersionFiles({ files: { set } }).flatMap((table) => {
      try {
        return shardEntries(set, JSON.parse(readFileSync(join(dir, table.path), 'utf8')) as ShardTable<ShardKey>);
      } catch {
        return [];
      }
    }),
  );
  return [...anyVersionFiles(m), ...shards];
}

/**
 * The folder holds a complete index: every file its manifest lists has the
 * listed size and sha256, and the Node API opens it and finds `query`.
 * Returns the manifest text (to compare generations).
 */
export async function expectCompleteIndex(dir: string, query = 'wal_buffer_size'): Promise<string> {
  const text = await readFile(join(dir, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(text) as Manifest;
  const bad: string[] = [];
  for (const e of manifestEntries(manifest, dir)) {
    const bytes = await readFile(join(dir, e.path)).catch(() => null);
    if (!bytes) bad.push(`${e.path}: missing`);
    else if ((e.bytes !== undefined && bytes.byteLength !== e.bytes) || !checksumMatches(sha256(bytes), e.sha256)) bad.push(`${e.path}: bytes or sha256 differ`);
  }
  if (bad.length) throw new Error(`incomplete index in ${dir}:\n${bad.join('\n')}`);
  const index = await openIndex(dir);
  try {
    const res = await index.search(query, { mode: 'lexical', k: 3 });
    if (!res.results.length) throw new Error(`index in ${dir} finds nothing for "${query}"`);
  } finally {
    await index.close();
  }
  return text;
}

/** Synchronous probe for pollers: null when the manifest parses and every file it lists is there with its size, else what is wrong. */
export function probeIndex(dir: string): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (e) {
    return `manifest.json: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  for (const e of manifestEntries(manifest, dir)) {
    try {
      // A shard is listed without its size: it is there, and named by its content.
      if (e.bytes !== undefined && statSync(join(dir, e.path)).size !== e.bytes) return `${e.path}: wrong size`;
    } catch (err) {
      return `${e.path}: ${(err as NodeJS.ErrnoException).code}`;
    }
  }
  return null;
}

/**
 * Probes `dir` back to back (yielding to I/O between probes) until stopped,
 * as a visitor's browser or a deploy reading the folder during rebuilds would.
 */
export function pollIndex(dir: string): { stop(): { probes: number; problems: string[] } } {
  let running = true;
  let probes = 0;
  const problems: string[] = [];
  const loop = () => {
    if (!running) return;
    probes++;
    const problem = probeIndex(dir);
    if (problem && problems.length < 20) problems.push(problem);
    setImmediate(loop);
  };
  setImmediate(loop);
  return {
    stop() {
      running = false;
      return { probes, problems };
    },
  };
}
