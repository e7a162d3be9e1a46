/**
 * Accuracy-controlled automatic steps on the page (issue 8, Build 2): the rule the command line
 * uses for rkl2 and implicit with `time.dt: "auto"` (physics/adaptive.ts: StepController, 1 % per
 * step), fed by the page's field readbacks (physics/sampled-step-control.ts: three readbacks many
 * steps apart give a per-step error estimate). The allowed step is a cap handed to the speed
 * planner (`chooseScheme`'s `dtCap`): the planner may take a smaller step (for the speed asked or
 * the frame budget), never a larger one.
 *
 * No estimate without field readbacks (settings.fieldReadback off): the cap is then tau/20, as
 * before, and `limit()` says so. Forward Euler and a fixed time.dt are not accuracy-controlled.
 */
import type { DtLimit } from '../physics/adaptive';
import { SampledStepControl } from '../physics/sampled-step-control';
import type { Validated } from '../physics/validate';
import type { App, Readback } from './app';

/** What set the running step, in the status line's words. */
export type PageDtLimit = DtLimit | 'speed' | 'tau/20 (no field readback: no error estimate)';

export class StepAccuracy {
  private control?: SampledStepControl;
  private of?: Validated;
  private revision = -1;
  /** Called when the allowed step moved (the planner re-plans). */
  onChange?: () => void;

  constructor(private readonly app: App) {
    app.events.on('scenario', () => this.restart());
    app.events.on('reset', () => this.restart());
    app.events.on('readback', (rb) => this.readback(rb));
  }

  /** Whether the user's scenario runs accuracy-controlled steps here (dt "auto", field readbacks on). */
  active(): boolean {
    return this.app.validated.scenario.time.dt === 'auto' && this.app.settings.fieldReadback;
  }

  /** Largest rkl2 / implicit step allowed now [s] (Infinity: no cap beyond tau/20). */
  dtCap(): number {
    return this.active() ? this.controlled().dt : Infinity;
  }

  /** The control of the user's scenario now (its estimates: `maxError`, `estimates`). */
  controlled(): SampledStepControl {
    if (!this.control || this.of !== this.app.validated) {
      this.of = this.app.validated;
      this.control = new SampledStepControl(this.of);
    }
    return this.control;
  }

  /**
   * Which limit set the step `running` runs: a fixed dt ('user'), forward Euler ('stability'),
   * the allowed step where the step is at it ('accuracy', 'tau/20' or 'stability', as the
   * controller says), else the planner's choice for the speed asked ('speed').
   */
  limit(running: Validated): PageDtLimit {
    if (this.app.validated.scenario.time.dt !== 'auto') return 'user';
    if (running.scenario.time.scheme === 'euler') return 'stability';
    if (!this.app.settings.fieldReadback) return 'tau/20 (no field readback: no error estimate)';
    const c = this.controlled();
    // The planner rounds dt to 4 digits and re-plans only past a 20 % change.
    return running.derived.dt >= 0.8 * c.dt ? c.limitedBy : 'speed';
  }

  /** For `onsager.debug.stepAccuracy()`. */
  debug(): { active: boolean; dtCap: number; limitedBy: string; estimates: number; maxError: number; setBy: string } {
    const c = this.controlled();
    return { active: this.active(), dtCap: this.dtCap(), limitedBy: c.limitedBy, estimates: c.estimates, maxError: c.maxError, setBy: this.limit(this.app.backend.running) };
  }

  private restart(): void {
    this.control = undefined;
    this.onChange?.();
  }

  private readback(rb: Readback): void {
    const snap = rb.snapshot;
    const t = rb.running.scenario.time;
    if (!snap || !this.active() || t.scheme === 'euler' || t.dt === 'auto') return;
    const c = this.controlled();
    if (rb.revision !== this.revision) {
      this.revision = rb.revision;
      c.forget();
    }
    if (c.sample(snap.simTime, snap.steps, snap.T, snap.c, rb.running.derived.dt)) this.onChange?.();
  }
}
