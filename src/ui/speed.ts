/**
 * The page's speed control (issue 5): the user asks for simulated seconds per wall second; the
 * time scheme and step are picked by `chooseScheme` from the measured pass rate of this machine,
 * unless the user fixed a scheme. Stiff scenarios (Le >> 1) run on RKL2 (or the implicit scheme).
 * The plan shapes only the scenario the backend runs (`App.planner`): the user's scenario, its
 * share link and its exports keep `time.dt: "auto"`. A scenario whose `time.dt` is a number runs
 * as written, the speed then setting only the steps per second. The plan is recomputed when the
 * request, the scenario or the measured rate changes materially, never per frame.
 */
import { rkl2MaxStep, rkl2Stages, RKL2_MIN_STAGES } from '../physics/rkl2';
import { chooseScheme, defaultScheme, stepInputsOf, type StepInputs, type SpeedPlan } from '../physics/schemes';
import type { SchemeName } from '../physics/scenario';
import { withValue, type Validated } from '../physics/validate';
import type { App } from './app';

/**
 * First guess of cell passes per second before anything is measured (per backend), divided by the
 * grid's cells. The estimate is then measured over WINDOW_SECONDS windows: taken as measured when
 * frames were skipped (the GPU fell behind), doubled when the GPU kept up with everything the
 * frame budget let through.
 */
const INITIAL_CELL_RATE = { webgpu: 1e7, cpu: 5e6 } as const;
/** GPU work queued per frame at the estimated rate [s]: keeps the page responsive on slow devices. */
const FRAME_BUDGET_SECONDS = 0.05;
/** Wall time per rate measurement window [s]. */
const WINDOW_SECONDS = 1;
/** Re-plan when the measured rate differs from the estimate by more than this factor. */
const REPLAN_FACTOR = 1.5;
/** A new plan replaces the running step only when it differs by more than this fraction. */
const STEP_TOLERANCE = 0.2;
/** One step never takes more than this much of the adapter's measured time [s] (nor one frame's budget, if more). */
const MAX_STEP_SECONDS = 0.25;
/**
 * An implicit step is allowed only where this many times its estimated passes fit the step cap:
 * its cost in pass equivalents is an estimate (the multigrid levels dispatch many small kernels,
 * slow on a CPU adapter), and its first use compiles and allocates the multigrid.
 */
const IMPLICIT_COST_MARGIN = 4;
/** A stiff run switches between RKL2 and the implicit scheme only for a speed this many times higher. */
const SWITCH_GAIN = 2;
/** Passes one step may take before the frame cost is known (the first frames stay short). */
const INITIAL_STEP_PASS_CAP = 16;
/** At most this much simulated work is queued in one frame [wall s of the plan]. */
const MAX_FRAME_SECONDS = 0.25;
/** The default speed shows the slowest relaxation (e.g. the Soret separation) in about this many wall seconds. */
export const DEFAULT_WALL_SECONDS_PER_TAU = 10;

export type SchemeMode = 'auto' | SchemeName;

/** The speed a scenario opens with [simulated s per wall s]. */
export function defaultSpeed(v: Validated): number {
  return Number((v.derived.tauSlow / DEFAULT_WALL_SECONDS_PER_TAU).toPrecision(2));
}

/** Transport eigenvalue ratio (heat over solute, ~Le) from which a scenario counts as stiff. */
export const STIFF_EIGENVALUE_RATIO = 10;

/**
 * Whether the page runs a scenario on RKL2 (or implicit) rather than forward Euler by default:
 * stiff in the physical sense (heat relaxes >= 10x faster than solute, e.g. a liquid with
 * Le ~ 100) and stiff on its grid (defaultScheme: a step of tauSlow / 20 spans many explicit steps).
 */
export function isStiff(v: Validated): boolean {
  return v.derived.lambdaMax >= STIFF_EIGENVALUE_RATIO * v.derived.lambdaSlow && defaultScheme(stepInputsOf(v)) !== 'euler';
}

