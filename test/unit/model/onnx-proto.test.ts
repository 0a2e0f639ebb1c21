import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildBertModel, GraphBuilder, readBertConfig, type WeightSource } from '../../../src/model/bert-graph.ts';
import { DataType, encodeModel, encodeVarint, floatTensor, int64Tensor, Writer, type ModelProto, type NodeProto, type TensorProto } from '../../../src/model/onnx-proto.ts';
import { int8Format, quantizeColumns, quantizeRows, weightOnlyLinear, WEIGHT_ONLY_QMAX } from '../../../src/model/quantize.ts';
import { fp16Format } from '../../../src/model/half.ts';
import { fp32Format } from '../../../src/model/bert-graph.ts';

const model = (nodes: NodeProto[], inputs: ModelProto['graph']['inputs'], outputs: ModelProto['graph']['outputs'], initializers: TensorProto[] = []): Uint8Array =>
  encodeModel({
    irVersion: 8,
    opsets: [{ domain: '', version: 17 }],
    producerName: 'test',
    producerVersion: '0',
    graph: { name: 'g', nodes, initializers, inputs, outputs },
  });

describe('protobuf wire encoding', () => {
  it.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [2 ** 31, [0x80, 0x80, 0x80, 0x80, 0x08]],
    [Number.MAX_SAFE_INTEGER, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]],
    [-1, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
  ])('varint %s', (n, bytes) => {
    expect(Array.from(encodeVarint(n))).toEqual(bytes);
  });

  it('rejects unsafe integers instead of silently rounding', () => {
    expect(() => encodeVarint(2 ** 60)).toThrow(RangeError);
    expect(Array.from(encodeVarint(2n ** 60n))).toHaveLength(9);
  });

  it('writes tags, fixed32 floats and length-delimited nested messages', () => {
    const inner = new Writer().int(1, 150);
    const w = new Writer().float(2, 1).string(3, 'hi').message(4, inner);
    expect(Array.from(w.finish())).toEqual([0x15, 0x00, 0x00, 0x80, 0x3f, 0x1a, 0x02, 0x68, 0x69, 0x22, 0x03, 0x08, 0x96, 0x01]);
  });
});

describe('ONNX models run in onnxruntime-node', () => {
  it('a tiny Add graph with a symbolic batch dim and an initializer', async () => {
    const bytes = model(
      [{ opType: 'Add', inputs: ['x', 'b'], outputs: ['y'], name: 'add' }],
      [{ name: 'x', elemType: DataType.FLOAT, shape: ['batch', 3] }],
      [{ name: 'y', elemType: DataType.FLOAT, shape: ['batch', 3] }],
      [floatTensor('b', [3], [10, 20, 30])],
    );
    const s = await ort.InferenceSession.create(bytes);
    const out = await s.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]) });
    expect(Array.from(out.y.data as Float32Array)).toEqual([11, 22, 33, 14, 25, 36]);
    expect(out.y.dims).toEqual([2, 3]);
    await s.release();
  });

  it('int / ints / float attributes and int64 tensors (Transpose, Reshape, LayerNormalization, Gather)', async () => {
    const bytes = model(
      [
        { opType: 'Transpose', inputs: ['x'], outputs: ['t'], attributes: { perm: { kind: 'ints', value: [1, 0] } } },
        { opType: 'Reshape', inputs: ['t', 'shape'], outputs: ['r'] },
        { opType: 'LayerNormalization', inputs: ['r', 'gamma', 'beta'], outputs: ['ln'], attributes: { axis: { kind: 'int', value: -1 }, epsilon: { kind: 'float', value: 1e-5 } } },
        { opType: 'Gather', inputs: ['ln', 'idx'], outputs: ['y'], attributes: { axis: { kind: 'int', value: 0 } } },
      ],
      [{ name: 'x', elemType: DataType.FLOAT, shape: [2, 2] }],
      [{ name: 'y', elemType: DataType.FLOAT, shape: [1, 4] }],
      [int64Tensor('shape', [2], [1, 4]), floatTensor('gamma', [4], [1, 1, 1, 1]), floatTensor('beta', [4], [0, 0, 0, 0]), int64Tensor('idx', [1], [0])],
    );
    const s = await ort.InferenceSession.create(bytes);
    const out = await s.run({ x: new ort.Tensor('float32', Float32Array.from([1, 2, 3, 4]), [2, 2]) });
    // transpose → [1,3,2,4]; layer-normalised: mean 2.5, std √1.25
    const expected = [1, 3, 2, 4].map((v) => (v - 2.5) / Math.sqrt(1.25 + 1e-5));
    Array.from(out.y.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    await s.release();
  });
});

