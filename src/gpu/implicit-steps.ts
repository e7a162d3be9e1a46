/**
 * The solver's bookkeeping of implicit steps: whether the previous step still serves BDF2 (the
 * same dt and no write to the state since), and the steps, passes and iterations since the solve
 * report was last read, which the residual read of the last step turns into a SolveReport.
 *
 * One rule decides when a step has converged, for the command line's `step()` (which awaits it) and
 * for the page's `enqueueSteps` (which does not): `converge` reads the step's residual through the
 * implicit solver's staging ring and, while it is above STEP_TOLERANCE, submits STEP_EXTRA_BATCH
 * more iterations, up to STEP_MAX_ITERATIONS; a step still above it then did not converge, and the
 * report of the steps since the last read names it (`unsolved`), never a later step that converged.
 * The page checks its queued steps in the background (`checkQueued`: one mapped read of every
 * step's residual) and queues no further step until the check is done.
 */
import { retakeAsBackwardEuler, STEP_EXTRA_BATCH, STEP_MAX_ITERATIONS, STEP_TOLERANCE, STEP_VCYCLES, stepIterations, stepRose, SubstepPlan, substepDepth, substepsMayRetake, type SubstepTally } from '../physics/implicit';
import { FLOAT32_STEP_CLEAN, stepClean } from '../physics/newton';
import type { SolveReport } from '../physics/simulation';
import type { Derived } from '../physics/derived';
import type { ImplicitGpu, StepResidual } from './implicit';

type Residual = Pick<SolveReport, 'residual' | 'relative'>;

/**
 * Whether a step whose residual is `relative` after `iterations` outer iterations needs more: above
 * STEP_TOLERANCE (and finite) with iterations left under `cap`. The one rule of both drivers.
 */
export function needsMoreIterations(relative: number, iterations: number, cap = STEP_MAX_ITERATIONS): boolean {
  return relative > STEP_TOLERANCE && Number.isFinite(relative) && iterations < cap;
}

/** Substeps taken by the steps of a report (physics/implicit.ts SubstepPlan): how many, the shortest [s]. */
type Substeps = Pick<SolveReport, 'substeps' | 'smallestSubstep' | 'substepsExhausted'>;

/** A step's report from its residual (converged: at most STEP_TOLERANCE; NaN never converges). */
function stepReport(r: Residual, iterations: number, passes: number, substeps: Substeps = {}): SolveReport {
  return { ...r, iterations, vCycles: iterations * STEP_VCYCLES, converged: r.relative <= STEP_TOLERANCE, stalled: false, passes, ...substeps };
}

export class ImplicitSteps {
  /** dt of the last implicit step when its Y^{n-1} is still valid for BDF2, else null. */
  private history: number | null = null;
  /** Implicit steps (and their passes) since the report was last read. */
  private since = { steps: 0, passes: 0, iterations: 0 };
  /** Substeps taken by the steps since the report was last read (none: `{}`). */
  private sinceSubsteps: Substeps = {};
  /** The order of a step's substeps (the same as the CPU reference's). */
  private readonly plan = new SubstepPlan();
  /** Whether the step last encoded was BDF2 (its solve slot, for `converge`). */
  private lastBdf2 = false;
  /** Whether `converge` is iterating a substep (the substep solve slot). */
  private lastSubstep = false;
  /** dt [s] of the step last encoded (a substep's length is dt / 2^depth). */
  private dt = 0;
  /** dtLimit [s] of the step last encoded, towards which its substeps reach (physics/implicit.ts substepDepth). */
  private dtLimit = 0;
  /** The first step since the report was last read that did not converge (its report), else null. */
  private unsolved: SolveReport | null = null;
  /** Bumped by `forget`: a check started before it abandons its step (the state or the scenario changed). */
  private epoch = 0;
  /** Steps encoded since the last `checkQueued` (the page's batch; at most the log's length). */
  private queued = 0;
  /** Whether the last check had to iterate (or found a step that did not converge): the page then queues one step per check. */
  private hard = false;
  /** The check of the steps queued last (`startCheck`) while it runs, else null. */
  private pending: Promise<void> | null = null;
  /**
   * The first step a check found not converged, until `clearFailure` (the solver's reset): the page
   * queues no step meanwhile, and its next readback reports it as a failure (src/ui/failure.ts).
   */
  failure: SolveReport | null = null;
  /** The steps retaken as substeps since the last `clearFailure` (the page's status line), else null. */
  substepped: SubstepTally | null = null;
  /**
   * The host's replay of a step the float32 multigrid did not solve cleanly (physics/newton.ts
   * stepClean): the CPU reference's whole implicit step from the step's start Y^n on field set
   * `current` (restored first, with the status word of the step's start), BDF2 with `bdf2` (its
   * Y^{n-1} from Y^n and the GPU's Yb); written back where it converged and `stillCurrent` (no
   * `forget` since). Its report, or null where the grid is too large for the host (the state then
   * untouched). The solver's: gpu/exact-step.ts replayStepOnHost.
   */
  hostReplay: ((current: 0 | 1, stillCurrent: () => boolean, bdf2: boolean) => Promise<SolveReport | null>) | null = null;
  /** The host's report of the last step when `hostReplay` took it (the GPU's residual buffer holds its own last attempt's), else null. */
  private lastReplayed: SolveReport | null = null;

