/**
 * The page's state and its one way to change it. The user's scenario is the source of truth: every
 * edit is validated first (`withValue` / `parseScenario`) and applied only on success, so a refused
 * edit, link or file never loses the running state. Emits events the panels, plots and URL follow.
 */
import type { FieldSnapshot } from '../gpu/snapshot';
import { entropyPartTotals, entropyParts, withChemical, type EntropyPartTotals } from '../physics/entropy-parts';
import { reactionTotals, type ReactionSummary } from '../physics/reaction-field';
import { isPresetId, presetFile } from '../physics/presets';
import type { Problem } from '../physics/schema';
import type { SimStats, SolveReport } from '../physics/simulation';
import { buildSummary, type RunSummary } from '../physics/summary';
import { parseScenario, ScenarioError, withValue, type Validated } from '../physics/validate';
import type { PageBackend, PaintDab } from './backend';
import { Emitter } from './emitter';
import { solveFailure } from '../physics/run-checks';
import { defaultSettings, type PageSettings } from './settings';
import { traceSince } from './frame-trace';

export interface Readback {
  stats: SimStats;
  snapshot?: FieldSnapshot;
  /** The scenario the backend ran when this was read (its grid is the snapshot's grid). */
  running: Validated;
  /** An implicit step that did not converge (a failure: src/ui/failure.ts), where the backend reports one. */
  solve?: SolveReport | null;
  /**
   * `App.revision` when the read was asked for: a read older than the last reset or load belongs
   * to the state before it (plots drop it, so they start clean).
   */
  revision: number;
}

export type AppEvents = {
  /**
   * The user's scenario changed (and was applied). `restarted`: fields were reset; `loaded`: a new
   * scenario was loaded (preset, file, link), not an edit of the current one.
   */
  scenario: { validated: Validated; restarted: boolean; loaded?: boolean };
  /** A steady-state jump finished (its report: residual, iterations). */
  solve: SolveReport;
  /** A refused edit, link or file: what was wrong, field by field. */
  error: { title: string; problems: Problem[] };
  readback: Readback;
  settings: PageSettings;
  /** The simulation went back to t = 0. */
  reset: void;
};

/** Turns anything thrown by validation into problems a person can read. */
export function problemsOf(e: unknown): Problem[] {
  if (e instanceof ScenarioError) return e.problems;
  return [{ path: '', message: e instanceof Error ? e.message : String(e) }];
}

export class App {
  readonly events = new Emitter<AppEvents>();
  readonly settings: PageSettings = defaultSettings();
  validated: Validated;
  latest?: Readback;
  /** Wall time spent playing or stepping [s]. */
  wallSeconds = 0;
  /** Bumped by every change to the fields other than stepping (load, edits, reset, paint). */
  revision = 0;
  /**
   * Shapes the scenario the backend runs from the user's (the speed planner sets its time scheme
   * and step where the user left time.dt "auto"); the user's scenario itself is never changed.
   */
  planner?: (v: Validated) => Validated;
  /**
   * The scheme a replayable run (a recording) uses for the user's scenario: decided by rule (the
   * page's fixed scheme, or RKL2 for stiff scenarios), never by this machine's measured speed.
   */
  schemeRule?: (v: Validated) => Validated;
  /** While set (a recording runs), edits, resets, steps and paint are refused, saying this. */
  lockedBy?: string;
  /**
   * Judges each readback and, on a failure, restores the last good state (src/ui/failure.ts);
   * `step` and `jump` reject when a failure happened while they ran.
   */
  guard?: { readonly failures: number; readonly lastMessage: string; holding: number; fail(why: string): void };

  constructor(
    readonly backend: PageBackend,
    initial: Validated,
  ) {
    this.validated = initial;
  }

  /** Resolves a preset id or a scenario object (or JSON text) and validates it; throws ScenarioError. */
  static resolve(input: unknown): Validated {
    if (typeof input === 'string') {
      const text = input.trim();
      if (isPresetId(text)) return parseScenario(presetFile(text));
      if (text.startsWith('{')) {
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch (e) {
          throw new ScenarioError([{ path: '', message: `not valid JSON: ${(e as Error).message}` }]);
        }
        return parseScenario(raw);
      }
      throw new ScenarioError([{ path: '', message: `"${text}" is neither a preset id nor scenario JSON` }]);
    }
    return parseScenario(input);
  }

  /** Throws while locked (a recording runs). */
  private checkUnlocked(): void {
    if (this.lockedBy) throw new ScenarioError([{ path: '', message: `${this.lockedBy}: wait until it ends, or cancel it` }]);
  }

