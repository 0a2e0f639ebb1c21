/**
 * Encodes passages, reusing vectors from the previous build when a passage's
 * encoder input (and the model) are unchanged — a rebuild of an unchanged
 * site encodes nothing, and an edited page re-encodes only its passages.
 */
import { createHash } from 'node:crypto';
import type { Passage } from '../../src/core/format/docs.ts';
import type { BuildOptions } from '../config.ts';
import type { Reporter } from '../reporter.ts';

export interface PassageEncoder {
  encode(texts: string[], kind: 'passage'): Promise<Float32Array[]>;
}

/** What the encoder sees for a passage (configurable: title + breadcrumb + text by default). */
export function encoderInput(p: Passage, fields: BuildOptions['encodeFields']): string {
  const parts: string[] = [];
  if (fields.includes('title') && p.title) parts.push(p.title);
  if (fields.includes('breadcrumb')) {
    // The breadcrumb usually starts with the page's own h1, which repeats the title.
    const crumbs = p.breadcrumb.filter((c, i) => !(i === 0 && c === p.title));
    if (crumbs.length) parts.push(crumbs.join(' > '));
  }
  if (fields.includes('text')) parts.push(p.text);
  return parts.join('\n');
}

export function cacheKey(modelHash: string, prefix: string, input: string): string {
  return createHash('sha256').update(modelHash).update('\0').update(prefix).update('\0').update(input).digest('hex').slice(0, 32);
}

export async function encodePassages(
  inputs: string[],
  keys: string[],
  previous: Map<string, Float32Array>,
  encoder: PassageEncoder,
  batchSize: number,
  reporter: Reporter,
): Promise<{ vectors: Float32Array[]; reused: number; encoded: number }> {
  const vectors: Float32Array[] = new Array(inputs.length);
  const todo: number[] = [];
  keys.forEach((key, i) => {
    const hit = previous.get(key);
    if (hit) vectors[i] = hit;
    else todo.push(i);
  });
  // Batches of similar length carry little padding: faster, and the int8
  // model's per-batch activation range is not stretched by pad tokens.
  todo.sort((a, b) => inputs[a].length - inputs[b].length || a - b);
  reporter.phase('Encoding passages', todo.length);
  reporter.tick(0);
  for (let start = 0; start < todo.length; start += batchSize) {
    const batch = todo.slice(start, start + batchSize);
    const out = await encoder.encode(
      batch.map((i) => inputs[i]),
      'passage',
    );
    batch.forEach((i, j) => (vectors[i] = out[j]));
    reporter.tick(Math.min(start + batchSize, todo.length));
  }
  reporter.end();
  return { vectors, reused: inputs.length - todo.length, encoded: todo.length };
}
