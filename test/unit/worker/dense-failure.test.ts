import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../src/core/errors.ts';
import { FileLoadError } from '../../../src/core/load/source.ts';
import { describeDenseFailure } from '../../../worker/dense-failure.ts';

const VECTORS = 'vectors.0123456789ab.bin';

describe('describeDenseFailure', () => {
  it('names the model file and what happened to it, in visitor terms', () => {
    const e = new FileLoadError('MODEL_NOT_FOUND', 'Could not load the search model …: http://x/_quarry/models/abc/m/onnx/model_quantized.onnx: 404', 'models/abc/m/onnx/model_quantized.onnx', 'returned 404');
    expect(describeDenseFailure(e, VECTORS)).toEqual({
      code: 'MODEL_NOT_FOUND',
      message: e.message,
      reason: 'the model could not be downloaded: model_quantized.onnx returned 404',
    });
  });

  it('tells a corrupt model file and corrupt vectors apart', () => {
    expect(describeDenseFailure(new FileLoadError('INDEX_CORRUPT', 'm', 'ort/ort-wasm-simd-threaded.wasm', 'failed its checksum'), VECTORS).reason).toBe(
      'the model could not be loaded: ort-wasm-simd-threaded.wasm failed its checksum',
    );
    expect(describeDenseFailure(new FileLoadError('INDEX_CORRUPT', 'm', VECTORS, 'failed its checksum'), VECTORS).reason).toBe(
      `the index's vectors could not be loaded: ${VECTORS} failed its checksum`,
    );
  });

  it('never quotes runtime internals as the reason', () => {
    const raw = new QuarryError('MODEL_LOAD_FAILED', 'Could not load …: local_files_only=true and file was not found locally');
    const d = describeDenseFailure(raw, VECTORS);
    expect(d.message).toContain('local_files_only');
    expect(d.reason).toBe('the model could not be started in this browser');
    expect(describeDenseFailure(new TypeError('boom'), VECTORS)).toMatchObject({ code: 'MODEL_LOAD_FAILED', message: 'boom' });
  });
});
