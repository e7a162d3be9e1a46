/**
 * Chooses the backend in Node: the WGSL solver on Dawn, or the CPU reference when asked for or
 * when no WebGPU adapter exists (said on stderr).
 */
import { GpuSimulation } from '../gpu/solver';
import { nodeShaderSources, requestNodeGpu } from '../gpu/node';
import { ReferenceSimulation } from '../physics/reference';
import type { FieldSimulation } from '../physics/simulation';
import type { Validated } from '../physics/validate';

export async function createNodeSimulation(
  v: Validated,
  backend: 'gpu' | 'cpu',
  log: (line: string) => void,
  /** Called with each uncaptured GPU error as a plain message (the run is then a failure). */
  onGpuError?: (message: string) => void,
): Promise<FieldSimulation> {
  if (backend === 'gpu') {
    const r = await requestNodeGpu();
    if ('device' in r) {
      r.device.addEventListener('uncapturederror', (e) => {
        const message = `WebGPU error: ${(e as GPUUncapturedErrorEvent).error.message}`;
        log(message);
        onGpuError?.(message);
      });
      return GpuSimulation.create({ device: r.device, adapter: r.adapter, sources: nodeShaderSources() }, v);
    }
    log(`${r.error}; falling back to the CPU reference (--backend cpu)`);
  }
  return new ReferenceSimulation(v);
}
