/**
 * Quarry's Node API: `openIndex(dir)` gives the same search the browser
 * worker runs (same core, same model files, same dtype).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { QuarryError } from '../core/errors.ts';
import type { Encoder } from '../core/encoder.ts';
import { LoadedIndex } from '../core/load/open-index.ts';
import { SearchEngine } from '../core/search/engine.ts';
import type { DenseSide } from '../core/search/host.ts';
import { fullDenseSide } from '../core/search/full-side.ts';
import { StaticTier } from '../core/load/static-tier.ts';
import { hasStaticTier } from '../core/format/manifest.ts';
import type { DenseTier } from '../core/search/types.ts';
import type { Answer, SearchOptions, SearchResponse } from '../core/search/types.ts';
import type { Manifest } from '../core/format/manifest.ts';
import { createNodeEncoder } from './encoder.ts';
import { fsSource } from './fs-source.ts';
import { DEFAULT_MODEL_ID } from '../model/layout.ts';
import { resolveModel } from '../model/resolve.ts';

export type { Answer, NoMatch, SearchOptions, SearchResponse, PageResult, PassageHit, SnippetPart, Suggestion } from '../core/search/types.ts';
export type { Manifest } from '../core/format/manifest.ts';
export { QuarryError } from '../core/errors.ts';

export interface OpenOptions {
  /** Load the model now (default: on the first dense/hybrid search). */
  eagerModel?: boolean;
  /**
   * Which query encoder dense and hybrid searches use: 'full' (the model,
   * default) or 'static' (the index's static tier, no model: what a
   * browser's first visit gets).
   */
  tier?: DenseTier;
}

export interface QuarryIndex {
  readonly manifest: Manifest;
  readonly engine: SearchEngine;
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
  /** The dense side of a tier (default: the one opened with), loaded on first use: what dense and hybrid searches run on. */
  dense(tier?: DenseTier): Promise<DenseSide>;
  /** The answer card for a response's top passage ids (see core/search/answer.ts); loads the model. */
  answer(query: string, passages: number[]): Promise<Answer | null>;
  /** Encodes a query with the index's model (for benchmarks and checks). */
  encodeQuery(query: string): Promise<Float32Array>;
  /** Encodes passage texts as the build did (passage prefix), as float32 (`quarry check`'s ground truth). */
  encodePassages(texts: string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export async function openIndex(dir: string, options: OpenOptions = {}): Promise<QuarryIndex> {
  const index = await LoadedIndex.open(fsSource(dir));
  const engine = new SearchEngine(index);
  let encoderPromise: Promise<Encoder> | null = null;
  const encoder = () => (encoderPromise ??= loadEncoder(dir, index.manifest));
  if (options.eagerModel) await encoder();

  let staticTier: StaticTier | null = null;
  const dense = async (tier: DenseTier = options.tier ?? 'full'): Promise<DenseSide> => {
    if (tier === 'full') return fullDenseSide(await encoder(), await index.vectors());
    if (!hasStaticTier(index.manifest)) throw new QuarryError('BAD_OPTION', `The index in ${dir} has no static tier (built with --no-static-tier or by an older Quarry); rebuild it, or use the full tier.`);
    return (staticTier ??= new StaticTier(index.source, index.manifest)).side();
  };

  return {
    manifest: index.manifest,
    engine,
    dense,
    answer: async (query, passages) => engine.answer(await encoder(), query, passages),
    encodeQuery: async (query) => engine.encodeQuery(await encoder(), query),
    encodePassages: async (texts) => (await encoder()).encode(texts, 'passage'),
    // No onDenseFailure: a model that cannot load rejects the search; a Node caller wants the error, not a quieter answer.
    search: (query, opts = {}) => engine.search(query, opts, { dense: () => dense() }),
    async close() {
      if (encoderPromise) await (await encoderPromise).dispose?.();
    },
  };
}

/** The model the index was built with: its copied files when present, else the same model resolved locally. */
async function loadEncoder(dir: string, manifest: Manifest): Promise<Encoder> {
  const spec = manifest.model;
  const copiedRoot = spec.path && !/^[a-z]+:/i.test(spec.path) ? join(dir, spec.path) : null;
  if (copiedRoot && existsSync(join(copiedRoot, spec.id, 'config.json'))) {
    return createNodeEncoder(
      { ...spec, root: copiedRoot, dir: join(copiedRoot, spec.id) } as Parameters<typeof createNodeEncoder>[0],
      { dtype: spec.dtype },
    );
  }
  const model = await resolveModel(spec.id === DEFAULT_MODEL_ID ? 'default' : spec.id);
  if (model.hash !== spec.hash) {
    throw new QuarryError('MODEL_MISMATCH', `The index in ${dir} was built with model ${spec.id} (hash ${spec.hash.slice(0, 12)}…), but the model found locally has hash ${model.hash.slice(0, 12)}…. Rebuild the index or use the model it was built with.`);
  }
  return createNodeEncoder({ ...model, pooling: spec.pooling, queryPrefix: spec.queryPrefix, passagePrefix: spec.passagePrefix }, { dtype: spec.dtype });
}
