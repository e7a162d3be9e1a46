/**
 * The coupling ladder of a jump that did not converge, on the GPU (mirror of physics/reference.ts
 * `jumpAlongCoupling`; physics/coupling-continuation.ts): the state back to the jump's start, then
 * one jump per rung with the Params uniforms of the scenario at that coupling, each from the last
 * rung that converged (a rung that did not is undone from yPrev, where its begin kept its start),
 * every rung measured against the scenario's own start; then, with the scenario's own uniforms
 * back, its own jump from there, relaxed along RELAX_LADDER while it does not converge; where the
 * last relaxation does not converge, the whole ladder again from the jump's start with every
 * attempt Anderson-mixed (retakeAccelerated).
 */
import { COUPLING_LADDER, ladderReport, RELAX_LADDER, relaxationsDone, relaxedIterations, retakeAccelerated, retakeExact, withCoupling } from '../physics/coupling-continuation';
import { ANDERSON_MAX_CELLS } from '../physics/anderson';
import { buildCellInputs } from '../physics/grid';
import { JUMP_MAX_ITERATIONS, JUMP_TOLERANCE, JUMP_VCYCLES } from '../physics/implicit';
import { solveAccepted } from '../physics/run-checks';
import { cellGraphOf, newtonFits } from '../physics/newton';
import { ReferenceSimulation } from '../physics/reference';
import type { JumpOptions, SolveReport } from '../physics/simulation';
import type { ResidualSums } from '../physics/implicit';
import type { Validated } from '../physics/validate';
import type { ImplicitGpu } from './implicit';
import { cellKindsOf } from './params';
import type { StepUniforms } from './step-uniforms';

/**
 * Retakes the jump whose plain attempt reported `first` on field buffers `current`, in place;
 * `stepBase` is the step base the jump's uniforms carry; `exactWork`: the flops of one factorisation
 * the exact jump on the host may take (newtonFits; the page's is smaller: its main thread). Returns the last rung's report with the
 * work of every attempt.
 */
export async function jumpAlongCouplingOnGpu(solver: ImplicitGpu, uniforms: StepUniforms, v: Validated, current: 0 | 1, stepBase: number, o: JumpOptions, first: SolveReport, exactWork?: number): Promise<SolveReport> {
  const { table } = cellKindsOf(buildCellInputs(v.scenario));
  const options = { tolerance: o.tolerance ?? JUMP_TOLERANCE, maxIterations: o.maxIterations ?? JUMP_MAX_ITERATIONS, vCycles: o.vCycles ?? JUMP_VCYCLES, refine: o.tolerance === undefined };
  solver.restoreJumpStart(current);
  const scaleFrom = await solver.jumpStartSums(current);
  const attempts = [first];
  const ladder = async (anderson: boolean) => {
    try {
      for (const s of COUPLING_LADDER) {
        const w = withCoupling(v, s);
        if (!w) continue;
        uniforms.write(w, table, stepBase);
        const rep = await solver.jump(current, { ...options, scaleFrom, anderson }, 0);
        attempts.push(rep);
        if (!solveAccepted(rep)) solver.restoreJumpStart(current);
      }
    } finally {
      uniforms.write(v, table, stepBase);
    }
    for (const [k, relax] of RELAX_LADDER.entries()) {
      if (k > 0) solver.restoreJumpStart(current); // the last attempt began where this one begins
      const rep = await solver.jump(current, { ...options, scaleFrom, relax, anderson, maxIterations: relaxedIterations(options.maxIterations, relax) }, 0);
      attempts.push(rep);
      if (relaxationsDone(rep, k === RELAX_LADDER.length - 1)) break;
    }
  };
  const cells = v.scenario.grid.nx * v.scenario.grid.ny;
  // The start, kept on the host for the mixed ladder (each attempt's begin overwrites yPrev).
  const start = cells <= ANDERSON_MAX_CELLS ? await solver.keepState(current) : null;
  await ladder(false);
  if (start && retakeExact(attempts[attempts.length - 1], newtonFits(cellGraphOf(v.scenario), exactWork))) {
    const host = new ReferenceSimulation(v);
    try {
      attempts.push(await exactJumpOnHost(solver, host, current, start, { ...options, scaleFrom }, o));
    } finally {
      host.destroy();
    }
  }
  if (start && retakeAccelerated(attempts[attempts.length - 1], cells)) {
    solver.putState(current, start);
    await ladder(true);
  }
  return ladderReport(attempts);
}

/**
 * The ladder's last attempt on small grids: the float64 exact-Newton jump (physics/reference.ts
 * exactJump) on the host from the GPU's jump start, its state written to the GPU and judged there by
 * the GPU's own residual (float32, against `o`'s tolerance and scale, no iteration: the frozen
 * multigrid iteration would drift off the fixed point where it does not contract). The report is
 * the GPU's, with the host's iterations.
 */
async function exactJumpOnHost(
  solver: ImplicitGpu,
  host: ReferenceSimulation,
  current: 0 | 1,
  start: Float64Array,
  options: { tolerance: number; vCycles: number; scaleFrom: ResidualSums },
  o: JumpOptions,
): Promise<SolveReport> {
  host.putDeviationPairs(start);
  const onHost = host.exactJump(o);
  solver.putState(current, host.deviationPairs());
  const judged = await solver.jump(current, { ...options, maxIterations: 0 }, 0);
  const converged = judged.converged && onHost.converged;
  const left = !converged && onHost.pathLeftBounds !== undefined ? { pathLeftBounds: onHost.pathLeftBounds } : {};
  return { ...judged, iterations: onHost.iterations, passes: judged.passes + onHost.passes, converged, ...left };
}
