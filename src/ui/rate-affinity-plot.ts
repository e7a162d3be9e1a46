/**
 * The article's rate-affinity plot (physics/rate-affinity.ts), live: every cell of each readback's
 * snapshot a dot at (A/RT, r/r_ex), the exact law 2 sinh(x/2) and Onsager's linear law x as
 * curves, and the system's trajectory (the cells' mean) over time, from "only reactants" towards
 * equilibrium. The y axis is asinh-scaled (linear near 0, logarithmic far out) so both the
 * near-equilibrium agreement and the far-from-equilibrium divergence show. Drawn on its own canvas
 * in the plot row, only while the running scenario has a reaction.
 */
import { LINEAR_LAW_1PCT, linearLaw, rateAffinityCaption, rateAffinityCloud, sinhLaw, type RateAffinityCloud } from '../physics/rate-affinity';
import { fmt, niceTicks } from '../view/format';
import type { App, Readback } from './app';

/** Trajectory points kept (every other dropped when full). */
const TRAIL = 512;
/** Dots drawn at most (cells are subsampled beyond). */
const MAX_DOTS = 4096;
/** Canvas width [px]; its height follows the plot row's. */
const WIDTH = 420;

export const RATE_AFFINITY_COLORS = { dots: '#ffd166', exact: '#ef476f', linear: '#06d6a0', trail: '#4cc9f0' } as const;

export class RateAffinityPlot {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly caption: HTMLElement;
  private readonly title: HTMLElement;
  private cloud?: RateAffinityCloud;
  private readonly trail = { x: new Float64Array(TRAIL), y: new Float64Array(TRAIL), n: 0 };
  private cleanFrom = 0;
  private lastKey = '';

  constructor(
    host: HTMLElement,
    private readonly app: App,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'plot rate-affinity';
    this.root.id = 'plot-rate-affinity';
    const title = document.createElement('div');
    title.className = 'plot-title';
    title.textContent = 'Reaction: rate against affinity, every cell (r / r_ex vs A/RT)';
    this.title = title;
    this.canvas = document.createElement('canvas');
    this.canvas.dataset.testid = 'rate-affinity-canvas';
    this.canvas.width = WIDTH;
    this.canvas.height = 200;
    this.caption = document.createElement('div');
    this.caption.className = 'plot-caption';
    this.caption.dataset.testid = 'rate-affinity-caption';
    this.caption.textContent = rateAffinityCaption();
    this.root.append(title, this.canvas, this.caption);
    host.append(this.root);
    this.showFor(app.validated.scenario.reaction !== undefined);
    app.events.on('readback', (rb) => this.readback(rb));
    app.events.on('reset', () => {
      this.cleanFrom = app.revision;
      this.trail.n = 0;
    });
    app.events.on('scenario', ({ validated, restarted }) => {
      this.showFor(validated.scenario.reaction !== undefined);
      if (restarted) this.trail.n = 0;
    });
  }

  private showFor(on: boolean): void {
    this.root.style.display = on ? '' : 'none';
    if (!on) this.trail.n = 0;
  }

  /** The latest cloud and trajectory (for tests and the automation API's debug hooks). */
  data(): { points: number; offScale: number; trail: number; meanX: number; meanRate: number } | undefined {
    const c = this.cloud;
    return c ? { points: c.n, offScale: c.offScale, trail: this.trail.n, meanX: c.meanX, meanRate: c.meanRate } : undefined;
  }

