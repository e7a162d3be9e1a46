/**
 * The plots (uPlot): time series of the total entropy production (with its heat, mass and, with a reaction, chemical parts),
 * the separation, and the solute and energy totals (conservation at a glance), and a line profile
 * of T, c or sigma along a chosen row or column with the analytic curve where the scenario has one,
 * and a badge saying whether the run matches it. Fed by the readbacks (a few per second), never by
 * the frame loop. Which plots show, the profile's field and the S(t) axis are page settings (the
 * presets choose them, preset-views.ts). After a reset or load the series start clean: a readback
 * asked for before it (App.revision) is dropped.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FieldName } from '../physics/simulation';
import { fmt, plotTickLabels, timeTickLabels, timeTicks } from '../view/format';
import { entropyPlotRange, plotRange, plotValueRange, RELATIVE_SPAN } from '../view/value-span';
import { entropySeries } from './entropy-series';
import { analyticProfile, type AnalyticProfile } from './analytic-overlay';
import type { App, Readback } from './app';
import { PLOT_IDS, type PlotAxis, type PlotId } from './settings';
import type { SigmaParts } from './sigma-parts';
import { withCpuCanvases } from './cpu-canvas';

const CAPACITY = 1200;
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
  /** min and max of series k over the points from time `from` on (finite, positive if `positive`). */
  extent(k: number, from: number, positive = false): [number, number] {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < this.n; i++) {
      const v = this.y[k][i];
      if (this.t[i] < from || !Number.isFinite(v) || (positive && v <= 0)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return [lo, hi];
  }
}

/** Text size of the plots' axes [px]: 12, or more in lecture mode (Plots.setTextPx). */
let textPx = 12;

/** An axis (`size`: its thickness at 12 px text); value axes name their side (1 or 3: ticks 2.5 text heights apart). */
function axis(extra: uPlot.Axis = {}, size = 64): uPlot.Axis {
  const k = textPx / 12;
  return {
    stroke: '#a9b0bd',
    grid: { stroke: '#2c313b', width: 1 },
    ticks: { stroke: '#2c313b', width: 1, size: 6 * k },
    font: `${textPx}px system-ui, sans-serif`,
    labelFont: `${textPx}px system-ui, sans-serif`,
    labelSize: 20 * k,
    space: textPx * (extra.side === 1 || extra.side === 3 || extra.scale ? 2.5 : 4.5),
    values: (_u, splits) => plotTickLabels(splits),
    ...extra,
    size: size * k,
  };
}

/** A time axis in s, min, h or days by the largest time shown (its label follows). */
function timeAxis(): uPlot.Axis {
  return {
    ...axis({}, 40),
    label: 't [s]',
    splits: (_u, _i, min, max) => timeTicks(min, max, 5),
    values: (u, splits) => {
      const r = timeTickLabels(splits);
      u.axes[0].label = `t [${r.unit}]`;
      return r.labels;
    },
  };
}

/** A y range with a little room, for values lo..hi (either may be non-finite: no data). */
function padded(lo: number, hi: number, log: boolean): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return log ? [1e-12, 1] : [0, 1];
  if (log) return [lo / 1.5, hi * 1.5];
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 1e-4 || 1e-12;
  return [lo - pad, hi + pad];
}

/** A totals axis: uPlot's own rounded range where the data span `span` or more, else at least `span` about the data. */
function totalsRange(lo: number, hi: number, span: number): [number, number] {
  if (Number.isFinite(lo) && Number.isFinite(hi) && hi - lo >= span) {
    const r = uPlot.rangeNum(lo, hi, 0.1, true);
    return [r[0] ?? lo, r[1] ?? hi];
  }
  return plotRange(lo, hi, span);
}

