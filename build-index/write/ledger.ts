/**
 * The ledger (`build-files.json`) lists every file Quarry has placed in the
 * output folder and not yet removed, written before new files are placed.
 * Garbage collection deletes only ledger files, so it can never touch a file
 * Quarry did not write, and it still finds the files of a build that was
 * killed before its manifest went in.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../src/core/format/manifest.ts';
import { writeFileAtomic } from './atomic-file.ts';
import { isIndexPath, manifestFiles } from './index-folder.ts';

export const LEDGER_FILE = 'build-files.json';
const LEDGER_FORMAT = 'quarry-build-files';

interface LedgerFile {
  format: typeof LEDGER_FORMAT;
  version: 1;
  files: string[];
}

export async function hasLedger(outDir: string): Promise<boolean> {
  return (await readLedgerFile(outDir)) !== null;
}

/** The owned files; an index written before ledgers existed owns what its manifest lists. */
export async function readLedger(outDir: string, current: Manifest | null): Promise<Set<string>> {
  const ledger = await readLedgerFile(outDir);
  const files = new Set(ledger ? ledger.files.filter(isIndexPath) : []);
  if (current) for (const p of await manifestFiles(outDir, current)) files.add(p);
  return files;
}

export async function writeLedger(outDir: string, files: Iterable<string>): Promise<void> {
  const ledger: LedgerFile = { format: LEDGER_FORMAT, version: 1, files: [...new Set(files)].sort() };
  await writeFileAtomic(join(outDir, LEDGER_FILE), JSON.stringify(ledger));
}

async function readLedgerFile(outDir: string): Promise<LedgerFile | null> {
  try {
    const l = JSON.parse(await readFile(join(outDir, LEDGER_FILE), 'utf8')) as LedgerFile;
    return l.format === LEDGER_FORMAT && Array.isArray(l.files) ? l : null;
  } catch {
    return null;
  }
}
