/**
 * The plots (uPlot): time series of the total entropy production, the separation, and the solute
 * and energy totals (conservation at a glance), and a line profile of T, c or sigma along a chosen
 * row or column with the analytic curve where the scenario has one, and a badge saying whether the
 * run matches it. Fed by the readbacks (a few per second), never by the frame loop.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FieldName } from '../physics/simulation';
import { fmt } from '../view/format';
import { analyticProfile, type AnalyticProfile } from './analytic-overlay';
import type { App, Readback } from './app';

const CAPACITY = 1200;
const AXIS = { stroke: '#a9b0bd', grid: { stroke: '#2c313b', width: 1 }, ticks: { stroke: '#2c313b', width: 1 } };
const UNITS: Record<FieldName, string> = { T: 'K', c: '-', sigma: 'W/(K m³)' };

/** Time series with a fixed capacity: when full, every other point is dropped (no growth). */
class Series {
  readonly t = new Float64Array(CAPACITY);
  readonly y: Float64Array[];
  n = 0;
  constructor(count: number) {
    this.y = Array.from({ length: count }, () => new Float64Array(CAPACITY));
  }
  push(t: number, ...ys: number[]): void {
    if (this.n > 0 && t <= this.t[this.n - 1]) return;
    if (this.n === CAPACITY) {
      for (let i = 0; i < CAPACITY / 2; i++) {
        this.t[i] = this.t[2 * i];
        for (const y of this.y) y[i] = y[2 * i];
      }
      this.n = CAPACITY / 2;
    }
    this.t[this.n] = t;
    ys.forEach((v, k) => (this.y[k][this.n] = v));
    this.n++;
  }
  clear(): void {
    this.n = 0;
  }
  data(): uPlot.AlignedData {
    return [this.t.subarray(0, this.n), ...this.y.map((y) => y.subarray(0, this.n))];
  }
}

function box(host: HTMLElement, title: string, id: string): { root: HTMLElement; titleEl: HTMLElement; target: HTMLElement } {
  const root = document.createElement('div');
  root.className = 'plot';
  root.id = id;
  const titleEl = document.createElement('div');
  titleEl.className = 'plot-title';
  titleEl.textContent = title;
  const target = document.createElement('div');
  root.append(titleEl, target);
  host.append(root);
  return { root, titleEl, target };
}

export class Plots {
  private readonly entropy: uPlot;
  private readonly separation: uPlot;
  private readonly totals: uPlot;
  private readonly profile: uPlot;
  private readonly sEntropy = new Series(1);
  private readonly sSeparation = new Series(1);
  private readonly sTotals = new Series(2);
  private readonly profileTitle: HTMLElement;
  private readonly badge: HTMLSpanElement;
  private profileX = new Float64Array(0);
  private profileSim = new Float64Array(0);
  private profileTheory = new Float64Array(0);
  private theory?: AnalyticProfile;
  private theoryKey = '';
  private solute0?: number;

  constructor(host: HTMLElement, private readonly app: App) {
    const w = 300;
    const h = 150;
    const t = { label: 't [s]' };
    const a = box(host, 'Entropy production S(t)', 'plot-entropy');
    this.entropy = new uPlot(
      { width: w, height: h, legend: { show: false }, scales: { x: { time: false } }, series: [t, { label: 'S [W/(K m)]', stroke: '#ffb347', width: 2 }], axes: [{ ...AXIS, label: 't [s]' }, { ...AXIS, label: 'S [W/(K m)]', size: 64 }] },
      [new Float64Array(0), new Float64Array(0)],
      a.target,
    );
    const b = box(host, 'Separation Δc = c(right) − c(left)', 'plot-separation');
    this.separation = new uPlot(
      { width: w, height: h, legend: { show: false }, scales: { x: { time: false } }, series: [t, { label: 'Δc [-]', stroke: '#7cc4ff', width: 2 }], axes: [{ ...AXIS, label: 't [s]' }, { ...AXIS, label: 'Δc [-]', size: 64 }] },
      [new Float64Array(0), new Float64Array(0)],
      b.target,
    );
    const c = box(host, 'Conservation: solute drift and energy', 'plot-totals');
    this.totals = new uPlot(
      {
        width: w,
        height: h,
        legend: { show: true, live: false },
        scales: { x: { time: false }, solute: {}, energy: {} },
        series: [t, { label: 'solute − solute(0) [kg/m]', stroke: '#7de38b', scale: 'solute', width: 2 }, { label: 'energy [J/m]', stroke: '#e58fff', scale: 'energy', width: 2 }],
        axes: [{ ...AXIS, label: 't [s]' }, { ...AXIS, scale: 'solute', size: 64 }, { ...AXIS, scale: 'energy', side: 1, size: 64, grid: { show: false } }],
      },
      [new Float64Array(0), new Float64Array(0), new Float64Array(0)],
      c.target,
    );
    const d = box(host, 'Profile', 'plot-profile');
    this.profileTitle = d.titleEl;
    this.badge = document.createElement('span');
    this.profile = new uPlot(
      {
        width: 360,
        height: h,
        legend: { show: true, live: false },
        scales: { x: { time: false } },
        series: [{ label: 'x [m]' }, { label: 'simulation', stroke: '#eef0f4', width: 2 }, { label: 'analytic', stroke: '#ff6b6b', width: 1.5, dash: [6, 4] }],
        axes: [{ ...AXIS, label: 'x [m]' }, { ...AXIS, size: 70 }],
      },
      [new Float64Array(0), new Float64Array(0), new Float64Array(0)],
      d.target,
    );
    const fit = () => {
      // Four plots share the row; the profile gets a little more room.
      const width = Math.max(220, Math.floor((host.clientWidth - 20 - 4 * 16) / 4.2));
      for (const p of [this.entropy, this.separation, this.totals]) p.setSize({ width, height: h });
      this.profile.setSize({ width: Math.floor(width * 1.2), height: h });
    };
    new ResizeObserver(fit).observe(host);
    fit();
    app.events.on('readback', (rb) => this.readback(rb));
    app.events.on('reset', () => this.clear());
    app.events.on('scenario', () => {
      this.theoryKey = '';
    });
    app.events.on('settings', () => {
      this.theoryKey = '';
      if (app.latest) this.updateProfile(app.latest);
    });
  }

