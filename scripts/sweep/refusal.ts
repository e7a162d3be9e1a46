/**
 * Whether a refusal by the product is justified by its input (issue 8, Build 3 and 7: every run is
 * right or refused, and a refusal must be right too). The product (assessRun, the rule the command
 * line and the page apply) refuses a run whose states it cannot stand behind: T <= 0 K, c outside
 * [0, 1] beyond round-off, a state beyond the second-law bound, non-finite values. Such a refusal
 * is justified only where an independent float64 fine reference of the same scenario, from the
 * same state over the same simulated time, also reaches a state of the same kind: the walls or
 * sinks draw more heat (or solute) than there is, or the coupling drives the state beyond its
 * bound. Where the fine reference stays within bounds, the refusal is the product's defect.
 *
 * The fine reference:
 * - a run of steps: forward Euler at a tenth of its automatic step (the stability limit x safety),
 *   where that takes at most FINE_EULER_CELL_STEPS cell-steps; otherwise (a stiff grid over a
 *   long time, e.g. seed 2050 #11: dt_FE ~ 2e-7 s against 30 s) first the prefix of that
 *   forward-Euler run the budget allows (at most FINE_EULER_PREFIX_STEPS steps; a state of the
 *   refused kind reached by then is reached by the same time), then FINE_IMPLICIT_STEPS implicit steps over the same time, each solve
 *   judged as the command line judges it;
 * - a jump: the long run (longRunSchedule: implicit steps ramped from tau_slow / 65536 to
 *   2 tau_slow, then 30 of 2 tau_slow, then doubling to LONG_RUN_LAST tau_slow) from the same start.
 * The reference is assessed by assessRun after every chunk (the kind reached "by the same time",
 * not only at its end). A reference whose own steps do not converge proves nothing: the refusal
 * then counts as unjustified.
 */
import { assessRun, solveFailure } from '../../src/physics/run-checks';
import { ReferenceSimulation } from '../../src/physics/reference';
import type { SimStats, SolveReport } from '../../src/physics/simulation';
import { validateScenario, type Validated } from '../../src/physics/validate';
import { scenarioSchema } from '../../src/physics/scenario';
import { nodeAt, type NumberNode } from '../../src/physics/schema';

/** What the product refused a run for (from assessRun's message). */
export type RefusalKind = 'non-finite' | 'unconverged' | 'T <= 0' | 'c outside [0, 1]' | 'second law' | 'other';

/** Most cell-steps the fine forward-Euler reference may take (a few seconds in float64). */
export const FINE_EULER_CELL_STEPS = 4e6;
/**
 * Most steps of forward Euler's prefix before the implicit substitute (stepsRefusalJustified): its
 * cost on small grids is per step (~0.25 ms at 31 cells), so 10^4 adds at most ~3 s to a refusal.
 */
export const FINE_EULER_PREFIX_STEPS = 10_000;
/** Implicit steps of the fine reference where forward Euler would take too long. */
export const FINE_IMPLICIT_STEPS = 200;
/** Chunks after each of which the fine reference is assessed. */
const CHECKPOINTS = 50;

export function refusalKind(message: string): RefusalKind {
  if (message.startsWith('non-finite')) return 'non-finite';
  if (message.includes('did not converge')) return 'unconverged';
  if (message.startsWith('T fell to')) return 'T <= 0';
  if (message.startsWith('c reached')) return 'c outside [0, 1]';
  if (message.includes('second-law bound')) return 'second law';
  return 'other';
}

export interface Justification {
  justified: boolean;
  /** The fine reference's evidence, in words. */
  detail: string;
}

function withTime(v: Validated, scheme: string, dt: number | 'auto'): Validated | null {
  const r = validateScenario({ ...v.scenario, time: { ...v.scenario.time, scheme, dt } });
  return r.ok ? r.value : null;
}

/** The schema's largest fixed time.dt [s] (scenario.ts): the long run's steps go no longer. */
export const LONGEST_DT: number = (() => {
  const n = nodeAt(scenarioSchema, 'time.dt');
  const num = n?.kind === 'either' ? n.options.find((o): o is NumberNode => o.kind === 'number') : undefined;
  if (num?.max === undefined) throw new Error('scenario schema: time.dt has no largest number');
  return num.max;
})();

/**
 * The long run's steps (implicit, ramped to 2 tau_slow, then 30 of 2 tau_slow, then doubling from
 * 4 tau_slow to LONG_RUN_LAST tau_slow), none longer than LONGEST_DT (sweep 2348 #7: D = 1e-12
 * m^2/s, tau_slow = 1.0e9 s, and a step of 2 tau_slow was refused, leaving the jump's refusal
 * unjudged: "no long run could be set up"; checkScenario's settling steps go on at LONGEST_DT);
 * empty if refused.
 */
