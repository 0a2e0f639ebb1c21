/**
 * Compressed copies of files, bounded in bytes (least recently used go
 * first). Compressing on the fly costs ~2 s of CPU per request for the 23 MB
 * model and 14 MB WASM runtime, and a preview or test server sends the same
 * few big files to every fresh browser context; compressing each once keeps
 * that cost to the first request. Memory stays bounded, and the first
 * request still streams (nothing is held back until compression ends).
 */
import { Transform } from 'node:stream';

export class CompressedCache {
  readonly #entries = new Map<string, Buffer>();
  #bytes = 0;

  constructor(
    readonly maxBytes: number,
    /** Larger entries are not kept, so one file cannot evict all others. */
    readonly maxEntryBytes = Math.floor(maxBytes / 2),
  ) {}

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): Buffer | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Buffer): void {
    if (value.byteLength > this.maxEntryBytes) return;
    this.delete(key);
    this.#entries.set(key, value);
    this.#bytes += value.byteLength;
    for (const [oldest, buf] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= buf.byteLength;
    }
  }

  delete(key: string): void {
    const old = this.#entries.get(key);
    if (!old) return;
    this.#entries.delete(key);
    this.#bytes -= old.byteLength;
  }

  /** A pass-through that stores what went through it under `key` once the stream completes (not when it is cut short). */
  recorder(key: string): Transform {
    const chunks: Buffer[] = [];
    let size = 0;
    return new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        size += chunk.byteLength;
        if (size <= this.maxEntryBytes) chunks.push(chunk);
        done(null, chunk);
      },
      flush: (done) => {
        if (size <= this.maxEntryBytes) this.set(key, Buffer.concat(chunks, size));
        done();
      },
    });
  }
}
