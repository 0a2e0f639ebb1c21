/**
 * The ONNX runtime for Node: onnxruntime-node when it is installed (native,
 * fast), else onnxruntime-web's Node build (WebAssembly). onnxruntime-node is
 * an optional dependency because its install script downloads CUDA binaries
 * from outside the npm registry; where that fails npm drops it, and Quarry
 * must still build and search.
 */
import { availableParallelism } from 'node:os';
import type * as Ort from 'onnxruntime-web';

export type OnnxRuntime = typeof Ort;

let loading: Promise<OnnxRuntime> | null = null;

export function loadOnnxRuntime(): Promise<OnnxRuntime> {
  loading ??= load();
  return loading;
}

async function load(): Promise<OnnxRuntime> {
  try {
    // Both packages re-export onnxruntime-common's API; only the backend differs.
    return (await import('onnxruntime-node')) as unknown as OnnxRuntime;
  } catch {
    const ort = await import('onnxruntime-web');
    // Its default outside a cross-origin-isolated page is one thread; Node has SharedArrayBuffer, so use the cores (capped, as the worker does).
    ort.env.wasm.numThreads = Math.min(4, availableParallelism());
    process.emitWarning(
      'onnxruntime-node is not installed, so Quarry encodes with onnxruntime-web (WebAssembly), about 3× slower. ' +
        'For the native runtime run: ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node (the variable skips its optional CUDA download).',
      { code: 'QUARRY_WASM_RUNTIME' },
    );
    return ort;
  }
}
