/**
 * The ions on the page (issue 10): the potential phi as a pane (its texture uploaded once per
 * scenario: phi is static, physics/potential.ts, the same float64 field the solvers use), contour
 * lines over a pane (equipotentials of phi, or isotherms and lines of c, sigma from the latest
 * field readback), and the current arrows (ionic current density split into diffusion and drift,
 * physics/current-parts.ts). phi is read for the scenario the backend runs (on the CPU fallback
 * its reduced grid), so it lines up with the other panes.
 */
import { cellCurrentParts } from '../physics/current-parts';
import { faceConstantsOf } from '../physics/discretisation';
import type { FaceConstants } from '../physics/faces';
import { gridOf } from '../physics/grid';
import { potentialOf, type PotentialField } from '../physics/potential';
import type { FieldData, FieldStats } from '../physics/simulation';
import { solidOf } from '../physics/snapshot-stats';
import type { Validated } from '../physics/validate';
import { contourLevels } from '../view/contours';
import { HostFieldTexture } from '../view/field-textures';
import type { FieldView } from '../view/field-view';
import { InputMemo } from '../view/input-memo';
import type { App, Readback } from './app';
import { attachPhiStats } from './ranges';

/** phi [V] of a scenario on its grid (zeros without ions), with its reductions over the fluid cells. */
export function potentialField(v: Validated): FieldData & { stats: FieldStats; active: boolean } {
  const { nx, ny } = v.scenario.grid;
  const p = potentialOf(v.scenario);
  const data = p ? Float64Array.from(p.phi) : new Float64Array(nx * ny);
  const solid = solidOf(v);
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (let k = 0; k < data.length; k++) {
    if (solid[k]) continue;
    min = Math.min(min, data[k]);
    max = Math.max(max, data[k]);
    sum += data[k];
    n++;
  }
  return { nx, ny, data, stats: n ? { min, max, mean: sum / n } : { min: 0, max: 0, mean: 0 }, active: p !== null };
}

export class PotentialView {
  private readonly texture = new HostFieldTexture('phi');
  /** What the phi pane draws: phi, with solid cells at mid-range (neutral, not "low"). */
  private shown = new Float64Array(0);
  /** phi of the running scenario, and which running scenario it is of. */
  private phi?: ReturnType<typeof potentialField>;
  private of?: Validated;
  private fc?: { key: Validated; value: FaceConstants };
  /** phi's texture and stats: made again only when phi itself changed (geometry, electrodes, voltages). */
  private readonly phiMemo = new InputMemo();
  /** The equipotentials: computed again only when phi or the level count changed, not per readback. */
  readonly contourMemo = new InputMemo();

  constructor(
    private readonly app: App,
    private readonly view: FieldView,
  ) {
    app.events.on('scenario', () => this.refreshPhi());
    app.events.on('readback', (rb) => this.readback(rb));
    app.events.on('settings', () => {
      this.refreshPhi();
      if (app.latest) this.readback(app.latest);
    });
    // A settings change lays the panes out anew only on the next frame: the arrows follow then.
    view.onLayout(() => app.latest && this.arrows(app.latest));
    this.refreshPhi();
  }

  /** phi of the scenario the backend runs (absolute V, row 0 at the bottom). */
  field(): FieldData {
    this.refreshPhi();
    const p = this.phi!;
    return { nx: p.nx, ny: p.ny, data: Float64Array.from(p.data) };
  }

  /**
   * Solves (physics/potential.ts caches it) and uploads phi when phi of the running scenario
   * changed. A new running scenario with the same phi (the speed planner's new time step) keeps
   * the texture and the equipotentials: potentialOf returns the same field object until the
   * geometry, the electrodes or their voltages change; without ions phi is 0 on the grid.
   */
  private refreshPhi(): void {
    const running = this.app.backend.running;
    if (this.of === running && this.phi) return;
    this.of = running;
    const inputs = phiInputs(potentialOf(running.scenario), running);
    if (this.phi && this.phiMemo.same(inputs)) {
      attachPhiStats(this.app.validated, this.phi.stats);
      return;
    }
    this.phiMemo.remember(inputs);
    this.phi = potentialField(running);
    const solid = solidOf(running);
    const mid = 0.5 * (this.phi.stats.min + this.phi.stats.max);
    if (this.shown.length !== this.phi.data.length) this.shown = new Float64Array(this.phi.data.length);
    for (let k = 0; k < this.shown.length; k++) this.shown[k] = solid[k] ? mid : this.phi.data[k];
    this.texture.update(this.phi.nx, this.phi.ny, this.shown);
    this.view.setOverride('phi', { texture: this.texture.texture, nx: this.phi.nx, ny: this.phi.ny });
    attachPhiStats(this.app.validated, this.phi.stats);
    this.contours(this.app.latest);
  }

