/**
 * WebGPU in Node through Dawn (the `webgpu` package). Without another Vulkan driver on the
 * machine, points the Vulkan loader at SwiftShader's ICD from Debian's Chromium before Dawn loads.
 * Node-only: the page never imports this module.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ShaderSources } from './shaders';
import { paceDawnPolling } from './node-pacing';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const NVIDIA_ICDS = ['/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json', '/usr/share/vulkan/icd.d/nvidia_icd.json', '/etc/vulkan/icd.d/nvidia_icd.json'];

function hasDevice(dir: string, pattern: RegExp): boolean {
  try {
    return readdirSync(dir).some((f) => pattern.test(f));
  } catch {
    return false;
  }
}

/**
 * Chooses the Vulkan driver Dawn will load, before it loads: an explicit VK_ICD_FILENAMES or
 * VK_DRIVER_FILES wins; with an NVIDIA GPU, its ICD; with a DRM render node, the system's drivers;
 * with no GPU at all, SwiftShader (Mesa's ICDs for absent hardware would find nothing).
 */
export function chooseVulkanDriver(): string | undefined {
  const set = process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES;
  if (set) return set;
  if (hasDevice('/dev', /^nvidia\d+$/)) {
    const icd = NVIDIA_ICDS.find((f) => existsSync(f));
    if (icd) process.env.VK_ICD_FILENAMES = icd;
    return icd;
  }
  if (hasDevice('/dev/dri', /^renderD\d+$/)) return undefined;
  if (existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  return process.env.VK_ICD_FILENAMES;
}

/**
 * Dawn instances and adapters handed out so far. dawn.node frees an instance when its JS `GPU`
 * object is garbage-collected, even while a device made from it still processes events (a
 * segfault in InstanceBase::ProcessEvents): they must live as long as the process.
 */
const liveInstances: unknown[] = [];

export interface NodeGpu {
  device: GPUDevice;
  adapter: string;
}

/**
 * A Dawn device, or undefined (with the reason) when no adapter is found. `defaultLimits`: a
 * device with WebGPU's default buffer limits instead of the adapter's (tests of the memory plan).
 */
export async function requestNodeGpu(o: { defaultLimits?: boolean } = {}): Promise<NodeGpu | { error: string }> {
  chooseVulkanDriver();
  paceDawnPolling(); // Dawn's waits poll at 1 ms instead of spinning a core (node-pacing.ts)
  let mod: typeof import('webgpu');
  try {
    mod = await import('webgpu');
  } catch (e) {
    return { error: `the webgpu package (Dawn) did not load: ${(e as Error).message}` };
  }
  Object.assign(globalThis, mod.globals);
  const gpu = mod.create([]);
  liveInstances.push(gpu);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  liveInstances.push(adapter);
  if (!adapter) {
    return {
      error: existsSync(SWIFTSHADER_ICD)
        ? 'no WebGPU adapter was found'
        : `no WebGPU adapter was found (no GPU driver, and no SwiftShader at ${SWIFTSHADER_ICD}: apt-get install chromium)`,
    };
  }
  // The adapter's own buffer limits (the defaults are 256 MiB / 128 MiB), as the page asks for
  // (browser.ts); the memory plan (memory-plan.ts) checks grids against them.
  const requiredLimits: Record<string, number> = {
    maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
    maxBufferSize: adapter.limits.maxBufferSize,
  };
  const device = await adapter.requestDevice({ label: 'onsager-lab node device', ...(o.defaultLimits ? {} : { requiredLimits }) });
  const info = adapter.info;
  const adapterText = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  return { device, adapter: adapterText };
}

/** The WGSL files of shaders/, read from disk. */
export function nodeShaderSources(): ShaderSources {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../shaders');
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir)) if (f.endsWith('.wgsl')) out[f] = readFileSync(join(dir, f), 'utf8');
  return out;
}
