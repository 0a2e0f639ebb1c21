/**
 * Emits a standard BERT encoder (HF BertModel without pooler) as an ONNX
 * graph: opset 17, ir_version 8, dynamic [batch, sequence] inputs, output
 * `last_hidden_state` [batch, sequence, hidden]. How weights are stored and
 * multiplied is delegated to a WeightFormat, so the fp32, fp16-weight and
 * int8 variants share one architecture definition.
 */
import { QuarryError } from '../core/errors.ts';
import {
  DataType,
  floatTensor,
  int64Tensor,
  type AttributeValue,
  type ModelProto,
  type NodeProto,
  type TensorProto,
} from './onnx-proto.ts';

export const OPSET = 17;
export const IR_VERSION = 8;

export interface BertConfig {
  hiddenSize: number;
  numLayers: number;
  numHeads: number;
  intermediateSize: number;
  layerNormEps: number;
  vocabSize: number;
  maxPositions: number;
  typeVocabSize: number;
}

/** Validates a HF config.json for the architecture this file emits. */
export function readBertConfig(json: unknown, source = 'config.json'): BertConfig {
  const c = json as Record<string, unknown>;
  const num = (k: string): number => {
    const v = c?.[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
      throw new QuarryError('MODEL_CONVERT_FAILED', `${source}: "${k}" must be a positive number, got ${JSON.stringify(v)}.`);
    }
    return v;
  };
  if (c?.model_type !== 'bert') {
    throw new QuarryError('MODEL_CONVERT_FAILED', `${source}: model_type is ${JSON.stringify(c?.model_type)}; the converter only emits BERT encoders.`);
  }
  // The graph implements exact erf GELU and absolute positions; anything else would silently give wrong vectors.
  if ((c.hidden_act ?? 'gelu') !== 'gelu') {
    throw new QuarryError('MODEL_CONVERT_FAILED', `${source}: hidden_act ${JSON.stringify(c.hidden_act)} is not supported (only "gelu").`);
  }
  if ((c.position_embedding_type ?? 'absolute') !== 'absolute') {
    throw new QuarryError('MODEL_CONVERT_FAILED', `${source}: position_embedding_type ${JSON.stringify(c.position_embedding_type)} is not supported (only "absolute").`);
  }
  const cfg: BertConfig = {
    hiddenSize: num('hidden_size'),
    numLayers: num('num_hidden_layers'),
    numHeads: num('num_attention_heads'),
    intermediateSize: num('intermediate_size'),
    layerNormEps: num('layer_norm_eps'),
    vocabSize: num('vocab_size'),
    maxPositions: num('max_position_embeddings'),
    typeVocabSize: num('type_vocab_size'),
  };
  if (cfg.hiddenSize % cfg.numHeads !== 0) {
    throw new QuarryError('MODEL_CONVERT_FAILED', `${source}: hidden_size ${cfg.hiddenSize} is not divisible by num_attention_heads ${cfg.numHeads}.`);
  }
  return cfg;
}

/** Accumulates nodes and initializers with unique names. */
export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  private readonly used = new Set<string>();
  private readonly scalars = new Map<string, string>();

  unique(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  init(t: TensorProto): string {
    const name = this.unique(t.name);
    this.initializers.push({ ...t, name });
    return name;
  }

  /** A shared float32 scalar/vector constant (deduplicated by value). */
  floats(values: number[], dims: number[] = []): string {
    const key = `f:${dims.join(',')}:${values.join(',')}`;
    let name = this.scalars.get(key);
    if (!name) {
      name = this.init(floatTensor(`const_f_${this.scalars.size}`, dims, values));
      this.scalars.set(key, name);
    }
    return name;
  }

  ints(values: number[], dims: number[] = [values.length]): string {
    const key = `i:${dims.join(',')}:${values.join(',')}`;
    let name = this.scalars.get(key);
    if (!name) {
      name = this.init(int64Tensor(`const_i_${this.scalars.size}`, dims, values));
      this.scalars.set(key, name);
    }
    return name;
  }

  /** Adds a node; returns its output names (fixed names in `outputs`, else generated from `name`). */
  node(opType: string, inputs: string[], opts: { name: string; attrs?: Record<string, AttributeValue>; outputs?: number | string[]; domain?: string }): string[] {
    const nodeName = this.unique(opts.name);
    const outs = Array.isArray(opts.outputs)
      ? opts.outputs
      : Array.from({ length: opts.outputs ?? 1 }, (_, i) => this.unique(`${nodeName}_out${i}`));
    this.nodes.push({ opType, inputs, outputs: outs, name: nodeName, attributes: opts.attrs, domain: opts.domain });
    return outs;
  }

  op(opType: string, inputs: string[], name: string, attrs?: Record<string, AttributeValue>): string {
    return this.node(opType, inputs, { name, attrs })[0];
  }
}