/** Powers of ten within [min, max] (at most about 6: every other decade, or every third, when more). */
function decades(min: number, max: number): number[] {
  const a = Math.ceil(Math.log10(min) - 1e-9);
  const b = Math.floor(Math.log10(max) + 1e-9);
  const step = Math.max(1, Math.ceil((b - a + 1) / 6));
  const out: number[] = [];
  for (let e = a; e <= b; e += step) out.push(Math.pow(10, e));
  return out;
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
  private readonly plots = {} as Record<PlotId, uPlot>;
  private entropyAxis: PlotAxis;
  private readonly roots: Record<PlotId, HTMLElement>;
  private readonly targets: Record<PlotId, HTMLElement>;
  /** S total, S heat part, S mass part, S chemical part (NaN without a reaction). */
  private readonly sEntropy = new Series(4);
  /** Whether the scenario has a reaction: S(t) draws (and its legend names) the chemical part. */
  private reaction: boolean;
  /**
   * The largest |S| or |part of S| this scenario has shown [W/(K m)], held across its jumps and
   * resets (a new scenario starts it again): the S(t) axis spans at least RELATIVE_SPAN of it.
   */
  private entropyScale = 0;
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
  /** Magnitudes the conservation plot's drifts are changes of: solute [kg/m], heat content rho cp T0 A [J/m]. */
  private totalsScale = { solute: 0, energy: 0 };
  /** Readbacks asked for before this App.revision belong to a state before the last reset. */
  private cleanFrom = 0;
  private size = { width: 300, height: 150 };
  private lecture = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly app: App,
    private readonly parts?: SigmaParts,
  ) {
    this.entropyAxis = app.settings.entropyAxis;
    this.reaction = app.validated.scenario.reaction !== undefined;
    // Short enough for a third of 1440 px: the legend names the parts.
    const a = box(host, 'Entropy production S(t) = ∫σ dA', 'plot-entropy');
    const b = box(host, 'Separation Δc = c(right) − c(left)', 'plot-separation');
    const c = box(host, 'Conservation: solute drift and energy', 'plot-totals');
    const d = box(host, 'Profile', 'plot-profile');
    this.profileTitle = d.titleEl;
    this.badge = document.createElement('span');
    this.roots = { entropy: a.root, separation: b.root, totals: c.root, profile: d.root };
    this.targets = { entropy: a.target, separation: b.target, totals: c.target, profile: d.target };
    for (const id of PLOT_IDS) this.plots[id] = this.make(id);
    new ResizeObserver(() => this.fit()).observe(host);
    this.showChosen();
    app.events.on('readback', (rb) => this.readback(rb));
    app.events.on('reset', () => {
      this.cleanFrom = app.revision;
      this.clear();
    });
    app.events.on('scenario', ({ validated, loaded }) => {
      this.theoryKey = '';
      if (loaded) this.entropyScale = 0;
      const reaction = validated.scenario.reaction !== undefined;
      if (reaction !== this.reaction) {
        this.reaction = reaction;
        this.remake(['entropy']);
      }
    });
    app.events.on('settings', () => {
      this.theoryKey = '';
      if (app.settings.entropyAxis !== this.entropyAxis) {
        this.entropyAxis = app.settings.entropyAxis;
        this.remake(['entropy']);
      }
      this.showChosen();
      if (app.latest) this.updateProfile(app.latest);
    });
    new MutationObserver(() => this.setLecture(document.body.classList.contains('panels-hidden'))).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  /** Lecture mode: one plot (the first chosen), its text >= 2.5 % of the window's height. */
  private setLecture(on: boolean): void {
    if (on === this.lecture) return;
    this.lecture = on;
    textPx = on ? Math.max(12, Math.round(0.026 * window.innerHeight)) : 12;
    this.remake(PLOT_IDS);
    this.showChosen();
  }

  /** Builds the plots again (text size or axis kind changed), keeping their data. */
  private remake(ids: readonly PlotId[]): void {
    for (const id of ids) {
      this.plots[id].destroy();
      this.plots[id] = this.make(id);
    }
    if (ids.includes('profile') && this.app.latest) this.updateProfile(this.app.latest);
    this.fit();
  }

  /** A plot drawn on a CPU-backed canvas (cpu-canvas.ts): its redraws never wait for the simulation's GPU. */
  private make(id: PlotId): uPlot {
    return withCpuCanvases(() => this.makePlot(id));
  }

  private makePlot(id: PlotId): uPlot {
    const { width: w, height: h } = this.size;
    const legend = { show: true, live: false };
    switch (id) {
      case 'entropy':
        return this.makeEntropy();
      case 'separation':
        return new uPlot(
          { width: w, height: h, legend: { show: false }, scales: { x: { time: false } }, series: [{}, { label: 'Δc [-]', stroke: '#7cc4ff', width: 2 }], axes: [timeAxis(), axis({ label: 'Δc [-]', side: 3 })] },
          this.sSeparation.data(),
          this.targets.separation,
        );
      case 'totals':
        return new uPlot(
          {
            width: w,
            height: h,
            legend,
            // Round-off of the totals (float32 sums) reads flat: each axis spans at least
            // RELATIVE_SPAN of the total it is a change of (the solute; the heat content rho cp T0 A).
            scales: {
              x: { time: false },
              solute: { range: (_u, lo, hi) => totalsRange(lo, hi, RELATIVE_SPAN * this.totalsScale.solute) },
              energy: { range: (_u, lo, hi) => totalsRange(lo, hi, RELATIVE_SPAN * this.totalsScale.energy) },
            },
            series: [{}, { label: 'solute − solute(0) [kg/m]', stroke: '#7de38b', scale: 'solute', width: 2 }, { label: 'energy [J/m]', stroke: '#e58fff', scale: 'energy', width: 2 }],
            axes: [timeAxis(), axis({ scale: 'solute' }), axis({ scale: 'energy', side: 1, grid: { show: false } })],
          },
          this.sTotals.data(),
          this.targets.totals,
        );
      case 'profile':
        return new uPlot(
          {
            width: w,
            height: h,
            legend,
            // At least the field's minimum span (value-span.ts): round-off reads as a flat line.
            scales: { x: { time: false }, y: { range: (_u, lo, hi) => plotValueRange(this.app.settings.profileField, lo, hi) } },
            series: [{ label: 'x [m]' }, { label: 'simulation', stroke: '#eef0f4', width: 2 }, { label: 'analytic', stroke: '#ff6b6b', width: 1.5, dash: [6, 4] }],
            // The position axis is named by the line the profile runs along: x along a row, y along a column.
            axes: [
              axis(
                {
                  label: `${this.app.settings.profileAxis} [m]`,
                  values: (u, splits) => {
                    u.axes[0].label = `${this.app.settings.profileAxis} [m]`;
                    return plotTickLabels(splits);
                  },
                },
                40,
              ),
              axis({ side: 3 }, 70),
            ],
          },
          [new Float64Array(0), new Float64Array(0), new Float64Array(0)],
          this.targets.profile,
        );
    }
  }

  private makeEntropy(): uPlot {
    const log = this.entropyAxis === 'log';
    const range = (_u: uPlot, dmin: number, dmax: number): [number, number] => {
      // Linear axes span at least RELATIVE_SPAN of the run's S (value-span.ts): round-off reads flat at 0.
      if (this.entropyAxis === 'linear') return entropyPlotRange(dmin, dmax, this.entropyScale);
      // log: the positive values; recent: the most recent half of the run (past the first spike).
      const from = this.entropyAxis === 'recent' && this.sEntropy.n > 1 ? 0.5 * this.sEntropy.t[this.sEntropy.n - 1] : -Infinity;
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = 0; k < 4; k++) {
        const [a, b] = this.sEntropy.extent(k, from, log);
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
      }
      // A log axis spans at most 8 decades below the top (f32 noise of a part that is 0 stays out).
      if (log && Number.isFinite(hi)) lo = Math.max(lo, hi * 1e-8);
      return log ? padded(lo, hi, true) : entropyPlotRange(lo, hi, this.entropyScale);
    };
    return new uPlot(
      {
        width: this.size.width,
        height: this.size.height,
        legend: { show: true, live: false },
        scales: { x: { time: false }, y: { distr: log ? 3 : 1, range } },
        series: [{}, ...entropySeries(this.reaction).map(({ label, stroke, width, dash }) => ({ label, stroke, width, dash }))],
        axes: [timeAxis(), log ? axis({ label: 'S [W/(K m)], log', side: 3, splits: (_u, _i, min, max) => decades(min, max), values: (_u, splits) => splits.map((v) => (v > 0 ? `1e${Math.round(Math.log10(v))}` : '')) }) : axis({ label: 'S [W/(K m)]', side: 3 })],
      },
      this.entropyData(),
      this.targets.entropy,
    );
  }

  /** The S(t) series the plot draws: t, S, heat, mass (and chemical with a reaction). */
  private entropyData(): uPlot.AlignedData {
    return this.sEntropy.data().slice(0, 1 + entropySeries(this.reaction).length) as uPlot.AlignedData;
  }

  /** Shows the plots the settings choose, in their order (in lecture mode the first), and sizes them. */
  private showChosen(): void {
    const chosen = this.app.settings.plots;
    for (const id of PLOT_IDS) {
      this.roots[id].hidden = !chosen.includes(id);
      this.roots[id].style.order = String(chosen.indexOf(id));
      this.roots[id].classList.toggle('lecture-plot', id === chosen[0]);
    }
    this.fit();
  }

  /** Sizes the shown plots to the row's width and height (the profile a little wider). */
  private fit(): void {
    const chosen = this.lecture ? this.app.settings.plots.slice(0, 1) : this.app.settings.plots;
    const n = Math.max(1, chosen.length);
    const weight = n + (chosen.includes('profile') && n > 1 ? 0.2 : 0);
    // Title, legend and padding around the plot area.
    const chrome = (this.lecture ? 1.4 * textPx * 2 : 56) + 14;
    const height = Math.max(100, Math.round(this.host.clientHeight - chrome) || 150);
    // Other panels in the row (the I-V panel of the ion presets, the rate-affinity plot) keep their width.
    this.othersPx = this.otherPanelsWidth();
    const width = this.lecture ? Math.floor(this.host.clientWidth * 0.92) : Math.max(220, Math.floor((this.host.clientWidth - this.othersPx - 20 - n * 16) / weight));
    this.size = { width, height };
    // Each plot gets the row's height less its own title and legend as drawn (a legend that wraps
    // onto a second row at a narrow width takes its room from the plot, never runs off the row).
    const style = getComputedStyle(this.host);
    const room = this.host.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    for (const id of PLOT_IDS) {
      const w = Math.floor(id === 'profile' && n > 1 && !this.lecture ? width * 1.2 : width);
      const legend = this.legendHeight(id);
      this.legendPx[id] = legend;
      const title = (this.roots[id].firstElementChild as HTMLElement | null)?.offsetHeight ?? 0;
      const own = room > 0 && legend + title > 0 ? Math.min(height, Math.floor(room - 8 - title - legend)) : height;
      this.plots[id].setSize({ width: w, height: Math.max(60, own) });
      // The box is as wide as its plot (a long title or legend is cut, never widens it).
      this.roots[id].style.width = `${w + 8}px`;
    }
    this.refitAfterLayout();
  }

  /** Width [px] of the row's other panels (with their gaps) the last fit() left room for. */
  private othersPx = 0;

  private otherPanelsWidth(): number {
    const ours = new Set<Element>(Object.values(this.roots));
    let px = 0;
    for (const el of this.host.children) if (!ours.has(el) && el instanceof HTMLElement && el.offsetParent !== null) px += el.offsetWidth + 8;
    return px;
  }

  /** Legend heights [px] the last fit() sized the plots with. */
  private readonly legendPx: Partial<Record<PlotId, number>> = {};
  private refitQueued = false;

  private legendHeight(id: PlotId): number {
    return this.plots[id].root.querySelector<HTMLElement>('.u-legend')?.offsetHeight ?? 0;
  }

  /** After the plots took their new widths: fits again where a legend's rows changed with them. */
  private refitAfterLayout(): void {
    if (this.refitQueued) return;
    this.refitQueued = true;
    requestAnimationFrame(() => {
      this.refitQueued = false;
      if (this.otherPanelsWidth() !== this.othersPx || PLOT_IDS.some((id) => this.legendHeight(id) !== this.legendPx[id])) this.fit();
    });
  }

  private clear(): void {
    this.sEntropy.clear();
    this.sSeparation.clear();
    this.sTotals.clear();
    this.solute0 = undefined;
    this.plots.entropy.setData(this.entropyData());
    this.plots.separation.setData(this.sSeparation.data());
    this.plots.totals.setData(this.sTotals.data());
  }

  private readback(rb: Readback): void {
    if (rb.revision < this.cleanFrom) return; // read before the last reset or load
    const s = rb.stats;
    if (this.sEntropy.n > 0 && s.simTime < this.sEntropy.t[this.sEntropy.n - 1]) this.clear();
    if (this.solute0 === undefined) {
      this.solute0 = s.solute;
      const { grid, mixture, reference } = rb.running.scenario;
      this.totalsScale = { solute: Math.abs(s.solute), energy: Math.abs(mixture.rho * mixture.cp * reference.T0 * grid.width * grid.height) };
    }
    const p = this.parts?.totals;
    const fresh = p && p.revision === rb.revision && p.simTime === s.simTime;
    this.sEntropy.push(s.simTime, s.entropyProduction, fresh ? p.heat : NaN, fresh ? p.mass : NaN, fresh ? (p.chemical ?? NaN) : NaN);
    for (const v of [s.entropyProduction, fresh ? p.heat : 0, fresh ? p.mass : 0, fresh ? (p.chemical ?? 0) : 0]) if (Number.isFinite(v)) this.entropyScale = Math.max(this.entropyScale, Math.abs(v));
    this.sSeparation.push(s.simTime, s.separation);
    this.sTotals.push(s.simTime, s.solute - this.solute0, s.energy);
    this.plots.entropy.setData(this.entropyData());
    this.plots.separation.setData(this.sSeparation.data());
    this.plots.totals.setData(this.sTotals.data());
    // For tests and readers of the page: each series' first and latest value and its length.
    for (const [id, series] of [['entropy', this.sEntropy], ['separation', this.sSeparation], ['totals', this.sTotals]] as const) {
      const root = this.roots[id];
      root.dataset.points = String(series.n);
      root.dataset.first = String(series.y[0][0]);
      root.dataset.last = String(series.y[0][series.n - 1]);
    }
    this.updateProfile(rb);
  }

  private updateProfile(rb: Readback): void {
    const snap = rb.snapshot;
    if (!snap || rb.revision < this.cleanFrom) return;
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
    let inner = 0;
    let scale = 0;
    for (let k = 0; k < n; k++) {
      const idx = axis === 'x' ? line * snap.nx + k : k * snap.nx + line;
      this.profileSim[k] = src[idx] + off;
      if (this.theory) {
        const dev = Math.abs(this.profileSim[k] - this.profileTheory[k]);
        worst = Math.max(worst, dev);
        if (k > 0 && k < n - 1) inner = Math.max(inner, dev);
        scale = Math.max(scale, Math.abs(this.profileTheory[k] - (field === 'sigma' ? 0 : off)));
      }
    }
    const where = axis === 'x' ? `row ${line} (y = ${fmt((line + 0.5) * (g.height / snap.ny))} m)` : `column ${line} (x = ${fmt((line + 0.5) * (g.width / snap.nx))} m)`;
    const label = field === 'sigma' ? 'σ' : field;
    const text = `Profile of ${label} [${UNITS[field]}] along ${axis}, ${where}`;
    this.profileTitle.textContent = text;
    this.profileTitle.title = text;
    const root = this.roots.profile;
    if (this.theory) {
      // Within 2 % of the analytic curve's own variation counts as a match.
      const ok = scale > 0 && worst <= 0.02 * scale;
      this.badge.className = ok ? 'badge-ok' : 'badge-off';
      this.badge.textContent = ok ? '✔ matches the steady state' : `not yet steady (max deviation ${fmt(worst)}${UNITS[field] === '-' ? '' : ` ${UNITS[field]}`})`;
      // The badge first: a narrow plot cuts the title's end, never the verdict.
      this.profileTitle.replaceChildren(this.badge, ` · ${text}`);
      this.profileTitle.title = `${text} ${this.badge.textContent}`;
      // For tests and readers of the page: the largest deviation relative to the curve's size.
      root.dataset.deviation = String(scale > 0 ? worst / scale : Infinity);
      // Without the two cells at the walls, whose half-faces make their sigma first order in h.
      root.dataset.interiorDeviation = String(scale > 0 ? inner / scale : Infinity);
      root.dataset.field = field;
    } else {
      delete root.dataset.deviation;
      delete root.dataset.interiorDeviation;
      root.dataset.field = field;
    }
    const showTheory = this.theory !== undefined;
    const profile = this.plots.profile;
    if (profile.series[2].show !== showTheory) profile.setSeries(2, { show: showTheory });
    profile.setData([this.profileX, this.profileSim, showTheory ? this.profileTheory : this.profileSim]);
  }
}
