/**
 * One scenario run on the GPU and on the float64 CPU reference side by side, and their fields
 * compared as scripts/sweep/check.ts compares them (fieldsDiff): the one GPU-vs-CPU loop of the
 * GPU tests (float32-bounds, gpu-cpu-implicit, implicit-steps).
 *
 * Steps are taken as the sweep takes them: implicit steps one at a time, each followed by a GPU
 * stats() (which refreshes the GPU's lastSolve), so every step's solve report is kept; other
 * schemes in one call of `steps` steps on each backend.
 */
import type { ImplicitSteps } from '../../src/gpu/implicit-steps';
import { absoluteFloor, fieldsDiff } from '../../scripts/sweep/check';
import type { GpuSimulation } from '../../src/gpu/solver';
import { ReferenceSimulation } from '../../src/physics/reference';
import type { FieldSimulation, SolveReport } from '../../src/physics/simulation';
import type { Validated } from '../../src/physics/validate';
import { gpuSim } from './gpu';

/** How far one GPU field is from the CPU reference's. */
export interface FieldGap {
  /** Largest |GPU - CPU| over the compared cells [K or -]. */
  diff: number;
  /** Largest |CPU - offset| over the compared cells (the field's excursion from its reference value). */
  excursion: number;
  /** Largest |CPU| over the compared cells (the field's absolute size). */
  largest: number;
  /** diff over max(excursion, absoluteFloor(largest)), against GPU_CPU (the sweep's check also floors the excursion at 1e-6 T0 or 1e-6). */
  relative: number;
  /** The two fields compared, every cell (`from` does not cut them). */
  gpu: Float32Array | Float64Array;
  cpu: Float32Array | Float64Array;
}

export interface GapOptions {
  /** The value the excursion is measured from (default: the scenario's T0 or c0). */
  offset?: number;
  /** The first cell compared (default 0; 1 leaves out an obstacle in cell 0). */
  from?: number;
}

/** The gap between a GPU field `a` and a CPU field `b`, cells `from` on, excursion from `offset`. */
function gapOf(a: Float32Array | Float64Array, b: Float32Array | Float64Array, offset: number, from = 0): FieldGap {
  const ga = a.subarray(from);
  const gb = b.subarray(from);
  const { diff, scale: excursion } = fieldsDiff(ga, gb, offset);
  const largest = fieldsDiff(gb, gb, 0).scale;
  return { diff, excursion, largest, relative: diff / Math.max(excursion, absoluteFloor(largest)), gpu: a, cpu: b };
}

/** One step's solve reports (null: the scheme solves nothing). */
export interface StepSolves {
  gpu: SolveReport | null;
  cpu: SolveReport | null;
}

/** A GPU simulation and the CPU reference of the same scenario, advanced together. */
export class GpuCpuPair {
  private constructor(
    readonly v: Validated,
    readonly gpu: GpuSimulation,
    readonly cpu: ReferenceSimulation,
  ) {}

  static async create(v: Validated): Promise<GpuCpuPair> {
    return new GpuCpuPair(v, await gpuSim(v), new ReferenceSimulation(v));
  }

  /** The steady-state jump on both backends; their reports. */
  async jump(): Promise<{ gpu: SolveReport; cpu: SolveReport }> {
    const gpu = await this.gpu.jumpToSteadyState();
    return { gpu, cpu: this.cpu.jumpNow() };
  }

  /** `steps` steps on both (module header); each implicit step's solve reports, [] otherwise. */
  async advance(steps: number): Promise<StepSolves[]> {
    if (steps === 0) return [];
    if (this.v.scenario.time.scheme !== 'implicit') {
      await this.gpu.step(steps);
      this.cpu.advance(steps);
      return [];
    }
    const solves: StepSolves[] = [];
    for (let k = 0; k < steps; k++) {
      await this.gpu.step(1);
      await this.gpu.stats();
      this.cpu.advance(1);
      solves.push({ gpu: this.gpu.lastSolve, cpu: this.cpu.lastSolve });
    }
    return solves;
  }

  /** The gap of one field now (GapOptions). */
  gap(field: 'T' | 'c', o: GapOptions = {}): Promise<FieldGap> {
    return gpuGap(this.gpu, this.cpu.fieldNow(field), field, o.offset ?? this.v.scenario.reference[field === 'T' ? 'T0' : 'c0'], o.from);
  }

  destroy(): void {
    this.gpu.destroy();
    this.cpu.destroy();
  }
}

/** The gap between a GPU field and a reference field `ref` (e.g. a CPU run's fieldNow). */
export async function gpuGap(gpu: FieldSimulation, ref: Float32Array | Float64Array, field: 'T' | 'c', offset: number, from = 0): Promise<FieldGap> {
  return gapOf((await gpu.readField(field)).data, ref, offset, from);
}

export interface GpuCpuOptions {
  /** Steps after the jump (if any) on both backends (GpuCpuPair.advance). */
  steps: number;
  /** Jump to the steady state first (both backends). */
  jump?: boolean;
  /** The first cell compared (GapOptions.from). */
  from?: number;
  /**
   * The GPU retakes its steps itself (its multigrid's backward-Euler retake and substeps), as on a
   * grid beyond newtonFits: no host replay of a step not solved cleanly (gpu/exact-step.ts).
   */
  ownRetakes?: boolean;
}

export interface GpuCpuRun extends GpuCpuPair {
  /** The jump's reports (null: no jump). */
  jumped: { gpu: SolveReport; cpu: SolveReport } | null;
  solves: StepSolves[];
  T: FieldGap;
  c: FieldGap;
}

/**
 * Runs `v` on the GPU and the CPU reference (an optional jump, then `steps` steps) and compares
 * T and c (excursions from T0 and c0). The caller destroys the result.
 */
export async function gpuCpu(v: Validated, o: GpuCpuOptions): Promise<GpuCpuRun> {
  const pair = await GpuCpuPair.create(v);
  if (o.ownRetakes) withoutHostReplay(pair.gpu);
  const jumped = o.jump ? await pair.jump() : null;
  const solves = await pair.advance(o.steps);
  const T = await pair.gap('T', { from: o.from });
  const c = await pair.gap('c', { from: o.from });
  return Object.assign(pair, { jumped, solves, T, c });
}

/** As on a grid too large for the host (physics/newton.ts newtonFits): the GPU retakes its implicit steps itself. */
export function withoutHostReplay(gpu: GpuSimulation): void {
  (gpu as unknown as { implicitSteps: ImplicitSteps }).implicitSteps.hostReplay = null;
}