export class SpeedController {
  plan: SpeedPlan | null = null;
  /** Estimated stencil passes per wall second on this grid [1/s]. */
  passRate: number;
  private acc = 0;
  /** Whether the frame budget held back steps the plan asked for in this window. */
  private capped = false;
  private window = { t: -1, passes: 0, skipped: 0 };
  private seen = { speed: NaN, mode: '' };
  /** Passes left over from frames whose budget was below one step (a step every few frames). */
  private passCredit = 0;
  /**
   * The measured frame cost (src/ui/frame-cost.ts), where the loop measures it: its pass budget
   * caps the passes of one step, and its pass rate replaces the estimate.
   */
  frameCost?: { readonly passBudget: number; readonly passRate: number; readonly measured: number };
  /** The cap on passes per step the current plan was fitted to (re-plan when it moves). */
  private fitCap = NaN;
  /** The accuracy control's largest rkl2 / implicit step [s] (src/ui/step-accuracy.ts), where the page has one. */
  accuracy?: { dtCap(): number };

  constructor(
    private readonly app: App,
    private readonly counters: { readonly skipped: number },
  ) {
    this.passRate = this.initialRate();
    if (!(app.settings.speed > 0)) app.settings.speed = defaultSpeed(app.validated);
    app.planner = (v) => this.runnable(v);
    app.schemeRule = (v) => this.byRule(v);
    app.events.on('scenario', ({ validated, loaded }) => {
      if (loaded) {
        this.passRate = this.initialRate();
        app.settings.speed = defaultSpeed(validated);
        if (validated.scenario.time.dt !== 'auto') app.updateSettings({ schemeMode: validated.scenario.time.scheme });
      }
      this.refresh();
    });
    app.events.on('settings', (s) => {
      if (s.speed !== this.seen.speed || s.schemeMode !== this.seen.mode) this.refresh();
    });
    this.refresh();
    app.replanRun();
  }

  private initialRate(): number {
    const g = this.app.validated.scenario.grid;
    return INITIAL_CELL_RATE[this.app.backend.kind] / (g.nx * g.ny);
  }

  /** The plan for a user scenario at the current request and rate. */
  planFor(v: Validated): SpeedPlan {
    const s = this.app.settings;
    const { scenario, derived } = v;
    if (scenario.time.dt !== 'auto') {
      return { scheme: scenario.time.scheme, dt: derived.dt, passesPerStep: derived.stages, stepsPerSecond: s.speed / derived.dt, speed: s.speed, limitedBy: null };
    }
    const inputs = stepInputsOf(v);
    const dtCap = this.accuracy?.dtCap();
    const ask = (scheme?: SchemeName) => this.fitFrame(chooseScheme(inputs, { speed: s.speed, passRate: this.passRate, scheme, dtCap }), inputs);
    if (s.schemeMode !== 'auto') return ask(s.schemeMode);
    // An implicit step is one submit: where it may exceed the step cap, RKL2 (fitted) instead.
    const cap = this.stepPassCap();
    const implicitFits = (p: SpeedPlan) => !(p.scheme === 'implicit' && IMPLICIT_COST_MARGIN * p.passesPerStep > cap);
    if (!isStiff(v)) {
      const plan = ask();
      return implicitFits(plan) ? plan : ask('rkl2');
    }
    // Stiff: never forward Euler; RKL2 unless only the implicit scheme keeps up. The scheme running
    // is kept unless the other is SWITCH_GAIN times faster: the measured rate is noisy on a loaded
    // adapter, and every switch reallocates the stepper (and flips the status line).
    const rkl2 = ask('rkl2');
    const implicit = ask('implicit');
    const gain = this.app.backend.running.scenario.time.scheme === 'implicit' ? 1 / SWITCH_GAIN : SWITCH_GAIN;
    return rkl2.limitedBy !== null && implicit.speed > gain * rkl2.speed && implicitFits(implicit) ? implicit : rkl2;
  }