  /** Like checkUnlocked, but shows the refusal instead of throwing; returns whether unlocked. */
  private unlockedOrSay(what: string): boolean {
    if (!this.lockedBy) return true;
    this.events.emit('error', { title: `Not done: ${what}`, problems: [{ path: '', message: `${this.lockedBy}: wait until it ends, or cancel it` }] });
    return false;
  }

  /** Loads a new scenario and restarts from its initial state. Throws ScenarioError (state kept). */
  load(input: unknown): Validated {
    this.checkUnlocked();
    const v = App.resolve(input);
    this.backend.setScenario(this.runnable(v)); // may refuse (memory plan): nothing changed yet
    this.validated = v;
    this.backend.reset();
    this.latest = undefined;
    this.wallSeconds = 0;
    this.revision++;
    this.events.emit('scenario', { validated: v, restarted: true, loaded: true });
    this.events.emit('reset', undefined);
    return v;
  }

  /**
   * Sets one field of the scenario (dotted path). Coefficients and walls keep the current fields;
   * a new grid restarts. Throws ScenarioError and keeps everything when the result is invalid.
   */
  set(path: string, value: unknown): Validated {
    const v = withValue(this.validated.scenario, path, value);
    this.apply(v);
    return v;
  }

  /** Applies an already validated scenario, keeping fields where the grid allows. */
  apply(v: Validated): void {
    this.checkUnlocked();
    const g = this.validated.scenario.grid;
    const h = v.scenario.grid;
    const restarted = g.nx !== h.nx || g.ny !== h.ny || g.width !== h.width || g.height !== h.height;
    this.backend.setScenario(this.runnable(v)); // may refuse (memory plan): nothing changed yet
    this.validated = v;
    this.revision++;
    if (restarted) {
      this.latest = undefined;
      this.wallSeconds = 0;
    }
    this.events.emit('scenario', { validated: v, restarted });
    if (restarted) this.events.emit('reset', undefined);
  }

  private runnable(v: Validated): Validated {
    return this.planner?.(v) ?? v;
  }

  /** Re-derives the running scenario from the user's (the plan changed); fields are kept. */
  replanRun(): void {
    if (this.lockedBy) return; // a recording drives the solver's step until it ends
    this.backend.setScenario(this.runnable(this.validated));
  }

  /** Like `set`, but shows a refusal in the page instead of throwing; returns whether it applied. */
  trySet(path: string, value: unknown): boolean {
    try {
      this.set(path, value);
      return true;
    } catch (e) {
      this.events.emit('error', { title: `Not applied: ${path}`, problems: problemsOf(e) });
      return false;
    }
  }

  /** Validates a whole edited scenario and applies it keeping fields; shows a refusal instead of throwing. */
  tryApply(raw: unknown, path: string): boolean {
    try {
      this.apply(parseScenario(raw));
      return true;
    } catch (e) {
      this.events.emit('error', { title: `Not applied: ${path}`, problems: problemsOf(e) });
      return false;
    }
  }

  tryLoad(input: unknown, what: string): boolean {
    try {
      this.load(input);
      return true;
    } catch (e) {
      this.events.emit('error', { title: `${what} was not loaded; the current scenario keeps running`, problems: problemsOf(e) });
      return false;
    }
  }

  updateSettings(patch: Partial<PageSettings>): void {
    // The colormaps are copied into the record the colour controls are bound to (never replaced).
    const { colormap, ...rest } = patch;
    if (colormap) Object.assign(this.settings.colormap, colormap);
    Object.assign(this.settings, rest);
    this.events.emit('settings', this.settings);
  }

  play(): void {
    this.updateSettings({ playing: true });
  }
  pause(): void {
    this.updateSettings({ playing: false });
  }
  toggle(): void {
    this.updateSettings({ playing: !this.settings.playing });
  }

  /**
   * Advances n steps and reads the state back. Rejects (the last good state restored, see
   * src/ui/failure.ts) when the steps failed or produced a state the page cannot stand behind.
   */
  async step(n: number): Promise<void> {
    if (!this.unlockedOrSay('step')) return;
    const t0 = performance.now();
    const failures = this.guard?.failures ?? 0;
    if (this.guard) this.guard.holding++;
    try {
      await this.backend.step(Math.max(0, Math.floor(n)));
    } catch (e) {
      const why = `stepping failed: ${e instanceof Error ? e.message : String(e)}`;
      if (this.guard && this.guard.failures === failures) this.guard.fail(why);
      throw new Error(`step(${n}): ${why}`);
    } finally {
      if (this.guard) this.guard.holding--;
    }
    this.wallSeconds += (performance.now() - t0) / 1000;
    await this.refresh(true);
    this.throwIfFailedSince(failures, `step(${n})`);
  }

