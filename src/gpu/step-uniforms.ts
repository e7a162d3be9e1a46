/**
 * The solver's uniforms: the Params block (the scenario's constants, the cell-kind source table and
 * `stepBase`) and the step slots (slot k holds k + 1; the k-th dispatch of a submit binds slot k,
 * so a kernel's step is stepBase + slot, used to name the step of a failure). Owned by
 * GpuSimulation; no allocation per step; one destroy().
 */
import type { Validated } from '../physics/validate';
import { stepTable } from './kernels';
import { paramsLayout, paramsValues, stepLengthValues, writeParams } from './params';
import { namedBindGroup, SLOT_STRIDE } from './schema';

/** Dispatches encoded per submit (also the number of step-slot uniforms). */
export const STEPS_PER_SUBMIT = 256;

export class StepUniforms {
  readonly params: GPUBuffer;
  readonly slots: GPUBuffer;
  /** The step-slot bind group (group 1 of the step kernels), at dynamic slot offsets. */
  readonly slotGroup: GPUBindGroup;
  private readonly data = new ArrayBuffer(paramsLayout.size);
  private readonly baseWord = new Uint32Array(1);
  private readonly lengthWord = new Float32Array(1);

  constructor(
    private readonly device: GPUDevice,
    /** The layout of the step kernels' group 1. */
    slotLayout: GPUBindGroupLayout,
  ) {
    this.params = device.createBuffer({ label: 'params', size: paramsLayout.size, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    const slotWords = new Uint32Array((STEPS_PER_SUBMIT * SLOT_STRIDE) / 4);
    for (let i = 0; i < STEPS_PER_SUBMIT; i++) slotWords[(i * SLOT_STRIDE) / 4] = i + 1;
    this.slots = device.createBuffer({ label: 'step slots', size: slotWords.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(this.slots, 0, slotWords);
    this.slotGroup = namedBindGroup(device, 'step slot', stepTable, slotLayout, { slot: { buffer: this.slots, size: 4 } });
  }

  /** GPU memory held [bytes]. */
  get bytes(): number {
    return paramsLayout.size + STEPS_PER_SUBMIT * SLOT_STRIDE;
  }

  /** Writes the whole Params block for `v` (with the cell kinds' source `table`) and `stepBase`. */
  write(v: Validated, table: Float64Array, stepBase: number): void {
    const view = new DataView(this.data);
    writeParams(view, paramsValues(v.scenario, v.derived, table));
    view.setUint32(paramsLayout.fields.stepBase.offset, stepBase, true);
    this.device.queue.writeBuffer(this.params, 0, this.data);
  }

  /**
   * Queues a write of `stepBase` alone: the next dispatch bound to slot k names step stepBase + k
   * (u32 arithmetic: stepBase = steps - 1 with slot 1 names the current step, also at step 0).
   */
  setStepBase(stepBase: number): void {
    this.baseWord[0] = stepBase;
    this.device.queue.writeBuffer(this.params, paramsLayout.fields.stepBase.offset, this.baseWord);
  }

  /**
   * Queues a write of the Params fields that depend on the step length (stepLengthValues) for a
   * step of `dt` [s] of material `m`, alone: the RKL2 ramp's substeps (physics/rkl2.ts
   * rkl2Substeps) change nothing else.
   */
  setStepLength(m: { rho: number; cp: number }, dt: number): void {
    for (const [name, value] of Object.entries(stepLengthValues(m, dt)) as ['aT' | 'aC', number][]) {
      this.lengthWord[0] = value;
      this.device.queue.writeBuffer(this.params, paramsLayout.fields[name].offset, this.lengthWord);
    }
  }

  destroy(): void {
    this.params.destroy();
    this.slots.destroy();
  }
}
