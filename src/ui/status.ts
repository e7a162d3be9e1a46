/**
 * The status line and title: scenario name, simulated time, steps, dt, speed (simulated seconds per
 * wall second), scheme and stages per step, the backend, and an UNPHYSICAL badge when the run
 * breaks the second law or reciprocity. Text is rewritten at most a few times per second.
 */
import { autoStepCap } from '../physics/adaptive';
import type { Validated } from '../physics/validate';
import { fmt, fmtDuration } from '../view/format';
import type { App } from './app';
import type { LoopRates } from './loop';
import type { SpeedController } from './speed';
import type { StepAccuracy } from './step-accuracy';

export class StatusLine {
  private last = 0;
  /** The speed planner, for the scheme mode and speed limits it reports. */
  speed?: SpeedController;
  /** The accuracy control, for which limit set dt. */
  accuracy?: StepAccuracy;

  constructor(
    private readonly app: App,
    private readonly rates: LoopRates,
    private readonly el: { status: HTMLElement; title: HTMLElement; badge: HTMLElement; caption: HTMLElement; play: HTMLButtonElement },
  ) {}

  scenarioChanged(v: Validated): void {
    const s = v.scenario;
    this.el.title.textContent = s.name;
    this.el.caption.textContent = s.description;
    document.title = `${s.name} · Onsager Lab`;
    const b = this.el.badge;
    const kind = this.app.backend.kind === 'webgpu' ? 'WebGPU' : 'CPU (no WebGPU)';
    b.textContent = v.derived.unphysical ? `UNPHYSICAL · ${kind}` : kind;
    b.classList.toggle('unphysical', v.derived.unphysical);
    b.title = v.derived.unphysical ? v.derived.unphysicalReasons.join('\n') : this.app.backend.adapter;
    this.update(true);
  }

  playingChanged(playing: boolean): void {
    this.el.play.textContent = playing ? 'Pause' : 'Play';
    this.el.play.setAttribute('aria-label', playing ? 'Pause the simulation (space)' : 'Play the simulation (space)');
    this.el.play.setAttribute('aria-pressed', String(playing));
  }

  update(force = false): void {
    const now = performance.now();
    if (!force && now - this.last < 250) return;
    this.last = now;
    const b = this.app.backend;
    const d = b.running.derived;
    const scheme = b.running.scenario.time.scheme;
    const stages = d.stages;
    const s = this.app.settings;
    const plan = this.speed?.plan;
    const mode = this.app.validated.scenario.time.dt !== 'auto' ? 'fixed dt' : s.schemeMode === 'auto' ? 'auto' : 'fixed';
    // What set dt: a fixed time.dt, forward Euler's stability limit, the accuracy control's cap
    // (the per-step error estimate, or tau/20 where it allows more), or the step the planner chose
    // for the requested speed.
    let dtBy: string = this.accuracy
      ? this.accuracy.limit(b.running)
      : this.app.validated.scenario.time.dt !== 'auto' ? 'user' : scheme === 'euler' ? 'stability' : plan?.limitedBy === 'accuracy' ? (scheme === 'rkl2' && autoStepCap(b.running, scheme).limitedBy === 'soret drift' ? 'soret drift' : 'tau/20') : 'speed';
    // A step below the accuracy cap that still misses the speed asked: one step's passes were
    // capped to the frame budget (SpeedController.fitFrame), not accuracy.
    const budget = this.accuracy !== undefined && dtBy === 'speed' && plan?.limitedBy === 'accuracy';
    if (budget) dtBy = 'frame budget';
    const limitedBy = budget ? "this adapter's frame budget" : plan?.limitedBy;
    const limit = limitedBy ? ` · <span class="limited">asked ${fmt(s.speed)}: limited by ${limitedBy}${plan?.limitedBy === 'accuracy' && !budget ? ' (try "jump to steady state")' : ''}</span>` : '';
    const preparing = b.preparing?.() ?? null;
    // Implicit steps that did not converge at dt and were retaken as substeps (physics/implicit.ts SubstepPlan).
    const sub = scheme === 'implicit' ? (b.substepped?.() ?? null) : null;
    const substeps = sub ? ` · <span class="substeps">${sub.steps.toLocaleString('en')} step${sub.steps === 1 ? '' : 's'} as ${sub.substeps.toLocaleString('en')} substeps (shortest ${fmt(sub.smallest)} s)</span>` : '';
    this.el.status.dataset.preparing = preparing ?? '';
    this.el.status.innerHTML =
      (preparing ? `<b class="preparing">Preparing: ${preparing}; steps wait until it is done</b> · ` : '') +
      `t = <b>${fmtDuration(b.simTime)}</b> · ${b.steps.toLocaleString('en')} step${b.steps === 1 ? '' : 's'} · dt = <span class="dt-limit" data-limit="${dtBy}">${fmt(d.dt)} s (set by ${dtBy})</span>` +
      // Paused: say so (not "0 sim s / wall s · 0 steps/s", which reads as a stalled run).
      (s.playing ? ` · <b>${fmt(this.rates.simPerWall)}</b> sim s / wall s · ${fmt(this.rates.stepsPerSecond)} steps/s` : ' · <b>paused</b>') +
      ` · ${scheme} (${fmt(stages)} stage${stages === 1 ? '' : 's'}/step, ${mode})${substeps}${limit}`;
  }
}