  /**
   * The plan with RKL2 super-steps no longer than one frame's pass budget: a slow adapter never gets
   * a step that alone takes many frames (issue 8, symptom 10: 1005 stages on SwiftShader).
   */
  private fitFrame(plan: SpeedPlan, x: StepInputs): SpeedPlan {
    const cap = this.stepPassCap();
    if (!Number.isFinite(cap) || plan.scheme !== 'rkl2' || plan.passesPerStep <= cap) return plan;
    const dtFE = x.safety * x.dtLimit;
    const dt = rkl2MaxStep(Math.max(RKL2_MIN_STAGES, Math.floor(cap)), dtFE);
    const passesPerStep = rkl2Stages(dt, dtFE);
    const speed = Math.min(plan.speed, (dt / passesPerStep) * this.passRate);
    return { ...plan, dt, passesPerStep, speed, stepsPerSecond: speed / dt };
  }

  /**
   * Most passes one step may take: one frame's budget, or MAX_STEP_SECONDS of this adapter's
   * measured pass rate if more; INITIAL_STEP_PASS_CAP until a frame with steps was measured; NaN
   * (no cap) where nothing measures frames (the CPU fallback).
   */
  stepPassCap(): number {
    const c = this.frameCost;
    if (!c) return NaN;
    if (!Number.isFinite(c.passBudget)) return INITIAL_STEP_PASS_CAP;
    return Math.max(c.passBudget, Number.isFinite(c.passRate) ? c.passRate * MAX_STEP_SECONDS : 0);
  }

  /** The scenario to run for a user scenario: its time scheme and step set from the plan. */
  runnable(v: Validated): Validated {
    if (v.scenario.time.dt !== 'auto') return v;
    const plan = this.planFor(v);
    const time = (scheme: SchemeName, dt: number | 'auto') => withValue(v.scenario, 'time', { ...v.scenario.time, scheme, dt });
    try {
      return time(plan.scheme, plan.scheme === 'euler' ? 'auto' : Number(plan.dt.toPrecision(4)));
    } catch {
      // e.g. RKL2 refused where an unphysical Dufour coefficient makes the eigenvalues complex
      try {
        return time('implicit', Number(Math.max(plan.dt, v.derived.dtLimit).toPrecision(4)));
      } catch {
        return v;
      }
    }
  }

  /**
   * The user's scenario with the scheme a replayable run should use, decided without measuring:
   * the user's fixed scheme, else RKL2 for stiff scenarios; time.dt stays "auto".
   */
  byRule(v: Validated): Validated {
    if (v.scenario.time.dt !== 'auto') return v;
    const mode = this.app.settings.schemeMode;
    const scheme: SchemeName = mode !== 'auto' ? mode : isStiff(v) ? 'rkl2' : v.scenario.time.scheme;
    for (const s of scheme === 'rkl2' ? (['rkl2', 'implicit'] as const) : [scheme]) {
      if (s === v.scenario.time.scheme) return v;
      try {
        return withValue(v.scenario, 'time.scheme', s);
      } catch {
        // RKL2 refused (complex eigenvalues): the implicit scheme instead
      }
    }
    return v;
  }

  /** Re-plans now (the accuracy control's cap moved). */
  replan(): void {
    this.refresh();
  }

  /** Recomputes the plan; re-derives the running scenario when its scheme or step moved. */
  private refresh(): void {
    const s = this.app.settings;
    this.seen = { speed: s.speed, mode: s.schemeMode };
    this.fitCap = this.stepPassCap();
    const plan = this.planFor(this.app.validated);
    this.plan = plan;
    const running = this.app.backend.running;
    const t = running.scenario.time;
    const stepMoved = Math.abs(running.derived.dt / plan.dt - 1) > STEP_TOLERANCE;
    if (t.scheme !== plan.scheme || (plan.scheme !== 'euler' && stepMoved)) this.app.replanRun();
    // What actually runs (a refused scheme falls back): steps per second at its step.
    const dt = this.app.backend.running.derived.dt;
    this.plan = { ...plan, scheme: this.app.backend.running.scenario.time.scheme, dt, stepsPerSecond: plan.speed / dt };
  }

