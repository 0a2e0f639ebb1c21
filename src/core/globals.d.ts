/**
 * Globals that both hosts of the core provide (Node ≥ 20 and Web Workers)
 * but that lib ES2022 does not declare. Declared here, narrowly, so the core
 * still cannot reach DOM or node:* APIs by accident.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
declare const performance: { now(): number };
declare namespace WebAssembly {
  type ModuleImports = Record<string, unknown>;
  interface Instance {
    exports: Record<string, unknown>;
  }
  function instantiate(bytes: Uint8Array, imports?: Record<string, ModuleImports>): Promise<{ instance: Instance }>;
}

/** voy-search's wasm-bindgen glue (typed by hand in vector/voy.ts). */
declare module 'voy-search/voy_search_bg.js';
