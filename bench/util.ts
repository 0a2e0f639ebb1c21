/**
 * Small helpers shared by the benchmark: logging, the time budget, file
 * sizes (raw and gzip), percentiles and a fingerprint of a folder.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const T0 = Date.now();

export function log(message: string): void {
  const s = ((Date.now() - T0) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}

/** A wall-clock budget: steps ask before starting whether they still fit. */
export class Budget {
  private readonly end: number;
  constructor(readonly seconds: number) {
    this.end = T0 + seconds * 1000;
  }
  left(): number {
    return (this.end - Date.now()) / 1000;
  }
  /** True when at least `needSeconds` remain; logs the skip otherwise. */
  allows(step: string, needSeconds: number): boolean {
    if (this.left() >= needSeconds) return true;
    log(`skipping ${step}: needs ~${needSeconds}s, ${Math.max(0, this.left()).toFixed(0)}s of the budget left (raise BENCH_BUDGET_S)`);
    return false;
  }
  elapsed(): number {
    return (Date.now() - T0) / 1000;
  }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const t = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - t) / 1000 };
}

/** Every file below `dir` (relative posix paths), following no symlinks. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

const gzipCache = new Map<string, number>();

/** gzip -9 size of one file (what a host serving gzip would send). */
export async function gzipBytes(file: string): Promise<number> {
  let n = gzipCache.get(file);
  if (n === undefined) {
    n = gzipSync(await readFile(file), { level: 9 }).length;
    gzipCache.set(file, n);
  }
  return n;
}

export interface Size {
  files: number;
  raw: number;
  gzip: number;
}

export async function sizeOf(root: string, files: string[]): Promise<Size> {
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    raw += (await stat(join(root, f))).size;
    gzip += await gzipBytes(join(root, f));
  }
  return { files: files.length, raw, gzip };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  // Nearest rank.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** sha256 over the names, sizes and contents of files (short hex). */
export async function fingerprint(root: string, files: string[], extra = ''): Promise<string> {
  const h = createHash('sha256').update(extra);
  for (const f of files) h.update(f).update('\0').update(await readFile(join(root, f)));
  return h.digest('hex').slice(0, 16);
}

export function mb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
}
