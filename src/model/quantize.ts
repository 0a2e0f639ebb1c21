/**
 * The int8 weight format: dynamic quantization in the shape onnxruntime's own
 * quantizer emits (DynamicQuantizeLinear → MatMulInteger → Cast → Mul), which
 * onnxruntime fuses into one DynamicQuantizeMatMul kernel that really
 * multiplies in int8. A QDQ graph (DequantizeLinear on the weights) was
 * measured ~2× slower than fp32 because it re-expands the weights every call.
 *
 * Weights are symmetric int8 with one scale per output column; the word
 * embedding table is int8 with one scale per row, and only the gathered rows
 * are dequantized. Layers kept in float arithmetic (the FFN down-projection)
 * still store int8 weights, widened to float32 once when the session loads
 * (weight-only quantization), and the small position/type tables are stored
 * as fp16, which is exact for the fp16 source weights. No initializer is left
 * float32 beyond biases, scales and LayerNorm vectors: the file is 23.1 MB,
 * under the 25 MiB per-file limit of some static hosts (Cloudflare Pages).
 */
import { DataType, floatTensor, int8Tensor } from './onnx-proto.ts';
import { fp32Format, type GraphBuilder, type WeightFormat } from './bert-graph.ts';
import { fp16Format } from './half.ts';

/**
 * Linear-layer weights use 7 bits (±63), as onnxruntime's quantizer does with
 * `reduce_range`: on x86 CPUs without VNNI (AVX2 only, common in laptops and CI
 * machines) onnxruntime multiplies uint8 activations by int8 weights with
 * `vpmaddubsw`, which sums pairs into int16 and saturates once
 * 255·|w₁| + 255·|w₂| > 32767. With |w| ≤ 63 no pair can overflow. Measured on
 * an AVX2-only EPYC: full 8-bit weights put q8 cosines 0.019 away from fp32
 * (`quarry model verify` failed); 7-bit ones agree on AVX2, VNNI and WASM.
 */
export const WEIGHT_QMAX = 63;

/**
 * Weights that are widened to float before the product (weightOnlyLinear)
 * never meet `vpmaddubsw`, so they use the full 8 bits.
 */
export const WEIGHT_ONLY_QMAX = 127;

/** Per-column symmetric quantization of a row-major [inDim, outDim] matrix to ±qmax (7-bit by default, see WEIGHT_QMAX). */
export function quantizeColumns(w: Float32Array, inDim: number, outDim: number, qmax = WEIGHT_QMAX): { q: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(outDim);
  for (let r = 0; r < inDim; r++) {
    for (let c = 0; c < outDim; c++) {
      const a = Math.abs(w[r * outDim + c]);
      if (a > scales[c]) scales[c] = a;
    }
  }
  // An all-zero column keeps scale 1 so dequantization never divides by zero.
  for (let c = 0; c < outDim; c++) scales[c] = scales[c] > 0 ? scales[c] / qmax : 1;
  const q = new Int8Array(w.length);
  for (let r = 0; r < inDim; r++) {
    for (let c = 0; c < outDim; c++) q[r * outDim + c] = clampRound(w[r * outDim + c] / scales[c], qmax);
  }
  return { q, scales };
}

/** Per-row symmetric int8 of a row-major [rows, dim] table. */
export function quantizeRows(t: Float32Array, rows: number, dim: number): { q: Int8Array; scales: Float32Array } {
  const scales = new Float32Array(rows);
  const q = new Int8Array(t.length);
  for (let r = 0; r < rows; r++) {
    let m = 0;
    for (let c = 0; c < dim; c++) m = Math.max(m, Math.abs(t[r * dim + c]));
    const s = m > 0 ? m / 127 : 1;
    scales[r] = s;
    for (let c = 0; c < dim; c++) q[r * dim + c] = Math.round(t[r * dim + c] / s);
  }
  return { q, scales };
}

function clampRound(x: number, qmax: number): number {
  return Math.max(-qmax, Math.min(qmax, Math.round(x)));
}

const toFloat = { to: { kind: 'int' as const, value: DataType.FLOAT } };

/**
 * y = x·W + b with W stored as int8 and one scale per output column, in
 * float arithmetic: W = Cast(W_q)·scale is computed from initializers only,
 * so onnxruntime constant-folds it when the session loads (as it folds the
 * fp16 format's Cast) and every call runs a plain float MatMul. Half the
 * bytes of fp16 storage; the error is the weights' rounding alone, since
 * activations are never quantized.
 */
export function weightOnlyLinear(g: GraphBuilder, x: string, w: Float32Array, inDim: number, outDim: number, bias: Float32Array, name: string): string {
  const { q, scales } = quantizeColumns(w, inDim, outDim, WEIGHT_ONLY_QMAX);
  const W = g.init(int8Tensor(`${name}.weight_quantized`, [inDim, outDim], q));
  const S = g.init(floatTensor(`${name}.weight_scale`, [outDim], scales));
  const B = g.init(floatTensor(`${name}.bias`, [outDim], bias));
  const Wf = g.op('Mul', [g.op('Cast', [W], `${name}/CastWeight`, toFloat), S], `${name}/DequantizeWeight`);
  return g.op('Add', [g.op('MatMul', [x, Wf], `${name}/MatMul`), B], `${name}/Add`);
}

/**
 * Tables smaller than this are not quantized: quantizing the 512×384 position
 * table adds error to every token, unlike a rarely-hit vocabulary row. They
 * are stored as fp16 (exact for fp16 source weights, 0.4 MB less than float32).
 */
const QUANTIZE_TABLE_MIN_ROWS = 4096;

