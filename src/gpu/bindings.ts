/**
 * Positional bind group layouts and bind groups (binding number, kind, buffer), still used by the
 * implicit scheme (gpu/implicit.ts) until it is ported onto the named bindings of schema.ts and
 * the pipeline cache of pipelines.ts; and SolverFields, the buffers a time scheme steps.
 */
export type BindingKind = 'uniform' | 'dynamic-uniform' | 'storage' | 'read-only-storage';

export type LayoutSpec = readonly (readonly [binding: number, kind: BindingKind])[];

export function bindLayout(device: GPUDevice, label: string, spec: LayoutSpec): GPUBindGroupLayout {
  return device.createBindGroupLayout({
    label,
    entries: spec.map(([binding, kind]) => ({
      binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer:
        kind === 'dynamic-uniform'
          ? { type: 'uniform', hasDynamicOffset: true }
          : { type: kind === 'uniform' ? 'uniform' : kind === 'storage' ? 'storage' : 'read-only-storage' },
    })),
  });
}

/** A bind group; `sized` bindings (dynamic uniforms) bind `size` bytes at offset 0. */
export function bindGroup(
  device: GPUDevice,
  label: string,
  layout: GPUBindGroupLayout,
  entries: readonly (readonly [binding: number, buffer: GPUBuffer, size?: number])[],
): GPUBindGroup {
  return device.createBindGroup({
    label,
    layout,
    entries: entries.map(([binding, buffer, size]) => ({ binding, resource: size === undefined ? { buffer } : { buffer, size } })),
  });
}

/** The solver's buffers a time scheme (RKL2, implicit) reads and writes; owned by GpuSimulation. */
export interface SolverFields {
  params: GPUBuffer;
  /** T - T0 and c - c0 ping-pong pairs. */
  u: readonly [GPUBuffer, GPUBuffer];
  v: readonly [GPUBuffer, GPUBuffer];
  sigma: GPUBuffer;
  cellKind: GPUBuffer;
  status: GPUBuffer;
  /** The solver's step-slot uniforms (index of a step within its submit). */
  slots: GPUBuffer;
}

export { SLOT_STRIDE } from './schema';