  private readback(rb: Readback): void {
    const snap = rb.snapshot;
    if (!snap || rb.revision < this.cleanFrom || this.root.style.display === 'none') return;
    const g = rb.running.scenario.grid;
    if (snap.nx !== g.nx || snap.ny !== g.ny) return;
    const key = `${rb.revision}|${snap.steps}|${snap.simTime}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    const cloud = rateAffinityCloud(rb.running, snap.T, snap.c, this.cloud);
    if (!cloud) return;
    this.cloud = cloud;
    if (cloud.n > 0) this.push(cloud.meanX, cloud.meanY);
    this.draw();
  }

  private push(x: number, y: number): void {
    const t = this.trail;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    if (t.n === TRAIL) {
      for (let i = 0; i < TRAIL / 2; i++) {
        t.x[i] = t.x[2 * i];
        t.y[i] = t.y[2 * i];
      }
      t.n = TRAIL / 2;
    }
    t.x[t.n] = x;
    t.y[t.n] = y;
    t.n++;
  }

  private draw(): void {
    const cv = this.canvas;
    const ctx = cv.getContext('2d');
    const cloud = this.cloud;
    if (!ctx || !cloud) return;
    // Fill the plot row's height (title and caption above and below).
    const row = this.root.parentElement?.clientHeight ?? 0;
    const fit = Math.round(row - this.title.offsetHeight - this.caption.offsetHeight - 16);
    const height = Math.max(120, Math.min(400, fit > 0 ? fit : 200));
    if (cv.height !== height) cv.height = height;
    const W = cv.width;
    const H = cv.height;
    const pad = { l: 46, r: 8, t: 8, b: 30 };
    let xlo = -1;
    let xhi = 1;
    for (let i = 0; i < cloud.n; i++) {
      xlo = Math.min(xlo, cloud.x[i]);
      xhi = Math.max(xhi, cloud.x[i]);
    }
    for (let i = 0; i < this.trail.n; i++) {
      xlo = Math.min(xlo, this.trail.x[i]);
      xhi = Math.max(xhi, this.trail.x[i]);
    }
    const span = xhi - xlo;
    xlo -= 0.05 * span;
    xhi += 0.05 * span;
    const ylo = Math.asinh(Math.min(sinhLaw(xlo), linearLaw(xlo)));
    const yhi = Math.asinh(Math.max(sinhLaw(xhi), linearLaw(xhi)));
    const px = (x: number) => pad.l + ((x - xlo) / (xhi - xlo)) * (W - pad.l - pad.r);
    const py = (y: number) => H - pad.b - ((Math.asinh(y) - ylo) / (yhi - ylo)) * (H - pad.t - pad.b);

    ctx.fillStyle = '#1b1f27';
    ctx.fillRect(0, 0, W, H);
    ctx.font = '11px system-ui, sans-serif';
    ctx.strokeStyle = '#2c313b';
    ctx.fillStyle = '#a9b0bd';
    ctx.lineWidth = 1;
    ctx.textAlign = 'center';
    for (const t of niceTicks(xlo, xhi, 6)) {
      ctx.beginPath();
      ctx.moveTo(px(t), pad.t);
      ctx.lineTo(px(t), H - pad.b);
      ctx.stroke();
      ctx.fillText(fmt(t), px(t), H - pad.b + 12);
    }
    ctx.fillText('A / RT', (pad.l + W - pad.r) / 2, H - 4);
    ctx.textAlign = 'right';
    for (const t of [-1000, -100, -10, -1, 0, 1, 10, 100, 1000]) {
      const a = Math.asinh(t);
      if (a < ylo || a > yhi) continue;
      ctx.beginPath();
      ctx.moveTo(pad.l, py(t));
      ctx.lineTo(W - pad.r, py(t));
      ctx.stroke();
      ctx.fillText(String(t), pad.l - 4, py(t) + 4);
    }
    // The 1 % band of the linear law.
    ctx.fillStyle = 'rgba(6, 214, 160, 0.10)';
    ctx.fillRect(px(-LINEAR_LAW_1PCT), pad.t, px(LINEAR_LAW_1PCT) - px(-LINEAR_LAW_1PCT), H - pad.t - pad.b);

    const curve = (f: (x: number) => number, color: string, dash: number[]) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.setLineDash(dash);
      ctx.beginPath();
      for (let k = 0; k <= 200; k++) {
        const x = xlo + ((xhi - xlo) * k) / 200;
        if (k === 0) ctx.moveTo(px(x), py(f(x)));
        else ctx.lineTo(px(x), py(f(x)));
      }
      ctx.stroke();
      ctx.setLineDash([]);
    };
    curve(linearLaw, RATE_AFFINITY_COLORS.linear, [6, 4]);
    curve(sinhLaw, RATE_AFFINITY_COLORS.exact, []);

    const t = this.trail;
    if (t.n > 0) {
      ctx.strokeStyle = RATE_AFFINITY_COLORS.trail;
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let i = 0; i < t.n; i++) {
        if (i === 0) ctx.moveTo(px(t.x[i]), py(t.y[i]));
        else ctx.lineTo(px(t.x[i]), py(t.y[i]));
      }
      ctx.stroke();
      ctx.fillStyle = RATE_AFFINITY_COLORS.trail;
      ctx.beginPath();
      ctx.arc(px(t.x[t.n - 1]), py(t.y[t.n - 1]), 4, 0, 2 * Math.PI);
      ctx.fill();
    }
    // The cells, on top of the trajectory.
    ctx.fillStyle = RATE_AFFINITY_COLORS.dots;
    const stride = Math.max(1, Math.ceil(cloud.n / MAX_DOTS));
    for (let i = 0; i < cloud.n; i += stride) ctx.fillRect(px(cloud.x[i]) - 2, py(cloud.y[i]) - 2, 4, 4);
    // Legend.
    ctx.textAlign = 'left';
    const legend: [string, string][] = [
      ['exact 2 sinh(x/2)', RATE_AFFINITY_COLORS.exact],
      ['linear law x', RATE_AFFINITY_COLORS.linear],
      ['cells', RATE_AFFINITY_COLORS.dots],
      ['mean, over time', RATE_AFFINITY_COLORS.trail],
    ];
    legend.forEach(([label, color], i) => {
      ctx.fillStyle = color;
      ctx.fillRect(pad.l + 6, pad.t + 6 + 13 * i, 10, 3);
      ctx.fillStyle = '#d7dbe3';
      ctx.fillText(label, pad.l + 20, pad.t + 10 + 13 * i);
    });
    if (cloud.offScale > 0) {
      ctx.fillStyle = '#d7dbe3';
      ctx.textAlign = 'right';
      ctx.fillText(`${cloud.offScale} cells off scale (one species only: A infinite)`, W - pad.r - 2, pad.t + 10);
    }
    ctx.textAlign = 'right';
    ctx.fillStyle = '#a9b0bd';
    ctx.fillText(`mean r = ${fmt(cloud.meanRate)} mol/(m³ s)`, W - pad.r - 2, H - pad.b - 6);
  }
}
