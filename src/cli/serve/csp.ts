/**
 * The strictest Content-Security-Policy Quarry works under: no inline script,
 * no eval; 'wasm-unsafe-eval' is what lets onnxruntime compile its .wasm, and
 * blob: workers are how onnxruntime-web starts its proxy/thread workers.
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self'; connect-src 'self' blob:; img-src 'self' data:";
