/**
 * The fp16-weights format: matrices and tables are stored as IEEE half and
 * Cast to float32 inside the graph. onnxruntime constant-folds a Cast of an
 * initializer when the session loads, so this runs at fp32 speed and
 * accuracy while the file is half the size. Activations stay float32 (the
 * model's inputs/outputs are the same as the fp32 file's).
 */
import { DataType, float16Tensor, floatTensor } from './onnx-proto.ts';
import { float32ToHalfBits } from './safetensors.ts';
import type { WeightFormat } from './bert-graph.ts';

function toHalf(a: Float32Array): Uint16Array {
  const out = new Uint16Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = float32ToHalfBits(a[i]);
  return out;
}

const toFloat = { to: { kind: 'int' as const, value: DataType.FLOAT } };

export const fp16Format: WeightFormat = {
  label: 'fp16',
  linear(g, x, w, inDim, outDim, bias, name) {
    const W = g.init(float16Tensor(`${name}.weight`, [inDim, outDim], toHalf(w)));
    const B = g.init(floatTensor(`${name}.bias`, [outDim], bias));
    const Wf = g.op('Cast', [W], `${name}/CastWeight`, toFloat);
    return g.op('Add', [g.op('MatMul', [x, Wf], `${name}/MatMul`), B], `${name}/Add`);
  },
  embedding(g, table, rows, dim, indices, name) {
    const T = g.init(float16Tensor(`${name}.weight`, [rows, dim], toHalf(table)));
    // Gather first, then Cast: only the gathered rows are widened if the Cast is not folded.
    const rowsH = g.op('Gather', [T, indices], `${name}/Gather`, { axis: { kind: 'int', value: 0 } });
    return g.op('Cast', [rowsH], `${name}/Cast`, toFloat);
  },
};
