/**
 * Chooses the backend in Node: the WGSL solver on Dawn, or the CPU reference when asked for or
 * when no WebGPU adapter exists (said on stderr).
 */
import { GpuSimulation } from '../gpu/solver';
import { nodeShaderSources, requestNodeGpu } from '../gpu/node';
import { ReferenceSimulation } from '../physics/reference';
import type { FieldSimulation } from '../physics/simulation';
import type { Validated } from '../physics/validate';

/** Exit status when the GPU device is lost mid-run (the run cannot stand: issue 8, failure semantics). */
export const EXIT_DEVICE_LOST = 3;

/**
 * Ends the process with a clear message and exit 3 when the device is lost: the command line does
 * not recover (a partial run is not a result). Nothing in the command line destroys its device.
 */
export function exitOnDeviceLoss(device: GPUDevice, log: (line: string) => void): void {
  void device.lost.then((info) => {
    log(`error: the GPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''}); the run stopped and no result was written`);
    process.exit(EXIT_DEVICE_LOST);
  });
}

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
      exitOnDeviceLoss(r.device, log);
      return GpuSimulation.create({ device: r.device, adapter: r.adapter, sources: nodeShaderSources() }, v);
    }
    log(`${r.error}; falling back to the CPU reference (--backend cpu)`);
  }
  return new ReferenceSimulation(v);
}
