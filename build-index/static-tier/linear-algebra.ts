/** The few dense-matrix steps the static tier needs (384×384 at most), row-major Float64Array. */

/** Solves (A + λI) X = B for symmetric positive-definite A (d×d) and B (d×m) by Cholesky. */
export function solveRidge(a: Float64Array, b: Float64Array, d: number, m: number, lambda: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j] + (i === j ? lambda : 0);
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-12)) : s / l[j * d + j];
    }
  }
  const x = new Float64Array(d * m);
  const y = new Float64Array(d);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < d; i++) {
      let s = b[i * m + c];
      for (let k = 0; k < i; k++) s -= l[i * d + k] * y[k];
      y[i] = s / l[i * d + i];
    }
    for (let i = d - 1; i >= 0; i--) {
      let s = y[i];
      for (let k = i + 1; k < d; k++) s -= l[k * d + i] * x[k * m + c];
      x[i * m + c] = s / l[i * d + i];
    }
  }
  return x;
}

export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  if (n > 0) {
    const inv = 1 / Math.sqrt(n);
    for (let i = 0; i < v.length; i++) v[i] *= inv;
  }
  return v;
}

export function dot(a: Float32Array, b: Float32Array, d = a.length): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += a[i] * b[i];
  return s;
}
