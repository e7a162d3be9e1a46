/**
 * The stiff schemes' steppers of one solver and grid: the RKL2 stepper (while the scheme is rkl2)
 * and the implicit solver (while it is implicit, or during a jump), each allocated when needed and
 * freed when not, and the implicit kernels' compilation through the one pipeline cache (started
 * by the first step or jump that needs them, and awaited before use: a scheme switched to and
 * away from without stepping compiles nothing). Owned by GpuSimulation; one destroy().
 */
import type { Grid } from '../physics/grid';
import type { SchemeName } from '../physics/scenario';
import type { Validated } from '../physics/validate';
import type { GridFields } from './grid-fields';
import { IMPLICIT_KERNELS, ImplicitGpu } from './implicit';
import type { ImplicitSteps } from './implicit-steps';
import type { PipelineCache } from './pipelines';
import { Rkl2Stepper } from './rkl2';
import { STEPS_PER_SUBMIT } from './step-uniforms';

/** At most about this many dispatches per submit for multi-stage steps (RKL2). */
const DISPATCHES_PER_SUBMIT = 1024;

export class SchemeSteppers {
  rkl2: Rkl2Stepper | null = null;
  implicit: ImplicitGpu | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly cache: PipelineCache,
    /** The solver's step-slot uniforms. */
    private readonly slots: GPUBuffer,
  ) {}

  /** GPU memory held [bytes]: 24 B/cell for rkl2, the multigrid levels for implicit. */
  get bytes(): number {
    return (this.rkl2?.bytes ?? 0) + (this.implicit?.bytes ?? 0);
  }

  /** Whether `scheme`'s pipelines are still compiling (only the implicit scheme's can be). */
  preparing(scheme: SchemeName): boolean {
    return scheme === 'implicit' && !this.cache.isReady(IMPLICIT_KERNELS);
  }

  /** Compiles the implicit kernels once per device (createComputePipelineAsync); rejects with file:line messages. */
  prepareImplicit(): Promise<void> {
    const p = this.cache.prepare(IMPLICIT_KERNELS);
    p.catch(() => undefined); // reported where awaited (ready, step, the jump)
    return p;
  }

  /** Allocates what `v`'s scheme needs on `fields`, frees what it no longer does. */
  configure(v: Validated, grid: Grid, fields: GridFields): void {
    const scheme = v.scenario.time.scheme;
    if (scheme === 'rkl2') {
      this.rkl2 ??= new Rkl2Stepper(this.device, this.cache, fields.cells, fields.launch, fields.schemeFields(this.slots));
      this.rkl2.setStages(v.derived.stages);
      this.rkl2.features = fields.features;
    } else {
      this.rkl2?.destroy();
      this.rkl2 = null;
    }
    if (scheme === 'implicit') this.implicitSolver(v, grid, fields).configure(v);
    else this.freeImplicit();
  }

  /** The implicit solver on `fields` (allocated and configured for `v` when there is none). */
  implicitSolver(v: Validated, grid: Grid, fields: GridFields): ImplicitGpu {
    if (!this.implicit) {
      this.implicit = new ImplicitGpu(this.device, this.cache, grid, fields.schemeFields(this.slots));
      this.implicit.configure(v);
    }
    return this.implicit;
  }

  freeImplicit(): void {
    this.implicit?.destroy();
    this.implicit = null;
  }

  /**
   * Steps per submit: STEPS_PER_SUBMIT forward-Euler steps, RKL2 steps up to about
   * DISPATCHES_PER_SUBMIT dispatches, one implicit step (its residual is logged per submit).
   */
  stepsPerSubmit(scheme: SchemeName): number {
    if (scheme === 'rkl2') return Math.max(1, Math.min(STEPS_PER_SUBMIT, Math.floor(DISPATCHES_PER_SUBMIT / this.rkl2!.dispatchesPerStep)));
    return scheme === 'implicit' ? 1 : STEPS_PER_SUBMIT;
  }

  /**
   * Encodes `chunk` steps of `v`'s scheme into `pass` on `fields` and returns the passes encoded.
   * RKL2 and implicit steps ping-pong `fields.current`; implicit steps keep their BDF2 history and
   * residual log in `implicitSteps`; `slotGroup` binds the step slots of forward Euler.
   */
  encodeSteps(pass: GPUComputePassEncoder, v: Validated, fields: GridFields, chunk: number, slotGroup: GPUBindGroup, implicitSteps: ImplicitSteps): number {
    const scheme = v.scenario.time.scheme;
    if (scheme === 'euler') {
      fields.encodeEuler(pass, chunk, slotGroup);
      return chunk;
    }
    if (scheme === 'rkl2') {
      for (let k = 0; k < chunk; k++) {
        this.rkl2!.encodeStep(pass, fields.current, k);
        fields.current = fields.current === 0 ? 1 : 0;
      }
      return chunk * v.derived.stages;
    }
    let passes = 0;
    for (let k = 0; k < chunk; k++) passes += implicitSteps.encode(this.implicit!, pass, fields.current, v.derived, k);
    return passes;
  }

  /**
   * Encodes one RKL2 step of `stages` stages (odd) into `pass` on `fields` at step slot 0, with
   * their coefficients written first (the step length is the Params' aT, aC: StepUniforms
   * setStepLength), and returns the passes encoded. The scenario's own stage count stays written
   * until the next setStages (configure writes it).
   */
  encodeRkl2Step(pass: GPUComputePassEncoder, fields: GridFields, stages: number): number {
    this.rkl2!.setStages(stages);
    this.rkl2!.encodeStep(pass, fields.current, 0);
    fields.current = fields.current === 0 ? 1 : 0;
    return stages;
  }

  /** Frees both steppers (a new grid, or the solver's end). */
  destroy(): void {
    this.rkl2?.destroy();
    this.rkl2 = null;
    this.freeImplicit();
  }
}
