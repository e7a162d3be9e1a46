/**
 * The mouse over the field panes: a probe readout of the cell under the cursor (T, c, sigma and
 * both fluxes with their parts, in SI units, as of the latest readback) and the brushes that paint
 * heat, cold, solute or solvent into the fields, or insulating walls (solid obstacles, which go
 * into the scenario and so into the share link).
 */
import { cellCurrentParts } from '../physics/current-parts';
import { faceConstantsOf } from '../physics/discretisation';
import type { FaceConstants } from '../physics/faces';
import { cellFluxParts, type FluxParts } from '../physics/flux-parts';
import { potentialOf } from '../physics/potential';
import { solidOf } from '../physics/snapshot-stats';
import type { Validated } from '../physics/validate';
import type { FieldView } from '../view/field-view';
import { fmt } from '../view/format';
import { cellAt } from '../view/layout';
import type { Stage } from '../view/stage';
import type { App, Readback } from './app';

/** Most obstacles a scenario may hold (the schema's limit). */
const MAX_OBSTACLES = 64;

export class PointerTools {
  private last?: { x: number; y: number };
  private painting = false;
  private lastWall?: { x: number; y: number };
  private fc?: { key: Validated; value: FaceConstants };
  private readonly fx: FluxParts = { fick: 0, soret: 0, fourier: 0, dufour: 0 };
  private readonly current = new Float64Array(4);
  private readonly fy: FluxParts = { fick: 0, soret: 0, fourier: 0, dufour: 0 };

