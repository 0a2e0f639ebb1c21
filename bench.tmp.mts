import { pipeline, env } from '@huggingface/transformers';
env.allowRemoteModels = false; env.localModelPath = '/tmp/mroot';
const words = 'the search index is built at compile time and every passage is embedded with a small transformer so that visitors can find pages by meaning even when they do not know the exact words used in the documentation while lexical matching still catches identifiers and error codes'.split(' ');
const passages = Array.from({ length: 64 }, (_, i) => Array.from({ length: 220 }, (_, j) => words[(i * 7 + j * 13) % words.length]).join(' '));
for (const dtype of (process.argv[2] ?? 'fp32,fp16,q8').split(',') as any[]) {
  const p = await pipeline('feature-extraction', 'quarry/all-MiniLM-L6-v2', { dtype, local_files_only: true });
  await p(passages.slice(0, 8), { pooling: 'mean', normalize: true });
  const t0 = performance.now();
  for (let i = 0; i < passages.length; i += 8) await p(passages.slice(i, i + 8), { pooling: 'mean', normalize: true });
  const s = (performance.now() - t0) / 1000;
  console.log(dtype, (passages.length / s).toFixed(1), 'passages/s');
  await p.dispose();
}