  private clear(): void {
    this.sEntropy.clear();
    this.sSeparation.clear();
    this.sTotals.clear();
    this.solute0 = undefined;
    this.entropy.setData(this.sEntropy.data());
    this.separation.setData(this.sSeparation.data());
    this.totals.setData(this.sTotals.data());
  }

  private readback(rb: Readback): void {
    const s = rb.stats;
    if (this.sEntropy.n > 0 && s.simTime < this.sEntropy.t[this.sEntropy.n - 1]) this.clear();
    this.solute0 ??= s.solute;
    this.sEntropy.push(s.simTime, s.entropyProduction);
    this.sSeparation.push(s.simTime, s.separation);
    this.sTotals.push(s.simTime, s.solute - this.solute0, s.energy);
    this.entropy.setData(this.sEntropy.data());
    this.separation.setData(this.sSeparation.data());
    this.totals.setData(this.sTotals.data());
    this.updateProfile(rb);
  }

  private updateProfile(rb: Readback): void {
    const snap = rb.snapshot;
    if (!snap) return;
    const set = this.app.settings;
    const field = set.profileField;
    const axis = set.profileAxis;
    const g = rb.running.scenario.grid;
    const n = axis === 'x' ? snap.nx : snap.ny;
    const h = (axis === 'x' ? g.width : g.height) / n;
    if (this.profileX.length !== n) {
      this.profileX = new Float64Array(n);
      this.profileSim = new Float64Array(n);
      this.profileTheory = new Float64Array(n);
      this.theoryKey = '';
    }
    for (let k = 0; k < n; k++) this.profileX[k] = (k + 0.5) * h;
    const key = `${field}|${axis}|${n}`;
    if (key !== this.theoryKey) {
      this.theoryKey = key;
      this.theory = analyticProfile(rb.running, field, axis);
      if (this.theory) for (let k = 0; k < n; k++) this.profileTheory[k] = this.theory.at(this.profileX[k]);
    }
    const { T0, c0 } = rb.running.scenario.reference;
    const off = field === 'T' ? T0 : field === 'c' ? c0 : 0;
    const src = snap[field];
    const line = Math.min((axis === 'x' ? snap.ny : snap.nx) - 1, Math.floor(set.profileAt * (axis === 'x' ? snap.ny : snap.nx)));
    let worst = 0;
    let scale = 0;
    for (let k = 0; k < n; k++) {
      const idx = axis === 'x' ? line * snap.nx + k : k * snap.nx + line;
      this.profileSim[k] = src[idx] + off;
      if (this.theory) {
        worst = Math.max(worst, Math.abs(this.profileSim[k] - this.profileTheory[k]));
        scale = Math.max(scale, Math.abs(this.profileTheory[k] - (field === 'sigma' ? 0 : off)));
      }
    }
    const where = axis === 'x' ? `row ${line} (y = ${fmt((line + 0.5) * (g.height / snap.ny))} m)` : `column ${line} (x = ${fmt((line + 0.5) * (g.width / snap.nx))} m)`;
    const label = field === 'sigma' ? 'σ' : field;
    this.profileTitle.textContent = `Profile of ${label} [${UNITS[field]}] along ${axis}, ${where}`;
    if (this.theory) {
      // Within 2 % of the analytic curve's own variation counts as a match.
      const ok = scale > 0 && worst <= 0.02 * scale;
      this.badge.className = ok ? 'badge-ok' : 'badge-off';
      this.badge.textContent = ok ? '✔ matches the steady state' : `not yet steady (max deviation ${fmt(worst)} ${UNITS[field]})`;
      this.profileTitle.append(' ', this.badge);
    }
    const showTheory = this.theory !== undefined;
    if (this.profile.series[2].show !== showTheory) this.profile.setSeries(2, { show: showTheory });
    this.profile.setData([this.profileX, this.profileSim, showTheory ? this.profileTheory : this.profileSim]);
  }
}
