/**
 * Reference checks for the default model against sentence-transformers'
 * all-MiniLM-L6-v2 (fp32 reference values; our fp16-sourced weights explain
 * differences below 1e-3), and int8-vs-fp32 agreement.
 */
import type { ModelDtype } from '../core/format/manifest.ts';
import { createNodeEncoder } from '../node/encoder.ts';
import { prepareDefaultModel, type PrepareOptions } from './prepare.ts';
import type { PreparedModel } from './types.ts';

export interface VerifyCheck {
  name: string;
  expected: string;
  actual: string;
  pass: boolean;
}

export const REFERENCE = {
  sentence: 'This is an example sentence',
  /** sentence-transformers output, first three dims. */
  prefix: [0.06765693, 0.06349593, 0.04871314],
  query: 'How do I reset my password?',
  related: 'Steps to recover account access',
  unrelated: 'The weather is sunny today',
  cosRelated: 0.549,
  cosUnrelated: -0.035,
} as const;

const PREFIX_TOL = 1e-3;
const COS_TOL = 0.005;
/** How far the int8 model may drift from fp32 on any reference cosine. */
export const INT8_COS_TOL = 0.01;

export function cosine(a: Float32Array, b: Float32Array): number {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return d / Math.sqrt(na * nb);
}

/** Embeds the reference texts one at a time (as queries are encoded). */
export async function referenceVectors(model: PreparedModel, dtype: ModelDtype): Promise<Record<'sentence' | 'query' | 'related' | 'unrelated', Float32Array>> {
  const enc = await createNodeEncoder(model, { dtype });
  try {
    const one = async (t: string) => (await enc.encode([t], 'query'))[0];
    return {
      sentence: await one(REFERENCE.sentence),
      query: await one(REFERENCE.query),
      related: await one(REFERENCE.related),
      unrelated: await one(REFERENCE.unrelated),
    };
  } finally {
    await enc.dispose?.();
  }
}

export async function verifyModel(options: PrepareOptions & { model?: PreparedModel } = {}): Promise<{ checks: VerifyCheck[]; ok: boolean; model: PreparedModel }> {
  const model = options.model ?? (await prepareDefaultModel(options));
  const checks: VerifyCheck[] = [];
  const f = (x: number) => x.toFixed(4);
  const fp32 = await referenceVectors(model, 'fp32');
  const firstThree = Array.from(fp32.sentence.slice(0, 3));
  checks.push({
    name: 'fp32: embedding("This is an example sentence")[0..3]',
    expected: REFERENCE.prefix.map(f).join(', ') + ` (±${PREFIX_TOL})`,
    actual: firstThree.map(f).join(', '),
    pass: firstThree.every((v, i) => Math.abs(v - REFERENCE.prefix[i]) < PREFIX_TOL),
  });
  const cosR = cosine(fp32.query, fp32.related);
  const cosU = cosine(fp32.query, fp32.unrelated);
  checks.push({ name: 'fp32: cos(password reset, recover access)', expected: `${f(REFERENCE.cosRelated)} ±${COS_TOL}`, actual: f(cosR), pass: Math.abs(cosR - REFERENCE.cosRelated) < COS_TOL });
  checks.push({ name: 'fp32: cos(password reset, sunny weather)', expected: `${f(REFERENCE.cosUnrelated)} ±${COS_TOL}`, actual: f(cosU), pass: Math.abs(cosU - REFERENCE.cosUnrelated) < COS_TOL });

  const dtypes = new Set<ModelDtype>([model.buildDtype, model.browserDtype]);
  dtypes.delete('fp32');
  for (const dtype of dtypes) {
    const q = await referenceVectors(model, dtype);
    const qR = cosine(q.query, q.related);
    const qU = cosine(q.query, q.unrelated);
    const self = cosine(q.sentence, fp32.sentence);
    checks.push({ name: `${dtype}: cos(password reset, recover access) vs fp32`, expected: `${f(cosR)} ±${INT8_COS_TOL}`, actual: f(qR), pass: Math.abs(qR - cosR) < INT8_COS_TOL });
    checks.push({ name: `${dtype}: cos(password reset, sunny weather) vs fp32`, expected: `${f(cosU)} ±${INT8_COS_TOL}`, actual: f(qU), pass: Math.abs(qU - cosU) < INT8_COS_TOL });
    checks.push({ name: `${dtype}: cos(${dtype} vector, fp32 vector) of the example sentence`, expected: '> 0.99', actual: f(self), pass: self > 0.99 });
  }
  return { checks, ok: checks.every((c) => c.pass), model };
}