/** Storage + arithmetic for the big weights. */
export interface WeightFormat {
  /** Suffix in the file name and what the producer records, e.g. "fp32". */
  readonly label: string;
  /** y = x·W + b; `w` is [inDim, outDim] row-major (already transposed from torch's [out, in]). */
  linear(g: GraphBuilder, x: string, w: Float32Array, inDim: number, outDim: number, bias: Float32Array, name: string): string;
  /** Gathers rows of `table` [rows, dim] at int64 `indices`; output float32 [...indices.shape, dim]. */
  embedding(g: GraphBuilder, table: Float32Array, rows: number, dim: number, indices: string, name: string): string;
}

/** Plain float32 weights. */
export const fp32Format: WeightFormat = {
  label: 'fp32',
  linear(g, x, w, inDim, outDim, bias, name) {
    const W = g.init(floatTensor(`${name}.weight`, [inDim, outDim], w));
    const B = g.init(floatTensor(`${name}.bias`, [outDim], bias));
    return g.op('Add', [g.op('MatMul', [x, W], `${name}/MatMul`), B], `${name}/Add`);
  },
  embedding(g, table, rows, dim, indices, name) {
    const T = g.init(floatTensor(`${name}.weight`, [rows, dim], table));
    return g.op('Gather', [T, indices], `${name}/Gather`, { axis: { kind: 'int', value: 0 } });
  },
};

export interface WeightSource {
  float32(name: string): { data: Float32Array; shape: number[] };
  has(name: string): boolean;
}

/** torch Linear weight [out, in] → [in, out] for MatMul(x, W). */
export function transpose(w: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = w[r * cols + c];
  return out;
}

export interface BuildOptions {
  producerVersion: string;
  docString?: string;
}

/** The attention mask's additive value for padded keys: float32's lowest, as transformers uses. */
const MASK_NEG = -3.4028234663852886e38;

