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