  /** The state was written, the scenario changed or another scheme stepped: the next step is backward Euler. */
  forget(): void {
    this.history = null;
    this.epoch++;
    this.queued = 0;
  }

  /**
   * Most steps the page may queue before its next check: one while the next step is backward Euler
   * (a first step, the hard one) or the last check had to iterate, so that such a step can still be
   * iterated before another builds on it; else the residual log's length (`logLength`).
   */
  batchLimit(logLength: number): number {
    return this.history === null || this.hard ? 1 : logLength;
  }

  /**
   * Encodes one implicit step of the scenario's dt [s] on field set `current` as the submit's
   * `slot`-th step (its substeps reach towards dtLimit, physics/implicit.ts substepDepth); returns its passes.
   */
  encode(solver: ImplicitGpu, pass: GPUComputePassEncoder, current: 0 | 1, step: Pick<Derived, 'dt' | 'dtLimit'>, slot: number): number {
    const dt = step.dt;
    const bdf2 = this.history === dt;
    const iterations = stepIterations(bdf2);
    const passes = solver.encodeStep(pass, current, bdf2, iterations, STEP_VCYCLES, slot);
    this.lastReplayed = null;
    this.lastBdf2 = bdf2;
    this.history = dt;
    this.dt = dt;
    this.dtLimit = step.dtLimit;
    this.since.steps++;
    this.since.passes += passes;
    this.since.iterations = iterations;
    this.queued++;
    return passes;
  }

  /** Steps encoded since the last check (the index of the next one in the residual log). */
  get queuedSinceCheck(): number {
    return this.queued;
  }