/** Random-free weights: a smooth deterministic pattern. */
function pattern(n: number, seed: number, scale = 0.1): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7 + seed) * scale + Math.cos(i * 0.13 + seed * 3) * scale * 0.5);
}

describe('weight formats agree with plain float arithmetic', () => {
  const inDim = 16;
  const outDim = 8;
  const w = pattern(inDim * outDim, 1);
  const bias = pattern(outDim, 2);
  const x = pattern(3 * inDim, 3, 1);
  const expected = new Float32Array(3 * outDim);
  for (let r = 0; r < 3; r++) for (let c = 0; c < outDim; c++) {
    let s = bias[c];
    for (let k = 0; k < inDim; k++) s += x[r * inDim + k] * w[k * outDim + c];
    expected[r * outDim + c] = s;
  }

  const weightOnly = { label: 'w8', linear: weightOnlyLinear, embedding: fp16Format.embedding };
  for (const [label, fmt, tol] of [['fp32', fp32Format, 1e-5], ['fp16', fp16Format, 2e-3], ['int8 (DynamicQuantizeLinear + MatMulInteger)', int8Format(), 3e-2], ['int8 weights, float product (weightOnlyLinear)', weightOnly, 1e-2]] as const) {
    it(`linear: ${label}`, async () => {
      const g = new GraphBuilder();
      const y = fmt.linear(g, 'x', w, inDim, outDim, bias, 'lin');
      g.node('Identity', [y], { name: 'out', outputs: ['y'] });
      const bytes = model(g.nodes, [{ name: 'x', elemType: DataType.FLOAT, shape: ['n', inDim] }], [{ name: 'y', elemType: DataType.FLOAT, shape: ['n', outDim] }], g.initializers);
      const s = await ort.InferenceSession.create(bytes);
      const out = (await s.run({ x: new ort.Tensor('float32', x, [3, inDim]) })).y.data as Float32Array;
      for (let i = 0; i < expected.length; i++) expect(Math.abs(out[i] - expected[i])).toBeLessThan(tol);
      await s.release();
    });
  }

  it('int8 embedding gathers int8 rows and dequantizes only those', async () => {
    const rows = 5000; // above the size where tables are quantized
    const dim = 4;
    const table = pattern(rows * dim, 4);
    const g = new GraphBuilder();
    const y = int8Format().embedding(g, table, rows, dim, 'ids', 'emb');
    g.node('Identity', [y], { name: 'out', outputs: ['y'] });
    expect(g.initializers.find((t) => t.name === 'emb.weight_quantized')?.dataType).toBe(DataType.INT8);
    expect(g.nodes.map((n) => n.opType)).not.toContain('DequantizeLinear');
    const bytes = model(g.nodes, [{ name: 'ids', elemType: DataType.INT64, shape: ['b', 's'] }], [{ name: 'y', elemType: DataType.FLOAT, shape: ['b', 's', dim] }], g.initializers);
    const s = await ort.InferenceSession.create(bytes);
    const ids = [0, 4999, 1234];
    const out = (await s.run({ ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, 3]) })).y;
    expect(out.dims).toEqual([1, 3, dim]);
    ids.forEach((id, j) => {
      for (let c = 0; c < dim; c++) expect(Math.abs((out.data as Float32Array)[j * dim + c] - table[id * dim + c])).toBeLessThan(0.15 / 127 + 1e-6);
    });
    await s.release();
  });

  it('int8Format keeps float-arithmetic layers int8-stored (no activation quantization) and small tables fp16', () => {
    const g = new GraphBuilder();
    const fmt = int8Format({ keepFloat: (name) => name === 'down' });
    fmt.linear(g, 'x', w, inDim, outDim, bias, 'down');
    fmt.embedding(g, pattern(512 * 4, 5), 512, 4, 'pos', 'positions');
    const types = Object.fromEntries(g.initializers.map((t) => [t.name, t.dataType]));
    expect(types['down.weight_quantized']).toBe(DataType.INT8);
    expect(types['positions.weight']).toBe(DataType.FLOAT16);
    expect(g.nodes.map((n) => n.opType)).not.toContain('DynamicQuantizeLinear');
    const v2 = new GraphBuilder();
    int8Format({ keepFloat: () => true, compactFloat: false }).linear(v2, 'x', w, inDim, outDim, bias, 'down');
    expect(v2.initializers.find((t) => t.name === 'down.weight')?.dataType).toBe(DataType.FLOAT16);
  });

  it('weight-only quantization uses all 8 bits (its weights never reach an int8 × uint8 product)', () => {
    const q = quantizeColumns(w, inDim, outDim, WEIGHT_ONLY_QMAX);
    for (let c = 0; c < outDim; c++) {
      let m = 0;
      for (let r = 0; r < inDim; r++) m = Math.max(m, Math.abs(q.q[r * outDim + c]));
      expect(m).toBe(127);
    }
  });

  it('quantizeColumns / quantizeRows stay within half a step per element', () => {
    const q = quantizeColumns(w, inDim, outDim);
    for (let r = 0; r < inDim; r++) for (let c = 0; c < outDim; c++) {
      expect(Math.abs(q.q[r * outDim + c] * q.scales[c] - w[r * outDim + c])).toBeLessThanOrEqual(q.scales[c] / 2 + 1e-7);
    }
    const zero = quantizeRows(new Float32Array(8), 2, 4);
    expect(Array.from(zero.scales)).toEqual([1, 1]); // an all-zero row never divides by zero
  });
});

