/**
 * The one error type Quarry throws. `code` is stable (CLI exit codes, the
 * worker's `{ code, message }` replies and the widget's error state key on
 * it); `message` says what happened, to which file, and what to do.
 */
export type QuarryErrorCode =
  | 'BAD_OPTION' // an option/flag/attribute has a wrong type or value
  | 'NO_PAGES' // the site folder produced no indexable page
  | 'OUTPUT_UNWRITABLE' // the index folder could not be written
  | 'MODEL_NOT_FOUND' // model files missing / not resolvable offline
  | 'MODEL_LOAD_FAILED' // the runtime could not create a session
  | 'MODEL_CONVERT_FAILED' // safetensors → ONNX conversion failed
  | 'INDEX_NOT_FOUND' // no manifest.json at the given location
  | 'INDEX_VERSION' // manifest format version this build cannot read
  | 'INDEX_CORRUPT' // a file fails its size/sha256 check or cannot be parsed
  | 'MODEL_MISMATCH' // the index was built with another model than the one loaded
  | 'NETWORK' // a fetch failed after retries
  | 'WORKER_FAILED' // the browser's search worker could not start, or died
  | 'ABORTED'; // a newer query superseded this one

export class QuarryError extends Error {
  override readonly name = 'QuarryError';
  constructor(
    readonly code: QuarryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The plain shape that crosses the worker boundary. */
  toJSON(): { code: QuarryErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isQuarryError(e: unknown, code?: QuarryErrorCode): e is QuarryError {
  return e instanceof QuarryError && (code === undefined || e.code === code);
}

// A Record, so the compiler keeps it in step with the union: a code added above must be added here.
const CODES: Record<QuarryErrorCode, true> = {
  BAD_OPTION: true,
  NO_PAGES: true,
  OUTPUT_UNWRITABLE: true,
  MODEL_NOT_FOUND: true,
  MODEL_LOAD_FAILED: true,
  MODEL_CONVERT_FAILED: true,
  INDEX_NOT_FOUND: true,
  INDEX_VERSION: true,
  INDEX_CORRUPT: true,
  MODEL_MISMATCH: true,
  NETWORK: true,
  WORKER_FAILED: true,
  ABORTED: true,
};

/**
 * The one way to turn anything thrown into a QuarryError: a QuarryError as
 * is, its wire shape (`{ code, message }` from the worker) rebuilt, anything
 * else wrapped with `fallback` — the caller's word for what failed, since
 * only the caller knows (loading the index, the worker, a download).
 */
export function toQuarryError(e: unknown, fallback: QuarryErrorCode): QuarryError {
  if (e instanceof QuarryError) return e;
  if (typeof e === 'object' && e !== null && 'message' in e) {
    const { code, message } = e as { code?: unknown; message: unknown };
    const known = typeof code === 'string' && Object.hasOwn(CODES, code);
    return new QuarryError(known ? (code as QuarryErrorCode) : fallback, String(message), { cause: e });
  }
  return new QuarryError(fallback, String(e), { cause: e });
}

/** Exit codes for the CLI: 1 = user input, 2 = environment, 3 = index/model trouble. */
export function exitCodeFor(code: QuarryErrorCode): number {
  switch (code) {
    case 'BAD_OPTION':
    case 'NO_PAGES':
      return 1;
    case 'OUTPUT_UNWRITABLE':
    case 'NETWORK':
      return 2;
    default:
      return 3;
  }
}
