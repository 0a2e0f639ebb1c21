/**
 * What the search core needs from a sentence encoder. Node (onnxruntime-node)
 * and the browser worker (onnxruntime-web) each provide one adapter; the core
 * never touches a runtime directly.
 */
export interface Encoder {
  /** Output dimensionality, e.g. 384 for all-MiniLM-L6-v2. */
  readonly dims: number;
  /**
   * Encodes texts into L2-normalised vectors (when the model spec says
   * `normalize`). `kind` selects the query or passage prefix.
   */
  encode(texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]>;
  dispose?(): Promise<void>;
}

/**
 * The encoder with a memory of query vectors, for runs that ask the same
 * queries in several modes or settings (`quarry eval`, `quarry tune`): each
 * query text is encoded once. Disposing stays with the wrapped encoder's owner.
 */
export function rememberingQueries(encoder: Encoder): Encoder {
  const vectors = new Map<string, Float32Array>();
  return {
    dims: encoder.dims,
    async encode(texts, kind) {
      if (kind !== 'query') return encoder.encode(texts, kind);
      const missing = [...new Set(texts.filter((t) => !vectors.has(t)))];
      if (missing.length) (await encoder.encode(missing, 'query')).forEach((v, i) => vectors.set(missing[i], v));
      return texts.map((t) => vectors.get(t)!);
    },
  };
}
