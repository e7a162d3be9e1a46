/**
 * The solver's bookkeeping of implicit steps: whether the previous step still serves BDF2 (the
 * same dt and no write to the state since), and the steps, passes and iterations since the solve
 * report was last read, which the residual read of the last step turns into a SolveReport.
 */
import { STEP_TOLERANCE, STEP_VCYCLES, stepIterations } from '../physics/implicit';
import type { SolveReport } from '../physics/simulation';
import type { ImplicitGpu } from './implicit';

export class ImplicitSteps {
  /** dt of the last implicit step when its Y^{n-1} is still valid for BDF2, else null. */
  private history: number | null = null;
  /** Implicit steps (and their passes) since the report was last read. */
  private since = { steps: 0, passes: 0, iterations: 0 };

  /** The state was written, the scenario changed or another scheme stepped: the next step is backward Euler. */
  forget(): void {
    this.history = null;
  }

  /** Encodes one implicit step of dt [s] on field set `current` as the submit's `slot`-th step; returns its passes. */
  encode(solver: ImplicitGpu, pass: GPUComputePassEncoder, current: 0 | 1, dt: number, slot: number): number {
    const bdf2 = this.history === dt;
    const iterations = stepIterations(bdf2);
    const passes = solver.encodeStep(pass, current, bdf2, iterations, STEP_VCYCLES, slot);
    this.history = dt;
    this.since.steps++;
    this.since.passes += passes;
    this.since.iterations = iterations;
    return passes;
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
