/**
 * Puts the files of a new generation into a live index folder. Each file is
 * written to a temp name and renamed into place, and a file whose identical
 * bytes are already there is left alone (unchanged model and runtime files
 * cost no copy). The few stable-named files that do change (quarry.js,
 * quarry.worker.js, ort/*) are hard-linked aside first, so a build that fails
 * before its manifest goes in can put the previous bytes back.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FileEntry } from '../../src/core/format/manifest.ts';
import { copyFileAtomic, syncDir, tempPathFor, writeFileAtomic } from './atomic-file.ts';

export type FileSource = { bytes: Uint8Array } | { copyFrom: string };

export interface PlannedFile extends FileEntry {
  source: FileSource;
}

export function planBytes(path: string, bytes: Uint8Array): PlannedFile {
  return { path, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), source: { bytes } };
}

export async function planCopy(path: string, from: string): Promise<PlannedFile> {
  return { path, bytes: (await stat(from)).size, sha256: await sha256OfFile(from), source: { copyFrom: from } };
}

export class Placement {
  /** Paths that did not exist before this build placed them. */
  readonly created: string[] = [];
  private readonly backups: Array<{ path: string; backup: string }> = [];
  private readonly dirs = new Set<string>();

  constructor(private readonly outDir: string) {}

  async place(file: PlannedFile): Promise<void> {
    const dest = join(this.outDir, file.path);
    const existing = await stat(dest).catch(() => null);
    if (existing?.isFile() && existing.size === file.bytes && (await sha256OfFile(dest)) === file.sha256) return;
    await mkdir(dirname(dest), { recursive: true });
    if (existing) {
      const backup = tempPathFor(dest);
      // A hard link costs no copy; file systems without them get a copy.
      await link(dest, backup).catch(() => copyFile(dest, backup));
      this.backups.push({ path: dest, backup });
    } else {
      this.created.push(file.path);
    }
    if ('bytes' in file.source) await writeFileAtomic(dest, file.source.bytes);
    else await copyFileAtomic(file.source.copyFrom, dest);
    this.dirs.add(dirname(dest));
  }

  /** Makes the renames durable before the manifest that points at them. */
  async sync(): Promise<void> {
    for (const dir of this.dirs) await syncDir(dir);
  }

  /** The new files are in use: the saved previous bytes can go. */
  async commit(): Promise<void> {
    for (const { backup } of this.backups.splice(0)) await rm(backup, { force: true });
  }

  /** Restores replaced files and removes created ones (the build failed before its manifest went in). */
  async rollback(): Promise<void> {
    for (const { path, backup } of this.backups.splice(0).reverse()) await rename(backup, path).catch(() => {});
    await removeFiles(this.outDir, this.created.splice(0));
  }
}

/** Deletes index files and then any folders they leave empty (text/, a previous model's models/<hash>/). */
export async function removeFiles(outDir: string, paths: Iterable<string>): Promise<void> {
  const dirs = new Set<string>();
  for (const p of paths) {
    await rm(join(outDir, p), { force: true });
    for (let d = dirname(p); d !== '.' && d !== '/'; d = dirname(d)) dirs.add(d);
  }
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) await rmdir(join(outDir, d)).catch(() => {});
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