/**
 * The policy the converter ships, chosen by measurement (see README in the
 * model folder): SmoothQuant α = 0.5 everywhere; the FFN down-projection stays
 * in float arithmetic because its GELU input has channels ~40× the median,
 * which per-tensor uint8 cannot resolve even after smoothing (cosine error
 * 0.024 → 0.012). Its weights are still stored as int8 (weightOnlyLinear).
 */
export function defaultInt8Options(activationMax: Map<string, Float32Array>): Int8Options {
  return { activationMax, alpha: 0.5, keepFloat: (name) => name.endsWith('/ffn/output') };
}

export interface Int8Options {
  /** Linear layers (by name) kept in float arithmetic (activations not quantized). */
  keepFloat?: (name: string) => boolean;
  /**
   * keepFloat layers store int8 weights (weightOnlyLinear) and the small
   * embedding tables fp16 (default true). false is converter v2's storage:
   * fp16 layers and float32 tables, 27.1 MB (kept for comparisons).
   */
  compactFloat?: boolean;
  /** Quantize the word-embedding table (default true). */
  quantizeEmbedding?: boolean;
  /** Calibrated per-channel max |x| of each linear layer's input, keyed by the input tensor name. */
  activationMax?: Map<string, Float32Array>;
  /** SmoothQuant migration strength per linear layer (0 = none, 1 = all range moved into the weights). */
  alpha?: number | ((linearName: string) => number);
}

export function int8Format(opts: Int8Options = {}): WeightFormat {
  // Q, K and V read the same activation; quantize it once (as onnxruntime's quantizer does).
  const quantized = new Map<string, [string, string, string]>();
  const smoothCache = new Map<string, { s: Float32Array; inv: Float32Array }>();
  const smoothing = (x: string, dim: number, name: string) => {
    const alpha = typeof opts.alpha === 'function' ? opts.alpha(name) : (opts.alpha ?? 0.5);
    const amax = opts.activationMax?.get(x);
    if (!amax || alpha === 0) return undefined;
    let f = smoothCache.get(x);
    if (!f) {
      const s = new Float32Array(dim);
      let logMean = 0;
      for (let j = 0; j < dim; j++) logMean += Math.log(Math.max(amax[j], 1e-5)) * alpha;
      logMean /= dim;
      // Normalised so the geometric mean of the factors is 1: only the spread moves into the weights.
      for (let j = 0; j < dim; j++) s[j] = Math.exp(Math.log(Math.max(amax[j], 1e-5)) * alpha - logMean);
      f = { s, inv: s.map((v) => 1 / v) };
      smoothCache.set(x, f);
    }
    return f;
  };
  return {
    label: 'int8',
    linear(g: GraphBuilder, x, w, inDim, outDim, bias, name) {
      if (opts.keepFloat?.(name)) {
        return opts.compactFloat !== false ? weightOnlyLinear(g, x, w, inDim, outDim, bias, name) : fp16Format.linear(g, x, w, inDim, outDim, bias, name);
      }
      const smooth = smoothing(x, inDim, name);
      if (smooth) {
        w = w.slice();
        for (let r = 0; r < inDim; r++) for (let c = 0; c < outDim; c++) w[r * outDim + c] *= smooth.s[r];
      }
      const { q, scales } = quantizeColumns(w, inDim, outDim);
      const W = g.init(int8Tensor(`${name}.weight_quantized`, [inDim, outDim], q));
      const S = g.init(floatTensor(`${name}.weight_scale`, [outDim], scales));
      const B = g.init(floatTensor(`${name}.bias`, [outDim], bias));
      let xq = quantized.get(x);
      if (!xq) {
        const xs = smooth ? g.op('Mul', [x, g.init(floatTensor(`${x}.smooth`, [inDim], smooth.inv))], `${x}/Smooth`) : x;
        const outs = g.node('DynamicQuantizeLinear', [xs], { name: `${x}/DynamicQuantizeLinear`, outputs: 3 });
        xq = [outs[0], outs[1], outs[2]];
        quantized.set(x, xq);
      }
      const [xu8, xScale, xZero] = xq;
      const acc = g.op('MatMulInteger', [xu8, W, xZero], `${name}/MatMulInteger`);
      const accF = g.op('Cast', [acc], `${name}/Cast`, { to: { kind: 'int', value: DataType.FLOAT } });
      const scale = g.op('Mul', [xScale, S], `${name}/scale`);
      return g.op('Add', [g.op('Mul', [accF, scale], `${name}/Mul`), B], `${name}/Add`);
    },
    embedding(g, table, rows, dim, indices, name) {
      if (rows < QUANTIZE_TABLE_MIN_ROWS || opts.quantizeEmbedding === false) {
        return (opts.compactFloat !== false ? fp16Format : fp32Format).embedding(g, table, rows, dim, indices, name);
      }
      const { q, scales } = quantizeRows(table, rows, dim);
      const T = g.init(int8Tensor(`${name}.weight_quantized`, [rows, dim], q));
      const S = g.init(floatTensor(`${name}.weight_scale`, [rows, 1], scales));
      const axis0 = { axis: { kind: 'int' as const, value: 0 } };
      const rowsI8 = g.op('Gather', [T, indices], `${name}/Gather`, axis0);
      const rowsF = g.op('Cast', [rowsI8], `${name}/Cast`, { to: { kind: 'int', value: DataType.FLOAT } });
      const rowScale = g.op('Gather', [S, indices], `${name}/GatherScale`, axis0);
      return g.op('Mul', [rowsF, rowScale], `${name}/Dequantize`);
    },
  };
}
