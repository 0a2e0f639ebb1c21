import type { ModelDtype, ModelSpec, Pooling } from '../core/format/manifest.ts';

/** A model folder ready for transformers.js, plus how to encode with it (the encoding fields are the index's ModelSpec). */
export interface PreparedModel extends Pick<ModelSpec, 'id' | 'hash' | 'dims' | 'pooling' | 'normalize' | 'queryPrefix' | 'passagePrefix'> {
  /** The folder that contains `<id>/` (transformers.js env.localModelPath). */
  root: string;
  /** `<root>/<id>`. */
  dir: string;
  maxTokens: number;
  /** Fastest accurate dtype for encoding in Node. */
  buildDtype: ModelDtype;
  /** Smallest accurate dtype for the browser download. */
  browserDtype: ModelDtype;
  /** Model files, relative to `dir`, posix separators. */
  files: string[];
}

/** quarry-model.json: the cache stamp of a converted model, and optional encoding settings of a local folder. */
export interface ModelStamp {
  format: 'quarry-model';
  id?: string;
  converterVersion?: string;
  source?: { package: string; version: string; file: string; sha256: string };
  /** sha256 of every file, by path relative to the folder. */
  files?: Record<string, string>;
  hash?: string;
  dims?: number;
  pooling?: Pooling;
  normalize?: boolean;
  queryPrefix?: string;
  passagePrefix?: string;
  maxTokens?: number;
  buildDtype?: ModelDtype;
  browserDtype?: ModelDtype;
}