  /**
   * Steps to queue in a frame that lasted `frameSeconds` of wall time: the plan's rate, but never
   * more passes than the measured frame budget (`frameCost`), else than FRAME_BUDGET_SECONDS at
   * the estimated pass rate. Where one step exceeds the budget, a step every few frames.
   */
  stepsThisFrame(frameSeconds: number): number {
    const p = this.plan;
    if (!p) return 0;
    const measured = this.frameCost?.passBudget ?? NaN;
    const passes = Number.isFinite(measured) ? measured : this.passRate * FRAME_BUDGET_SECONDS;
    let budget = Math.floor(passes / p.passesPerStep);
    if (!Number.isFinite(measured)) budget = Math.max(1, budget);
    else if (budget < 1) {
      this.passCredit = Math.min(this.passCredit + passes, p.passesPerStep);
      budget = this.passCredit >= p.passesPerStep ? 1 : 0;
      if (budget) this.passCredit = 0;
    }
    this.acc = Math.min(this.acc + p.stepsPerSecond * Math.min(frameSeconds, MAX_FRAME_SECONDS), Math.max(1, p.stepsPerSecond * MAX_FRAME_SECONDS));
    let n = Math.floor(this.acc);
    if (n > budget) {
      n = budget;
      this.capped = true;
    }
    this.acc -= n;
    return n;
  }

  /** Steps for one press of "step": one frame's worth at 60 frames per second, at least one. */
  stepsPerPress(): number {
    return Math.max(1, Math.round((this.plan?.stepsPerSecond ?? 60) / 60));
  }

  /**
   * Called every frame: measures passes per wall second over one-second windows. When frames were
   * skipped (the GPU could not keep up) the measurement is this machine's rate; otherwise it is a
   * lower bound. Re-plans when the estimate moves by more than REPLAN_FACTOR.
   */
  observe(now: number): void {
    const b = this.app.backend;
    const w = this.window;
    if (w.t < 0 || !this.app.settings.playing) {
      this.window = { t: now, passes: b.passes, skipped: this.counters.skipped };
      return;
    }
    const seconds = (now - w.t) / 1000;
    if (seconds < WINDOW_SECONDS) return;
    const rate = (b.passes - w.passes) / seconds;
    const saturated = this.counters.skipped > w.skipped;
    const capped = this.capped;
    this.capped = false;
    this.window = { t: now, passes: b.passes, skipped: this.counters.skipped };
    const measured = this.frameCost?.passRate ?? NaN;
    if (this.frameCost) {
      // The frame cost says what this adapter does per wall second with the display running.
      const moved = (a: number, b: number) => !(Math.abs(Math.log(a / b)) <= Math.log(REPLAN_FACTOR));
      const fresh = Number.isFinite(measured) && measured > 0 && moved(measured, this.passRate);
      if (fresh) this.passRate = measured;
      if (fresh || moved(this.stepPassCap(), this.fitCap)) this.refresh();
      return;
    }
    if (!(rate > 0)) return;
    if (saturated) {
      // The GPU fell behind: what it did is what it can do.
      if (Math.abs(Math.log(rate / this.passRate)) > Math.log(REPLAN_FACTOR)) {
        this.passRate = rate;
        this.refresh();
      }
    } else if (capped) {
      // It kept up with everything the budget let through: try twice as much.
      this.passRate *= 2;
      this.refresh();
    } else if (rate > this.passRate * REPLAN_FACTOR && this.plan?.limitedBy) {
      this.passRate = rate;
      this.refresh();
    }
  }
}
