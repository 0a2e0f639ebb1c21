import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickDevice, pickThreads } from '../../../worker/encoder.ts';

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
