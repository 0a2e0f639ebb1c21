/**
 * Turns whatever stopped semantic search (a model file that 404s, vectors
 * that fail their checksum, a GPU that cannot start) into the wire shape:
 * the technical message for logs and events, plus a `reason` in visitor
 * terms that the widget can show.
 */
import { QuarryError, toQuarryError } from '../src/core/errors.ts';
import { FileLoadError } from '../src/core/load/source.ts';
import type { DenseError } from '../src/core/search/types.ts';

export function describeDenseFailure(e: unknown, vectorsPath: string): DenseError {
  // Without a code, what stopped semantic search is the model runtime.
  const { code, message } = toQuarryError(e, 'MODEL_LOAD_FAILED');
  return { code, message, reason: reasonFor(e, vectorsPath) };
}

function reasonFor(e: unknown, vectorsPath: string): string {
  if (e instanceof FileLoadError) {
    const file = e.file.split('/').pop() ?? e.file;
    if (e.file === vectorsPath) return `the index's vectors could not be loaded: ${file} ${e.problem}`;
    const verb = e.code === 'NETWORK' || e.code === 'MODEL_NOT_FOUND' || e.problem.startsWith('returned') ? 'downloaded' : 'loaded';
    return `the model could not be ${verb}: ${file} ${e.problem}`;
  }
  if (e instanceof QuarryError && e.code === 'INDEX_CORRUPT') return "the index's vectors do not match the index";
  if (e instanceof QuarryError && /GPU/.test(e.message)) return 'the model could not start on this GPU';
  return 'the model could not be started in this browser';
}