  private readback(rb: Readback): void {
    this.refreshPhi();
    this.contours(rb);
    this.arrows(rb);
  }

  /** Contour lines of the chosen field over its pane (phi: from phi; T, c, sigma: from the readback). */
  private contours(rb: Readback | undefined): void {
    const s = this.app.settings;
    const lines = this.view.contours;
    const f = s.contours;
    if (f === 'none' || this.view.mode === 'surface') {
      lines.hide();
      this.contourMemo.forget();
      return;
    }
    // Equipotentials: phi is static between scenario changes, so they are computed once per phi
    // (and level count), not per readback; the lines stay placed over their pane meanwhile.
    const inputs = [f, f === 'phi' ? this.phi : rb?.snapshot, s.contourLevels];
    if (f === 'phi' && lines.field === 'phi' && this.contourMemo.same(inputs)) return;
    let values: ArrayLike<number>;
    let nx: number;
    let ny: number;
    let solid: ArrayLike<number>;
    if (f === 'phi') {
      const p = this.phi!;
      ({ nx, ny } = p);
      values = p.data;
      solid = solidOf(this.of!);
    } else {
      const snap = rb?.snapshot;
      if (!snap || snap.nx !== rb.running.scenario.grid.nx || snap.ny !== rb.running.scenario.grid.ny) return;
      ({ nx, ny } = snap);
      values = snap[f];
      solid = solidOf(rb.running);
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < values.length; k++) {
      if (solid[k] || !Number.isFinite(values[k])) continue;
      lo = Math.min(lo, values[k]);
      hi = Math.max(hi, values[k]);
    }
    // (T, c, sigma: the snapshot's arrays may be reused between readbacks, so they are always redone.)
    if (f === 'phi') this.contourMemo.remember(inputs);
    else this.contourMemo.forget();
    lines.update(f, this.view.panes, values, nx, ny, contourLevels(lo, hi, s.contourLevels), solid);
  }

  /** Current arrows (settings.flux 'current') over the c pane, else the phi pane, else the first (the equipotentials keep phi's pane clear). */
  private arrows(rb: Readback): void {
    if (this.app.settings.flux !== 'current') return;
    const snap = rb.snapshot;
    const running = rb.running;
    const pane = this.view.panes.find((p) => p.field === 'c') ?? this.view.panes.find((p) => p.field === 'phi') ?? this.view.panes[0];
    if (!snap || !pane || this.view.mode === 'surface' || this.of !== running || snap.nx !== this.phi!.nx || snap.ny !== this.phi!.ny) {
      this.view.arrows.hide();
      return;
    }
    if (this.fc?.key !== running) this.fc = { key: running, value: faceConstantsOf(running.scenario, running.derived) };
    const { nx, ny, hx, hy } = gridOf(running.scenario);
    const p = this.fc.value;
    const phi = this.phi!.data;
    const solid = solidOf(running);
    // No arrows on solid cells (no current there; a dot over the grey membrane reads as one).
    this.view.arrows.updateWith(pane, nx, ny, (i, j, o) => cellCurrentParts(p, snap.T, snap.c, phi, solid, nx, ny, hx, hy, i, j, o), solid);
  }

  dispose(): void {
    this.texture.dispose();
  }
}

/** What phi of `running` depends on: its solved field (null without ions: then 0 on the grid). */
function phiInputs(field: PotentialField | null, running: Validated): unknown[] {
  return field ? [field] : [null, running.scenario.grid.nx, running.scenario.grid.ny];
}