  /**
   * Iterates the step last encoded (on field set `current`, the submit's `slot`-th step) until it
   * converges, as the CPU reference does (physics/implicit.ts STEP_MAX_ITERATIONS): reads its
   * residual (one readback; `first` when already read), and while that is above STEP_TOLERANCE
   * submits STEP_EXTRA_BATCH more iterations and reads again, up to STEP_MAX_ITERATIONS in all. A step
   * still above it is recorded as not converged. Returns the passes added. A `forget` while it
   * waits (state, scenario or scheme changed) ends it: nothing more is submitted or recorded.
   */
  async converge(solver: ImplicitGpu, current: 0 | 1, slot: number, first?: StepResidual): Promise<number> {
    const epoch = this.epoch;
    const bdf2 = this.lastBdf2;
    let iterations = this.since.iterations;
    let added = 0;
    let rep: Residual = first ?? (await solver.readReport());
    /** The relative residual of the step's start (the BDF2 step's, or its backward-Euler retake's), and the last read's own. */
    let start = (rep as StepResidual).start;
    let last = rep as StepResidual;
    const iterate = async () => {
      while (this.epoch === epoch && needsMoreIterations(rep.relative, iterations)) {
        const more = Math.min(STEP_EXTRA_BATCH, STEP_MAX_ITERATIONS - iterations);
        added += solver.submitMoreIterations(current, this.lastBdf2, more, STEP_VCYCLES, slot, this.lastSubstep);
        iterations += more;
        rep = last = await solver.readReport();
      }
    };
    await iterate();
    const converged = (r: Residual) => r.relative <= STEP_TOLERANCE;
    let retaken = 0;
    let solved = converged(rep);
    let rose = solved && stepRose(start, rep.relative, last.aboveRoundOff);
    let substeps: Substeps = {};
    // A step the float32 multigrid did not solve cleanly at dt (physics/newton.ts stepClean, within
    // FLOAT32_STEP_CLEAN) is taken again from its start Y^n on the host, where the grid fits, as the
    // CPU reference takes it (physics/reference.ts replayStep: its float64 multigrid at dt, then the
    // retakes in their order), and written back: which retake a step needs is decided by one float64 computation,
    // never by where a float32 and a float64 multigrid happened to stop (sweep 2328 #60, 183 x 1:
    // its second step ended at 0.124 on the GPU and 0.093 on the CPU, either side of
    // STEP_NEAR_MISS; the GPU took substeps where the CPU took the exact step at dt, c 4.4e-2 of its
    // excursion apart; its first step's multigrid substeps, accepted at 1.8e-3 and 9.8e-3, 3.7e-3).
    const replayed = stepClean({ converged: solved, relative: rep.relative, rose }, FLOAT32_STEP_CLEAN) ? null : await this.replayOnHost(current, epoch, bdf2);
    if (replayed) {
      // The step as the host took it (the CPU reference's report); the GPU's own attempt counts in its passes.
      iterations = replayed.iterations;
      added += replayed.passes;
      solved = replayed.converged;
      rep = replayed;
      this.lastReplayed = replayed;
      substeps = replayed.substeps === undefined ? {} : { substeps: replayed.substeps, smallestSubstep: replayed.smallestSubstep, ...(replayed.substepsExhausted ? { substepsExhausted: true } : {}) };
      // BDF2 goes on after one step of dt (Y^n in yPrev), restarts after substeps (physics/reference.ts implicitStep).
      this.history = replayed.substeps === undefined ? this.dt : null;
    } else {
      // A BDF2 step that did not converge is retaken as backward Euler from its start, with an
      // iteration budget of its own (physics/implicit.ts retakeAsBackwardEuler), as on the CPU.
      if (this.epoch === epoch && this.lastBdf2 && retakeAsBackwardEuler(rep)) {
        retaken = iterations;
        iterations = stepIterations(false);
        added += solver.submitBackwardEulerRetake(current, iterations, STEP_VCYCLES, slot);
        this.lastBdf2 = false;
        rep = last = await solver.readReport();
        start = last.start;
        await iterate();
        solved = converged(rep);
        rose = solved && stepRose(start, rep.relative, last.aboveRoundOff);
      }
      // A step still not solved (and finite) is retaken from Y^n as the multigrid's backward-Euler
      // substeps in the CPU reference's order (physics/implicit.ts SubstepPlan: decided from converged /
      // not converged alone), each iterated by the same rule; one that fails is restored and halved.
      if (this.epoch === epoch && substepsMayRetake({ relative: rep.relative, converged: solved })) {
        const atDt = rep;
        const plan = this.plan;
        plan.start(substepDepth(this.dt, this.dtLimit));
        let restore: 'step' | 'substep' | null = 'step';
        let depth = 0;
        for (let d = plan.next(); d !== null && this.epoch === epoch; d = plan.next()) {
          depth = d;
          retaken += iterations;
          iterations = stepIterations(false);
          added += solver.submitSubstep(current, this.dt / 2 ** d, restore, iterations, STEP_VCYCLES, slot);
          this.lastBdf2 = false;
          this.lastSubstep = true;
          rep = last = await solver.readReport();
          await iterate();
          const ok = converged(rep);
          if (!ok && !substepsMayRetake({ relative: rep.relative, converged: ok })) break; // non-finite: a failure
          if (!plan.done(ok)) {
            // At the deepest level, or the attempts spent: the failed step leaves its start Y^n (the last good state), as on the CPU.
            added += solver.submitRestore(current);
            break;
          }
          restore = ok ? null : 'substep';
        }
        // Attempts spent: the step's own residual at dt stands for it (its state is Y^n again), as on the CPU.
        if (plan.exhausted) rep = atDt;
        solved = !plan.exhausted && converged(rep);
        substeps = plan.exhausted
          ? { substeps: plan.converged, smallestSubstep: this.dt / 2 ** plan.deepest, substepsExhausted: true }
          : { substeps: plan.converged, smallestSubstep: this.dt / 2 ** (solved ? plan.deepest : depth) };
        // Restart BDF2 cleanly: the next step is backward Euler (Y^{n-1} would be one substep back, not dt).
        this.history = null;
      }
    }
    this.since.iterations = retaken + iterations;
    this.since.passes += added;
    if (this.epoch === epoch) {
      // A backward-Euler step counts as hard too: the first BDF2 step after it goes alone, so that
      // where it is not clean it can still be replayed (a step inside a batch cannot).
      this.hard = !bdf2 || rose || replayed !== null || !solved || iterations > stepIterations(this.lastBdf2) || substeps.substeps !== undefined;
      if (substeps.substeps !== undefined) {
        this.sinceSubsteps = addSubsteps(this.sinceSubsteps, substeps);
        const t = this.substepped;
        this.substepped = { steps: (t?.steps ?? 0) + 1, substeps: (t?.substeps ?? 0) + (substeps.substeps ?? 0), smallest: Math.min(t?.smallest ?? Infinity, substeps.smallestSubstep ?? Infinity) };
      }
      if (!solved) this.unsolved ??= { ...stepReport(rep, retaken + iterations, 0, substeps), converged: false };
    }
    this.lastSubstep = false;
    return added;
  }

