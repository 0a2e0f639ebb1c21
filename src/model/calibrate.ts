/**
 * Measures each linear layer input's per-channel max |activation| by running
 * the fp32 graph (with those tensors exposed as extra outputs) over
 * CALIBRATION_TEXT. The int8 format uses it to move activation outliers
 * into the weights (SmoothQuant), which per-tensor dynamic quantization
 * otherwise resolves poorly: MiniLM has channels 20× larger than the median.
 */
import { Tokenizer } from '@huggingface/tokenizers';
import { buildBertModel, fp32Format, type BertConfig, type WeightFormat, type WeightSource } from './bert-graph.ts';
import { CALIBRATION_TEXT } from './calibration-text.ts';
import { DataType, encodeModel } from './onnx-proto.ts';
import { loadOnnxRuntime } from './onnx-runtime.ts';

export async function calibrateActivations(
  weights: WeightSource,
  config: BertConfig,
  tokenizerJson: object,
  tokenizerConfig: object,
  maxTokens: number,
  texts: readonly string[] = CALIBRATION_TEXT,
): Promise<Map<string, Float32Array>> {
  const taps = new Map<string, number>();
  const recorder: WeightFormat = {
    label: 'calibration',
    linear(g, x, w, inDim, outDim, bias, name) {
      taps.set(x, inDim);
      return fp32Format.linear(g, x, w, inDim, outDim, bias, name);
    },
    embedding: fp32Format.embedding,
  };
  const model = buildBertModel(weights, config, recorder, { producerVersion: 'calibration' });
  for (const [x, dim] of taps) model.graph.outputs.push({ name: x, elemType: DataType.FLOAT, shape: ['batch_size', 'sequence_length', dim] });
  const ort = await loadOnnxRuntime();
  const session = await ort.InferenceSession.create(encodeModel(model));
  const tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
  const amax = new Map<string, Float32Array>([...taps].map(([x, dim]) => [x, new Float32Array(dim)]));
  try {
    for (const text of texts) {
      const ids = tokenizer.encode(text).ids.slice(0, maxTokens);
      const n = ids.length;
      const feeds = {
        input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, n]),
        attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
        token_type_ids: new ort.Tensor('int64', new BigInt64Array(n), [1, n]),
      };
      const out = await session.run(feeds);
      for (const [x, dim] of taps) {
        const data = out[x].data as Float32Array;
        const m = amax.get(x)!;
        for (let i = 0; i < data.length; i++) {
          const a = Math.abs(data[i]);
          const c = i % dim;
          if (a > m[c]) m[c] = a;
        }
      }
    }
  } finally {
    await session.release();
  }
  return amax;
}