  constructor(
    private readonly app: App,
    private readonly view: FieldView,
    private readonly stage: Stage,
    private readonly probe: HTMLElement,
  ) {
    const c = stage.canvas;
    c.addEventListener('pointermove', (e) => this.move(e));
    c.addEventListener('pointerleave', () => {
      this.last = undefined;
      this.probe.hidden = true;
    });
    c.addEventListener('pointerdown', (e) => {
      if (this.app.settings.brush === 'none' || this.view.mode === 'surface') return;
      this.painting = true;
      this.lastWall = undefined;
      c.setPointerCapture(e.pointerId);
      this.paintAt(e);
    });
    const end = () => {
      this.painting = false;
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
  }

  private hit(e: PointerEvent) {
    const r = this.stage.canvas.getBoundingClientRect();
    const g = this.app.backend.running.scenario.grid;
    return { at: cellAt(this.view.panes, this.stage.height, e.clientX - r.left, e.clientY - r.top, g.nx, g.ny), px: e.clientX - r.left, py: e.clientY - r.top };
  }

  private move(e: PointerEvent): void {
    this.last = { x: e.clientX, y: e.clientY };
    if (this.painting) this.paintAt(e);
    this.showProbe();
  }

  private paintAt(e: PointerEvent): void {
    const { at } = this.hit(e);
    if (!at) return;
    const s = this.app.settings;
    const run = this.app.backend.running.scenario;
    const g = run.grid;
    const cx = at.fx * g.nx;
    const cy = at.fy * g.ny;
    const r = s.brushRadius;
    const { c0 } = run.reference;
    switch (s.brush) {
      case 'heat':
      case 'cold':
        this.app.paint({ field: 'T', cx, cy, rx: r, ry: r, mode: s.brush === 'heat' ? 'raise' : 'lower', value: s.brush === 'heat' ? s.brushKelvin : -s.brushKelvin });
        break;
      case 'solute':
      case 'solvent':
        this.app.paint({
          field: 'c',
          cx,
          cy,
          rx: r,
          ry: r,
          mode: s.brush === 'solute' ? 'raise' : 'lower',
          value: (s.brush === 'solute' ? s.brushFraction : 1 - s.brushFraction) - c0,
        });
        break;
      case 'wall':
        this.paintWall(at.fx, at.fy);
        break;
    }
  }

  /** Adds a disc-shaped solid obstacle to the user's scenario (spaced by the brush radius). */
  private paintWall(fx: number, fy: number): void {
    const s = this.app.validated.scenario;
    const x = fx * s.grid.width;
    const y = fy * s.grid.height;
    const radius = (this.app.settings.brushRadius * s.grid.width) / s.grid.nx;
    if (this.lastWall && Math.hypot(x - this.lastWall.x, y - this.lastWall.y) < radius) return;
    const list = s.obstacles ?? [];
    if (list.length >= MAX_OBSTACLES) {
      this.app.events.emit('error', {
        title: 'No more walls',
        problems: [{ path: 'obstacles', message: `obstacles: a scenario holds at most ${MAX_OBSTACLES}; clear some (Brush > clear walls)` }],
      });
      this.painting = false;
      return;
    }
    this.lastWall = { x, y };
    this.app.trySet('obstacles', [...list, { shape: 'circle', center: [x, y], radius }]);
  }

  /** New readback: refresh the probe for the cell under a resting cursor. */
  readback(_rb: Readback): void {
    this.showProbe();
  }

  private constants(v: Validated): FaceConstants {
    if (this.fc?.key !== v) this.fc = { key: v, value: faceConstantsOf(v.scenario, v.derived) };
    return this.fc.value;
  }

  /** phi and the ionic current density at a cell (with its diffusion and drift parts), where ions apply. */
  private ionLines(v: Validated, snap: { nx: number; ny: number; T: Float32Array; c: Float32Array }, i: number, j: number, hx: number, hy: number, vec: (x: number, y: number) => string): string[] {
    const p = potentialOf(v.scenario);
    if (!p || p.phi.length !== snap.nx * snap.ny) return [];
    cellCurrentParts(this.constants(v), snap.T, snap.c, p.phi, solidOf(v), snap.nx, snap.ny, hx, hy, i, j, this.current);
    const [dx, dy, ex, ey] = this.current;
    return [`φ = ${fmt(p.phi[j * snap.nx + i] * 1000)} mV`, `i   = ${vec(dx + ex, dy + ey)} A/m²`, `   diffusion ${vec(dx, dy)}, drift ${vec(ex, ey)}`];
  }

  private showProbe(): void {
    const rb = this.app.latest;
    if (!this.last || !rb?.snapshot || this.view.mode === 'surface') {
      this.probe.hidden = true;
      return;
    }
    const r = this.stage.canvas.getBoundingClientRect();
    const px = this.last.x - r.left;
    const py = this.last.y - r.top;
    const snap = rb.snapshot;
    const at = cellAt(this.view.panes, this.stage.height, px, py, snap.nx, snap.ny);
    if (!at) {
      this.probe.hidden = true;
      return;
    }
    const s = rb.running.scenario;
    const k = at.j * snap.nx + at.i;
    const { T0, c0 } = s.reference;
    const hx = s.grid.width / snap.nx;
    const hy = s.grid.height / snap.ny;
    cellFluxParts(this.constants(rb.running), snap.T, snap.c, snap.nx, snap.ny, hx, hy, at.i, at.j, this.fx, this.fy);
    const j1x = this.fx.fick + this.fx.soret;
    const j1y = this.fy.fick + this.fy.soret;
    const jqx = this.fx.fourier + this.fx.dufour;
    const jqy = this.fy.fourier + this.fy.dufour;
    const vec = (x: number, y: number) => `(${fmt(x)}, ${fmt(y)})`;
    this.probe.textContent = [
      `cell (${at.i}, ${at.j})  x = ${fmt((at.i + 0.5) * hx)} m, y = ${fmt((at.j + 0.5) * hy)} m`,
      `T = ${(T0 + snap.T[k]).toFixed(4)} K`,
      `c = ${(c0 + snap.c[k]).toFixed(6)}`,
      `σ = ${fmt(snap.sigma[k])} W/(K m³)`,
      `J1  = ${vec(j1x, j1y)} kg/(m² s)`,
      `   Fick ${vec(this.fx.fick, this.fy.fick)}, Soret ${vec(this.fx.soret, this.fy.soret)}`,
      `Jq' = ${vec(jqx, jqy)} W/m²`,
      `   Fourier ${vec(this.fx.fourier, this.fy.fourier)}, Dufour ${vec(this.fx.dufour, this.fy.dufour)}`,
      ...this.ionLines(rb.running, snap, at.i, at.j, hx, hy, vec),
      `as of t = ${fmt(snap.simTime)} s`,
    ].join('\n');
    this.probe.hidden = false;
    const left = Math.min(px + 16, this.stage.width - 380);
    const top = py + 16 + 170 > this.stage.height ? py - 180 : py + 16;
    this.probe.style.left = `${Math.max(0, left)}px`;
    this.probe.style.top = `${Math.max(0, top)}px`;
  }
}