describe('BERT graph', () => {
  const cfgJson = { model_type: 'bert', hidden_size: 8, num_hidden_layers: 2, num_attention_heads: 2, intermediate_size: 16, layer_norm_eps: 1e-12, vocab_size: 20, max_position_embeddings: 16, type_vocab_size: 2, hidden_act: 'gelu' };

  it('validates config.json', () => {
    expect(() => readBertConfig({ ...cfgJson, model_type: 'roberta' })).toThrow(/only emits BERT/);
    expect(() => readBertConfig({ ...cfgJson, hidden_act: 'relu' })).toThrow(/hidden_act/);
    expect(() => readBertConfig({ ...cfgJson, num_attention_heads: 3 })).toThrow(/not divisible/);
    expect(() => readBertConfig({ ...cfgJson, hidden_size: 'x' })).toThrow(/hidden_size/);
  });

  it('builds a runnable encoder with dynamic batch and sequence from config sizes, and names missing tensors', async () => {
    const cfg = readBertConfig(cfgJson);
    const shapes: Record<string, number[]> = {
      'embeddings.word_embeddings.weight': [20, 8],
      'embeddings.position_embeddings.weight': [16, 8],
      'embeddings.token_type_embeddings.weight': [2, 8],
      'embeddings.LayerNorm.weight': [8],
      'embeddings.LayerNorm.bias': [8],
    };
    for (let l = 0; l < 2; l++) {
      for (const n of ['attention.self.query', 'attention.self.key', 'attention.self.value', 'attention.output.dense']) {
        shapes[`encoder.layer.${l}.${n}.weight`] = [8, 8];
        shapes[`encoder.layer.${l}.${n}.bias`] = [8];
      }
      shapes[`encoder.layer.${l}.intermediate.dense.weight`] = [16, 8];
      shapes[`encoder.layer.${l}.intermediate.dense.bias`] = [16];
      shapes[`encoder.layer.${l}.output.dense.weight`] = [8, 16];
      shapes[`encoder.layer.${l}.output.dense.bias`] = [8];
      for (const n of ['attention.output.LayerNorm', 'output.LayerNorm']) {
        shapes[`encoder.layer.${l}.${n}.weight`] = [8];
        shapes[`encoder.layer.${l}.${n}.bias`] = [8];
      }
    }
    let seed = 0;
    const src: WeightSource = {
      has: (n) => n in shapes,
      float32: (n) => ({ shape: shapes[n], data: pattern(shapes[n].reduce((a, b) => a * b, 1), seed++) }),
    };
    const bytes = encodeModel(buildBertModel(src, cfg, fp32Format, { producerVersion: 'test' }));
    const s = await ort.InferenceSession.create(bytes);
    const feed = (b: number, t: number, mask: number[]) => ({
      input_ids: new ort.Tensor('int64', BigInt64Array.from({ length: b * t }, (_, i) => BigInt(i % 20)), [b, t]),
      attention_mask: new ort.Tensor('int64', BigInt64Array.from(mask.map(BigInt)), [b, t]),
      token_type_ids: new ort.Tensor('int64', new BigInt64Array(b * t), [b, t]),
    });
    const a = await s.run(feed(2, 5, [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]));
    expect(a.last_hidden_state.dims).toEqual([2, 5, 8]);
    const b = await s.run(feed(1, 3, [1, 1, 1]));
    expect(b.last_hidden_state.dims).toEqual([1, 3, 8]);
    expect([...(a.last_hidden_state.data as Float32Array)].every(Number.isFinite)).toBe(true);
    await s.release();

    const broken: WeightSource = { has: (n) => n !== 'encoder.layer.1.output.dense.bias' && n in shapes, float32: src.float32 };
    expect(() => buildBertModel(broken, cfg, fp32Format, { producerVersion: 'test' })).toThrow(/encoder\.layer\.1\.output\.dense\.bias/);
  });
});