export function longRunSchedule(v: Validated): Validated[] {
  const at = (dt: number) => withTime(v, 'implicit', Math.min(dt, LONGEST_DT));
  const long = at(2 * v.derived.tauSlow);
  if (!long) return [];
  const ramp: Validated[] = [];
  for (let dt = v.derived.tauSlow / 65536; dt < 2 * v.derived.tauSlow; dt *= 2) {
    const w = at(dt);
    if (w) ramp.push(w);
  }
  // The tail: tau_slow is the slowest relaxation at the reference state; where the effective
  // diffusivity at the states reached is far smaller, 30 steps of 2 tau_slow end far from the steady
  // state (seed 2075 #30, 52 x 1, molar masses 1 : 0.002, a closed wall: the solute excess fell
  // ~2 % per step, e-folding in ~90 tau_slow, and ended 0.81 of the scale off the jump's state).
  // Backward Euler is L-stable: doubling steps damp what is left by 1 / (1 + dt / tau) each.
  const tail: Validated[] = [];
  for (let dt = 4 * v.derived.tauSlow; dt <= LONG_RUN_LAST * v.derived.tauSlow && dt <= LONGEST_DT; dt *= 2) {
    const w = at(dt);
    if (w) tail.push(w);
  }
  return [...ramp, ...Array<Validated>(30).fill(long), ...tail];
}

/** The long run's last (longest) step, in tau_slow: its tail doubles from 4 tau_slow up to this. */
export const LONG_RUN_LAST = 65536;

/** The fine reference's verdict at one checkpoint: the kind it was refused for, or null. */
function kindAt(v: Validated, s: SimStats, solve: SolveReport | null): { kind: RefusalKind; message: string } | null {
  const f = assessRun(v, s, solve).failure;
  return f ? { kind: refusalKind(f.message), message: f.message } : null;
}

/**
 * The states where the model has no solution to step to: an implicit step that does not converge
 * (a failure, never a result) is right where the fine reference reaches one of these within the
 * step (`unconvergedStepJustified`).
 */
export const OUTSIDE_THE_MODEL: readonly RefusalKind[] = ['T <= 0', 'c outside [0, 1]', 'second law'];

/**
 * Whether an implicit step of `dt` [s] from `start` that did not converge heads outside the model
 * (OUTSIDE_THE_MODEL) within the step, by the fine reference of stepsRefusalJustified. Sweep 2419
 * #44 (3 x 6, heated through a flux wall with no wall fixing T, S_T = -9.5 1/K at c = 0.999): T
 * rises 648 K/s, the Soret separation with it; implicit steps of 30 s take c below 0 at t = 1.4e3
 * s, and the first step of 6.9e3 s fails, 1 024 substeps not covering it.
 */
export function unconvergedStepJustified(v: Validated, start: { T: ArrayLike<number>; c: ArrayLike<number> }, dt: number): Promise<Justification> {
  return stepsRefusalJustified(v, OUTSIDE_THE_MODEL, start, dt);
}

/**
 * Whether a fine reference from `start` over `duration` seconds [s] (the run's steps) reaches a
 * state of the refused kind (or of any of `kind`'s kinds). `v` is the scenario the product ran.
 */
export async function stepsRefusalJustified(v: Validated, kind: RefusalKind | readonly RefusalKind[], start: { T: ArrayLike<number>; c: ArrayLike<number> }, duration: number): Promise<Justification> {
  if (kind === 'unconverged' || kind === 'other') return { justified: false, detail: `a refusal for ${kind} is not one an input can justify` };
  // forward Euler above its stability limit (a dt the scenario set) diverges by construction,
  // whatever the symptom it shows first
  if (v.derived.dtAboveLimit) return { justified: true, detail: `dt = ${v.derived.dt.toPrecision(4)} s exceeds the explicit stability limit ${v.derived.dtLimit.toPrecision(4)} s` };
  if (kind === 'non-finite') return { justified: false, detail: 'non-finite values within the stability limit' };
  const euler = withTime(v, 'euler', 'auto');
  const cells = v.scenario.grid.nx * v.scenario.grid.ny;
  const eulerSteps = euler ? Math.ceil(duration / (euler.derived.dt / 10)) : Infinity;
  if (duration <= 0) return { justified: false, detail: 'no fine reference could be run' };
  if (eulerSteps * cells <= FINE_EULER_CELL_STEPS) {
    const fineV = withTime(v, 'euler', duration / Math.max(eulerSteps, 1));
    if (!fineV) return { justified: false, detail: 'no fine reference could be run' };
    return fineRun(fineV, kind, start, Math.max(eulerSteps, 1));
  }
  // Too long for forward Euler over the whole time: first its prefix that the budget allows, at the
  // same fine step (a state of the refused kind reached by then is reached by the same time: seed
  // 2064 #70, rkl2 beyond the second-law bound, which forward Euler at a tenth of its step reaches
  // at t = 3.3e-5 s of 0.228 s, while the implicit substitute's first step of 1.1e-3 s from the
  // discontinuous start did not converge); then, that prefix in bounds, the implicit substitute.
  const prefixSteps = Math.min(FINE_EULER_PREFIX_STEPS, Math.floor(FINE_EULER_CELL_STEPS / cells));
  const prefixV = euler && prefixSteps > 0 ? withTime(v, 'euler', duration / eulerSteps) : null;
  const prefix = prefixV ? await fineRun(prefixV, kind, start, prefixSteps) : null;
  if (prefix && !('stats' in prefix)) return prefix;
  const fineV = withTime(v, 'implicit', duration / FINE_IMPLICIT_STEPS);
  if (!fineV) return { justified: false, detail: 'no fine reference could be run' };
  return fineRun(fineV, kind, start, FINE_IMPLICIT_STEPS);
}