export function buildBertModel(src: WeightSource, cfg: BertConfig, fmt: WeightFormat, opts: BuildOptions): ModelProto {
  const g = new GraphBuilder();
  const H = cfg.hiddenSize;
  const nH = cfg.numHeads;
  const hd = H / nH;
  // Checkpoints are saved either bare ("embeddings.…") or under "bert." by BertFor* heads.
  const prefix = src.has('embeddings.word_embeddings.weight') ? '' : 'bert.';
  const get = (name: string, expect: number[]): Float32Array => {
    const full = prefix + name;
    if (!src.has(full)) {
      throw new QuarryError('MODEL_CONVERT_FAILED', `The weights have no tensor "${full}"; they do not match config.json (a BERT encoder).`);
    }
    const t = src.float32(full);
    if (t.shape.length !== expect.length || t.shape.some((d, i) => d !== expect[i])) {
      throw new QuarryError('MODEL_CONVERT_FAILED', `Tensor "${full}" has shape ${JSON.stringify(t.shape)}, config.json implies ${JSON.stringify(expect)}.`);
    }
    return t.data;
  };
  const layerNorm = (x: string, p: string, name: string, out?: string): string => {
    const scale = g.init(floatTensor(`${p}.weight`, [H], get(`${p}.weight`, [H])));
    const bias = g.init(floatTensor(`${p}.bias`, [H], get(`${p}.bias`, [H])));
    return g.node('LayerNormalization', [x, scale, bias], {
      name,
      attrs: { axis: { kind: 'int', value: -1 }, epsilon: { kind: 'float', value: cfg.layerNormEps } },
      outputs: out ? [out] : 1,
    })[0];
  };
  const linear = (x: string, p: string, inDim: number, outDim: number, name: string, scale = 1): string => {
    let w = transpose(get(`${p}.weight`, [outDim, inDim]), outDim, inDim);
    let b = get(`${p}.bias`, [outDim]);
    if (scale !== 1) {
      w = w.map((v) => v * scale);
      b = b.map((v) => v * scale);
    }
    return fmt.linear(g, x, w, inDim, outDim, b, name);
  };

  // --- embeddings
  const seqLen = g.op('Gather', [g.op('Shape', ['input_ids'], 'shape_ids'), g.ints([1], [])], 'seq_len', { axis: { kind: 'int', value: 0 } });
  const positions = g.op('Range', [g.ints([0], []), seqLen, g.ints([1], [])], 'position_ids');
  const word = fmt.embedding(g, get('embeddings.word_embeddings.weight', [cfg.vocabSize, H]), cfg.vocabSize, H, 'input_ids', 'embeddings.word_embeddings');
  const pos = fmt.embedding(g, get('embeddings.position_embeddings.weight', [cfg.maxPositions, H]), cfg.maxPositions, H, positions, 'embeddings.position_embeddings');
  const typ = fmt.embedding(g, get('embeddings.token_type_embeddings.weight', [cfg.typeVocabSize, H]), cfg.typeVocabSize, H, 'token_type_ids', 'embeddings.token_type_embeddings');
  const emb = g.op('Add', [g.op('Add', [word, typ], 'emb_add_type'), pos], 'emb_add_pos');
  let hidden = layerNorm(emb, 'embeddings.LayerNorm', 'embeddings/LayerNorm');

  // --- additive mask [B, 1, 1, S]: 0 where attended, MASK_NEG where padded
  const maskF = g.op('Cast', ['attention_mask'], 'mask_cast', { to: { kind: 'int', value: DataType.FLOAT } });
  const mask4 = g.op('Unsqueeze', [maskF, g.ints([1, 2])], 'mask_unsqueeze');
  const inv = g.op('Sub', [g.floats([1]), mask4], 'mask_invert');
  const addMask = g.op('Mul', [inv, g.floats([MASK_NEG])], 'mask_scale');

  const headsShape = g.ints([0, 0, nH, hd]);
  const mergedShape = g.ints([0, 0, H]);
  const perm = (p: number[]): Record<string, AttributeValue> => ({ perm: { kind: 'ints', value: p } });

  for (let l = 0; l < cfg.numLayers; l++) {
    const p = `encoder.layer.${l}`;
    const n = `layer${l}`;
    // Folding 1/sqrt(head_dim) into the query projection saves a Mul on every [B,h,S,S] score tensor.
    const q = linear(hidden, `${p}.attention.self.query`, H, H, `${n}/attn/query`, 1 / Math.sqrt(hd));
    const k = linear(hidden, `${p}.attention.self.key`, H, H, `${n}/attn/key`);
    const v = linear(hidden, `${p}.attention.self.value`, H, H, `${n}/attn/value`);
    const qh = g.op('Transpose', [g.op('Reshape', [q, headsShape], `${n}/attn/q_reshape`)], `${n}/attn/q_transpose`, perm([0, 2, 1, 3]));
    const kh = g.op('Transpose', [g.op('Reshape', [k, headsShape], `${n}/attn/k_reshape`)], `${n}/attn/k_transpose`, perm([0, 2, 3, 1]));
    const vh = g.op('Transpose', [g.op('Reshape', [v, headsShape], `${n}/attn/v_reshape`)], `${n}/attn/v_transpose`, perm([0, 2, 1, 3]));
    const scores = g.op('Add', [g.op('MatMul', [qh, kh], `${n}/attn/scores`), addMask], `${n}/attn/mask_add`);
    const probs = g.op('Softmax', [scores], `${n}/attn/softmax`, { axis: { kind: 'int', value: -1 } });
    const ctx = g.op('MatMul', [probs, vh], `${n}/attn/context`);
    const merged = g.op('Reshape', [g.op('Transpose', [ctx], `${n}/attn/ctx_transpose`, perm([0, 2, 1, 3])), mergedShape], `${n}/attn/ctx_reshape`);
    const attnOut = linear(merged, `${p}.attention.output.dense`, H, H, `${n}/attn/output`);
    const attnRes = g.op('Add', [attnOut, hidden], `${n}/attn/residual`);
    const attnNorm = layerNorm(attnRes, `${p}.attention.output.LayerNorm`, `${n}/attn/LayerNorm`);

    const inter = linear(attnNorm, `${p}.intermediate.dense`, H, cfg.intermediateSize, `${n}/ffn/intermediate`);
    // Exact GELU: 0.5·x·(1 + erf(x/√2)) — the pattern onnxruntime fuses into one Gelu kernel.
    const erf = g.op('Erf', [g.op('Div', [inter, g.floats([Math.SQRT2])], `${n}/ffn/gelu_div`)], `${n}/ffn/gelu_erf`);
    const gelu = g.op('Mul', [g.op('Mul', [inter, g.op('Add', [erf, g.floats([1])], `${n}/ffn/gelu_add`)], `${n}/ffn/gelu_mul`), g.floats([0.5])], `${n}/ffn/gelu_half`);
    const ffnOut = linear(gelu, `${p}.output.dense`, cfg.intermediateSize, H, `${n}/ffn/output`);
    const ffnRes = g.op('Add', [ffnOut, attnNorm], `${n}/ffn/residual`);
    const last = l === cfg.numLayers - 1;
    hidden = layerNorm(ffnRes, `${p}.output.LayerNorm`, `${n}/ffn/LayerNorm`, last ? 'last_hidden_state' : undefined);
  }

  const ids = (name: string) => ({ name, elemType: DataType.INT64, shape: ['batch_size', 'sequence_length'] });
  return {
    irVersion: IR_VERSION,
    opsets: [{ domain: '', version: OPSET }],
    producerName: 'quarry-converter',
    producerVersion: opts.producerVersion,
    docString: opts.docString,
    graph: {
      name: `bert_${fmt.label}`,
      nodes: g.nodes,
      initializers: g.initializers,
      inputs: [ids('input_ids'), ids('attention_mask'), ids('token_type_ids')],
      outputs: [{ name: 'last_hidden_state', elemType: DataType.FLOAT, shape: ['batch_size', 'sequence_length', H] }],
    },
  };
}
