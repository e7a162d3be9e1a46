/**
 * WebGPU in the browser: the adapter and device the page shares between the solver and three's
 * renderer. Uses only `navigator.gpu` (no DOM elements), so it stays in the gpu layer.
 */

export interface BrowserGpu {
  device: GPUDevice;
  /** The adapter's description, for summaries and the page's status line. */
  adapter: string;
}

/** Features the page uses when the adapter offers them (none is required). */
const OPTIONAL_FEATURES: GPUFeatureName[] = ['float32-filterable', 'timestamp-query'];

/**
 * A device from `navigator.gpu`, or a plain-words reason why there is none (no WebGPU in this
 * browser, no adapter, or the device request failed).
 */
export async function requestBrowserGpu(): Promise<BrowserGpu | { error: string }> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return { error: 'this browser does not offer WebGPU' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return { error: `the WebGPU adapter request failed: ${(e as Error).message}` };
  }
  if (!adapter) return { error: 'WebGPU is present but found no graphics adapter' };
  const requiredFeatures = OPTIONAL_FEATURES.filter((f) => adapter.features.has(f));
  // Ask for the adapter's own storage limits so large grids fit (defaults are 128 MiB / 256 MiB).
  const requiredLimits: Record<string, number> = {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
  };
  try {
    const device = await adapter.requestDevice({ label: 'onsager-lab page device', requiredFeatures, requiredLimits });
    const info = adapter.info;
    const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'WebGPU adapter';
    return { device, adapter: text };
  } catch (e) {
    return { error: `the WebGPU device request failed: ${(e as Error).message}` };
  }
}
