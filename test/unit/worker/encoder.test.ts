import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadRuntime, pickDevice, pickThreads } from '../../../worker/encoder.ts';

const setNavigator = (value: unknown) => vi.stubGlobal('navigator', value);

describe('pickDevice (the WebGPU → WASM fallback)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('uses WASM when navigator.gpu exists but gives no adapter (what headless Chromium without a GPU does)', async () => {
    setNavigator({ gpu: { requestAdapter: async () => null } });
    expect(await pickDevice('auto')).toBe('wasm');
  });

  it('uses WASM when requestAdapter throws or WebGPU is absent', async () => {
    setNavigator({ gpu: { requestAdapter: async () => Promise.reject(new Error('no')) } });
    expect(await pickDevice('auto')).toBe('wasm');
    setNavigator({});
    expect(await pickDevice('auto')).toBe('wasm');
  });

  it('uses WebGPU only when an adapter is really there', async () => {
    setNavigator({ gpu: { requestAdapter: async () => ({ name: 'fake adapter' }) } });
    expect(await pickDevice('auto')).toBe('webgpu');
    expect(await pickDevice('wasm')).toBe('wasm');
  });

  it('explains a forced WebGPU request that cannot be met', async () => {
    setNavigator({ gpu: { requestAdapter: async () => null } });
    await expect(pickDevice('webgpu')).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED', message: expect.stringContaining('no GPU adapter') });
  });
});

describe('loadRuntime (WebGPU only with the runtime `quarry build --webgpu` ships)', () => {
  const runtimeUrl = 'https://docs.example/_quarry/ort/';
  /** A manifest's files: readListed answers null, without a request, for anything it does not list. */
  const listing = (names: string[]) => {
    const asked: string[] = [];
    const read = async (url: string) => {
      asked.push(url);
      return names.some((n) => url === runtimeUrl + n) ? new Uint8Array([0, 97, 115, 109]) : null;
    };
    return { read, asked };
  };
  const plain = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];
  const gpu = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];

  it('uses the asyncify build on a GPU when the index lists it', async () => {
    const { read } = listing([...plain, ...gpu]);
    const r = await loadRuntime('webgpu', 'auto', runtimeUrl, read);
    expect(r).toMatchObject({ device: 'webgpu', mjs: `${runtimeUrl}ort-wasm-simd-threaded.asyncify.mjs`, wasm: `${runtimeUrl}ort-wasm-simd-threaded.asyncify.wasm` });
    expect(r.binary).not.toBeNull();
  });

  it('falls back to the plain WASM build on a GPU when the index was built without --webgpu', async () => {
    const { read, asked } = listing(plain);
    const r = await loadRuntime('webgpu', 'auto', runtimeUrl, read);
    expect(r).toMatchObject({ device: 'wasm', mjs: `${runtimeUrl}ort-wasm-simd-threaded.mjs`, wasm: `${runtimeUrl}ort-wasm-simd-threaded.wasm` });
    expect(r.binary).not.toBeNull();
    expect(asked).toEqual([`${runtimeUrl}ort-wasm-simd-threaded.asyncify.wasm`, `${runtimeUrl}ort-wasm-simd-threaded.wasm`]);
  });

  it('never asks for the WebGPU runtime without a GPU', async () => {
    const { read, asked } = listing([...plain, ...gpu]);
    expect((await loadRuntime('wasm', 'auto', runtimeUrl, read)).device).toBe('wasm');
    expect(asked).toEqual([`${runtimeUrl}ort-wasm-simd-threaded.wasm`]);
  });

  it('explains a forced WebGPU request on an index without its runtime (a runtime failure the client retries on WASM)', async () => {
    const { read } = listing(plain);
    await expect(loadRuntime('webgpu', 'webgpu', runtimeUrl, read)).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED', message: expect.stringContaining('--webgpu') });
  });
});

describe('pickThreads', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('runs one thread without cross-origin isolation', () => {
    vi.stubGlobal('crossOriginIsolated', false);
    setNavigator({ hardwareConcurrency: 8 });
    expect(pickThreads(0)).toBe(1);
  });

  it('uses the cores (capped at 4) when isolated, and an explicit count as given', () => {
    vi.stubGlobal('crossOriginIsolated', true);
    setNavigator({ hardwareConcurrency: 2 });
    expect(pickThreads(0)).toBe(2);
    setNavigator({ hardwareConcurrency: 16 });
    expect(pickThreads(0)).toBe(4);
    expect(pickThreads(3)).toBe(3);
  });
});