  private throwIfFailedSince(failures: number, what: string): void {
    if (this.guard && this.guard.failures > failures) throw new Error(`${what}: ${this.guard.lastMessage}; the last good state was restored`);
  }

  reset(): void {
    if (!this.unlockedOrSay('reset')) return;
    this.backend.reset();
    this.latest = undefined;
    this.wallSeconds = 0;
    this.revision++;
    this.events.emit('reset', undefined);
    void this.refresh(true);
  }

  /**
   * Jumps to the steady state (backward Euler with an infinite step, multigrid) and publishes the
   * report. Rejects, changing nothing, where the scenario has no steady state; rejects after
   * restoring the last good state where the jump did not converge (src/ui/failure.ts).
   */
  async jump(): Promise<SolveReport> {
    const t0 = performance.now();
    const failures = this.guard?.failures ?? 0;
    const report = await this.backend.jumpToSteadyState();
    this.wallSeconds += (performance.now() - t0) / 1000;
    this.revision++;
    const why = this.guard ? solveFailure(report) : null;
    if (why) this.guard!.fail(why);
    else this.events.emit('solve', report);
    await this.refresh(true);
    this.throwIfFailedSince(failures, 'jump');
    return report;
  }

  paint(dab: PaintDab): void {
    if (this.lockedBy) return;
    this.backend.paint(dab);
    this.revision++;
  }

  /**
   * Reads the current state back now (reductions, and fields when asked) and publishes it.
   * `exact`: the solver's own reductions of the current state (else possibly from the copy).
   */
  async refresh(fields: boolean, exact = true): Promise<Readback> {
    const running = this.backend.running;
    const revision = this.revision;
    const t0 = performance.now();
    const r = await this.backend.readback(fields, exact);
    traceSince(fields ? 'readback-fields' : 'readback-stats', t0);
    const t1 = performance.now();
    const rb = this.publish(r, running, fields, revision);
    traceSince('publish', t1);
    return rb;
  }

  /**
   * Publishes a readback of `running` (made here or by the recorder): it becomes `latest`, and the
   * plots, probe and arrows follow it. Without fields, the last snapshot is kept.
   */
  publish(r: { stats: SimStats; snapshot?: FieldSnapshot; solve?: SolveReport | null }, running: Validated, fields = r.snapshot !== undefined, revision = this.revision): Readback {
    const rb: Readback = { stats: r.stats, snapshot: r.snapshot ?? (fields ? undefined : this.latest?.snapshot), running, revision, solve: r.solve };
    this.latest = rb;
    this.events.emit('readback', rb);
    return rb;
  }

  /** The entropyParts of the last summary and the state they are of (revision, steps, simTime). */
  private summaryPartsOf?: { state: string; parts: { entropyParts: EntropyPartTotals | undefined; reaction: ReactionSummary | undefined } };

  /**
   * The command-line summary of the current state (scenario.md): fresh reductions. The entropy
   * parts need the fields: they are read and computed once per state (a paused page asked again
   * reads the reductions only).
   */
  async summary(): Promise<RunSummary> {
    const state = `${this.revision}|${this.backend.steps}|${this.backend.simTime}`;
    const cached = this.summaryPartsOf?.state === state ? this.summaryPartsOf : undefined;
    const rb = await this.refresh(!cached);
    const parts = cached ? cached.parts : { entropyParts: summaryParts(rb), reaction: summaryReaction(rb) };
    if (!cached) this.summaryPartsOf = { state, parts };
    return buildSummary(rb.running, rb.stats, {
      backend: this.backend.kind === 'webgpu' ? 'gpu' : 'cpu',
      adapter: this.backend.adapter,
      wallSeconds: this.wallSeconds,
      entropyParts: parts.entropyParts,
      reaction: parts.reaction,
    });
  }
}

/** The entropyParts summary key from a readback's field copy (float32 deviations), if it has one. */
function summaryParts(rb: Readback): EntropyPartTotals | undefined {
  const snap = rb.snapshot;
  const g = rb.running.scenario.grid;
  if (!snap || snap.nx !== g.nx || snap.ny !== g.ny || rb.stats.nonFinite > 0) return undefined;
  return withChemical(rb.running, entropyPartTotals(rb.running, entropyParts(rb.running, snap.T, snap.c)), snap.T, snap.c);
}

/** The reaction summary key from a readback's field copy, when the scenario has a reaction. */
function summaryReaction(rb: Readback): ReactionSummary | undefined {
  const snap = rb.snapshot;
  const g = rb.running.scenario.grid;
  if (!snap || snap.nx !== g.nx || snap.ny !== g.ny || rb.stats.nonFinite > 0) return undefined;
  return reactionTotals(rb.running, snap.T, snap.c)?.reaction;
}