  /** `hostReplay` of the step being checked, unless a `forget` came first or comes meanwhile (null then, and where it does not fit). */
  private async replayOnHost(current: 0 | 1, epoch: number, bdf2: boolean): Promise<SolveReport | null> {
    const replay = this.hostReplay;
    if (!replay || this.epoch !== epoch) return null;
    const rep = await replay(current, () => this.epoch === epoch, bdf2);
    return rep && this.epoch === epoch ? rep : null;
  }

  /**
   * The page's check of the steps queued since the last one (at most the log's length, each having
   * copied its residual into the log, `ImplicitGpu.logResidual`): one mapped read of the log; an
   * earlier step above STEP_TOLERANCE did not converge (a later step already built on it, so it
   * cannot be iterated: `batchLimit` keeps such batches rare), the last one is iterated by
   * `converge`; an earlier one that rose stands, and the steps after it come one per check.
   * Resolves with the passes added and the report of the first step that did not converge (null
   * when all did, or when a `forget` overtook the check).
   */
  async checkQueued(solver: ImplicitGpu, current: 0 | 1): Promise<{ passes: number; unsolved: SolveReport | null }> {
    const n = this.queued;
    this.queued = 0;
    if (n === 0) return { passes: 0, unsolved: null };
    const epoch = this.epoch;
    const log = await solver.readResidualLog(n);
    if (this.epoch !== epoch) return { passes: 0, unsolved: null };
    const early = log.slice(0, -1).find((r) => !(r.relative <= STEP_TOLERANCE));
    if (early) {
      this.hard = true;
      this.unsolved ??= stepReport(early, stepIterations(true), 0);
      return { passes: 0, unsolved: this.unsolved };
    }
    const passes = await this.converge(solver, current, 0, log[log.length - 1]);
    // An earlier step that rose or ended only loosely (physics/newton.ts stepClean) cannot be
    // replayed (a later one built on it), where the CPU reference retakes it: it stands, and
    // the next steps come one per check.
    if (this.epoch === epoch && log.slice(0, -1).some((r) => !stepClean({ converged: true, relative: r.relative, rose: stepRose(r.start, r.relative, r.aboveRoundOff) }, FLOAT32_STEP_CLEAN))) this.hard = true;
    return { passes, unsolved: this.epoch === epoch ? this.unsolved : null };
  }

  /**
   * Starts `checkQueued` without waiting for it (the frame loop never stalls on a readback): the
   * passes it adds go to `addPasses`, a step it finds not converged to `failure`. A read the
   * scheme's teardown overtakes (the multigrid freed) ends the check with nothing recorded.
   */
  startCheck(solver: ImplicitGpu, current: 0 | 1, addPasses: (passes: number) => void): void {
    const check: Promise<void> = this.checkQueued(solver, current)
      .then(
        (r) => {
          addPasses(r.passes);
          if (r.unsolved) this.failure ??= r.unsolved;
        },
        () => undefined,
      )
      .finally(() => {
        if (this.pending === check) this.pending = null;
      });
    this.pending = check;
  }

  /** Whether a check of queued steps is running (no step may be queued on top of an unchecked one). */
  get checking(): boolean {
    return this.pending !== null;
  }

  /** Resolves when no check is running (never rejects). */
  async settled(): Promise<void> {
    while (this.pending) await this.pending;
  }

  /** Forgets a recorded failure (the state was reset or restored). */
  clearFailure(): void {
    this.failure = null;
    this.unsolved = null;
    this.hard = false;
    this.substepped = null;
  }

  /**
   * The report of the steps since the last call: the first that did not converge, else the
   * residual of the last one (its read is queued at the call, after the steps); null when no step
   * was taken since. The count restarts at the call, also when the read then fails.
   */
  async report(solver: ImplicitGpu): Promise<SolveReport | null> {
    if (this.since.steps === 0) return null;
    const since = this.since;
    const unsolved = this.unsolved;
    const substeps = this.sinceSubsteps;
    this.since = { steps: 0, passes: 0, iterations: 0 };
    this.sinceSubsteps = {};
    this.unsolved = null;
    if (unsolved) return { ...unsolved, passes: since.passes / since.steps };
    const replayed = this.lastReplayed;
    this.lastReplayed = null;
    if (replayed) return stepReport(replayed, since.iterations, since.passes / since.steps, substeps);
    const rep = await solver.readReport();
    return stepReport(rep, since.iterations, since.passes / since.steps, substeps);
  }
}

/** The substeps of several steps: their sum, and the shortest. */
function addSubsteps(a: Substeps, b: Substeps): Substeps {
  if (a.substeps === undefined) return b;
  return { substeps: a.substeps + (b.substeps ?? 0), smallestSubstep: Math.min(a.smallestSubstep ?? Infinity, b.smallestSubstep ?? Infinity) };
}