/** The verdict of a fine reference that stayed in bounds to its end (`stats`: where it ended). */
type InBounds = Justification & { stats: SimStats };

/**
 * Runs the fine reference `fineV` (forward Euler or implicit, its dt set) for `steps` steps from
 * `start`, assessed after every chunk: justified where it reaches `kind`, not where it reaches
 * another kind or its own solve does not converge (inconclusive), in bounds (with its stats) otherwise.
 */
async function fineRun(fineV: Validated, kind: RefusalKind | readonly RefusalKind[], start: { T: ArrayLike<number>; c: ArrayLike<number> }, steps: number): Promise<Justification | InBounds> {
  const what = `${fineV.scenario.time.scheme === 'euler' ? 'forward Euler' : 'implicit'}, ${steps} steps of ${fineV.derived.dt.toPrecision(3)} s`;
  const fine = new ReferenceSimulation(fineV);
  try {
    await fine.writeField('T', start.T);
    await fine.writeField('c', start.c);
    const chunk = Math.max(1, Math.ceil(steps / CHECKPOINTS));
    let unsolved: string | null = null;
    for (let done = 0; done < steps; ) {
      const n = Math.min(chunk, steps - done);
      if (fineV.scenario.time.scheme === 'implicit') {
        for (let k = 0; k < n && !unsolved; k++) {
          fine.advance(1);
          unsolved = fine.lastSolve ? solveFailure(fine.lastSolve) : null;
        }
      } else fine.advance(n);
      done += n;
      if (unsolved) return { justified: false, detail: `the fine reference (${what}) did not converge at t = ${fine.simTime.toPrecision(4)} s: inconclusive` };
      const got = kindAt(fineV, fine.statsNow(), null);
      if (got && (typeof kind === 'string' ? [kind] : kind).includes(got.kind)) return { justified: true, detail: `the fine reference (${what}) reaches it too: ${got.message}` };
      if (got) return { justified: false, detail: `the fine reference (${what}) reaches ${got.kind} instead: ${got.message}` };
    }
    const s = fine.statsNow();
    return { justified: false, stats: s, detail: `the fine reference (${what}) stays in bounds: T in [${s.T.min.toPrecision(5)}, ${s.T.max.toPrecision(5)}] K, c in [${s.c.min.toPrecision(6)}, ${s.c.max.toPrecision(6)}]` };
  } finally {
    fine.destroy();
  }
}

/** Whether the long run from the scenario's start reaches a state of the kind a jump was refused for. */
export function jumpRefusalJustified(v: Validated, kind: RefusalKind): Justification {
  if (kind === 'unconverged' || kind === 'other' || kind === 'non-finite') return { justified: false, detail: `a jump refused for ${kind} is not one an input can justify` };
  const schedule = longRunSchedule(v);
  if (!schedule.length) return { justified: false, detail: 'no long run could be set up' };
  const run = new ReferenceSimulation(schedule[0]);
  try {
    for (const [k, w] of schedule.entries()) {
      if (k > 0) run.setScenario(w);
      run.advance(1);
      const unsolved = run.lastSolve ? solveFailure(run.lastSolve) : null;
      if (unsolved) return { justified: false, detail: `the long run did not converge at step ${k + 1}: inconclusive` };
      const got = kindAt(w, run.statsNow(), null);
      if (got?.kind === kind) return { justified: true, detail: `the long run reaches it too (step ${k + 1}, t = ${run.simTime.toPrecision(4)} s): ${got.message}` };
      if (got) return { justified: false, detail: `the long run reaches ${got.kind} instead: ${got.message}` };
    }
    const s = run.statsNow();
    return { justified: false, detail: `the long run stays in bounds: T in [${s.T.min.toPrecision(5)}, ${s.T.max.toPrecision(5)}] K, c in [${s.c.min.toPrecision(6)}, ${s.c.max.toPrecision(6)}]` };
  } finally {
    run.destroy();
  }
}
