/**
 * The solver's bookkeeping of implicit steps: whether the previous step still serves BDF2 (the
 * same dt and no write to the state since), and the steps, passes and iterations since the solve
 * report was last read, which the residual read of the last step turns into a SolveReport.
 */
import { retakeAsBackwardEuler, STEP_EXTRA_BATCH, STEP_MAX_ITERATIONS, STEP_TOLERANCE, STEP_VCYCLES, stepIterations } from '../physics/implicit';
import type { SolveReport } from '../physics/simulation';
import type { ImplicitGpu } from './implicit';

export class ImplicitSteps {
  /** dt of the last implicit step when its Y^{n-1} is still valid for BDF2, else null. */
  private history: number | null = null;
  /** Implicit steps (and their passes) since the report was last read. */
  private since = { steps: 0, passes: 0, iterations: 0 };
  /** Whether the step last encoded was BDF2 (its solve slot, for `converge`). */
  private lastBdf2 = false;

  /** The state was written, the scenario changed or another scheme stepped: the next step is backward Euler. */
  forget(): void {
    this.history = null;
  }

  /** Encodes one implicit step of dt [s] on field set `current` as the submit's `slot`-th step; returns its passes. */
  encode(solver: ImplicitGpu, pass: GPUComputePassEncoder, current: 0 | 1, dt: number, slot: number): number {
    const bdf2 = this.history === dt;
    const iterations = stepIterations(bdf2);
    const passes = solver.encodeStep(pass, current, bdf2, iterations, STEP_VCYCLES, slot);
    this.lastBdf2 = bdf2;
    this.history = dt;
    this.since.steps++;
    this.since.passes += passes;
    this.since.iterations = iterations;
    return passes;
  }

  /**
   * Iterates the step last encoded (on field set `current`, the submit's `slot`-th step) until it
   * converges, as the CPU reference does (physics/implicit.ts STEP_MAX_ITERATIONS): reads its
   * residual (one readback), and while that is above STEP_TOLERANCE submits STEP_EXTRA_BATCH more
   * iterations and reads again, up to STEP_MAX_ITERATIONS in all. Returns the passes added.
   */
  async converge(solver: ImplicitGpu, current: 0 | 1, slot: number): Promise<number> {
    let iterations = this.since.iterations;
    let added = 0;
    let rep = await solver.readReport();
    const iterate = async () => {
      while (rep.relative > STEP_TOLERANCE && Number.isFinite(rep.relative) && iterations < STEP_MAX_ITERATIONS) {
        const more = Math.min(STEP_EXTRA_BATCH, STEP_MAX_ITERATIONS - iterations);
        added += solver.submitMoreIterations(current, this.lastBdf2, more, STEP_VCYCLES, slot);
        iterations += more;
        rep = await solver.readReport();
      }
    };
    await iterate();
    // A BDF2 step that did not converge is retaken as backward Euler from its start, with an
    // iteration budget of its own (physics/implicit.ts retakeAsBackwardEuler), as on the CPU.
    let retaken = 0;
    if (this.lastBdf2 && retakeAsBackwardEuler(rep)) {
      retaken = iterations;
      iterations = stepIterations(false);
      added += solver.submitBackwardEulerRetake(current, iterations, STEP_VCYCLES, slot);
      this.lastBdf2 = false;
      rep = await solver.readReport();
      await iterate();
    }
    this.since.iterations = retaken + iterations;
    this.since.passes += added;
    return added;
  }

  /**
   * The report of the steps since the last call, from the residual of the last one (its read is
   * queued at the call, after the steps); null when no step was taken since. The count restarts at
   * the call, also when the read then fails.
   */
  async report(solver: ImplicitGpu): Promise<SolveReport | null> {
    if (this.since.steps === 0) return null;
    const since = this.since;
    this.since = { steps: 0, passes: 0, iterations: 0 };
    const rep = await solver.readReport();
    return { ...rep, iterations: since.iterations, vCycles: since.iterations * STEP_VCYCLES, converged: rep.relative <= STEP_TOLERANCE, stalled: false, passes: since.passes / since.steps };
  }
}
