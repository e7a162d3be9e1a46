/**
 * The time-series plot of a composed frame (Canvas2D): total entropy production S(t) or the
 * separation Δc(t), one sample per frame, drawn up to the current frame over the whole recording's
 * time axis (known in advance, or growing when recording until steady). Samples live in arrays
 * allocated once per recording; when they are full every other sample is dropped (more points than
 * pixel columns are never drawn anyway), so recordings of any length fit.
 */
import type { SimStats } from '../physics/simulation';
import type { Canvas2D } from '../view/colorbar';
import { fmt, niceTicks, plotTickLabels, timeTickLabels, timeTicks } from '../view/format';
import type { PlotChoice } from './options';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlotStyle {
  px: number;
  font: string;
  text: string;
  muted: string;
  grid: string;
  line: string;
}

const TITLES: Record<Exclude<PlotChoice, 'none'>, string> = {
  entropy: 'Total entropy production S(t) [W K⁻¹ m⁻¹]',
  separation: 'Separation Δc(t) = c(right) − c(left) [-]',
};

export class TimeSeriesPlot {
  private readonly t: Float64Array;
  private readonly y: Float64Array;
  private n = 0;
  private lo = Infinity;
  private hi = -Infinity;
  /** Time axis [s]: start, and end when known (else it follows the last sample). */
  private t0 = 0;
  private tEnd: number | undefined;

  constructor(
    readonly kind: Exclude<PlotChoice, 'none'>,
    capacity = 8192,
  ) {
    this.t = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
  }

  /** Sets the time axis [s]: from t0 to tEnd, or to the last sample when tEnd is undefined. */
  setAxis(t0: number, tEnd: number | undefined): void {
    this.t0 = t0;
    this.tEnd = tEnd;
  }

  get title(): string {
    return TITLES[this.kind];
  }

  push(t: number, s: SimStats): void {
    if (this.n === this.t.length) {
      const half = this.t.length >> 1;
      for (let i = 0; i < half; i++) {
        this.t[i] = this.t[2 * i];
        this.y[i] = this.y[2 * i];
      }
      this.n = half;
    }
    const v = this.kind === 'entropy' ? s.entropyProduction : s.separation;
    this.t[this.n] = t;
    this.y[this.n] = v;
    this.n++;
    if (Number.isFinite(v)) {
      this.lo = Math.min(this.lo, v);
      this.hi = Math.max(this.hi, v);
    }
  }

  draw(ctx: Canvas2D, r: Rect, st: PlotStyle): void {
    const px = st.px;
    ctx.fillStyle = '#1f2229';
    ctx.fillRect(r.x, r.y, r.w, r.h);
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'start';
    ctx.font = `600 ${px}px ${st.font}`;
    ctx.fillStyle = st.muted;
    ctx.fillText(this.title, r.x + px * 0.5, r.y + px * 1.2, r.w - px);
    // Plot area: room for y labels on the left and x labels below.
    ctx.font = `${px}px ${st.font}`;
    const left = r.x + px * 5.5;
    const right = r.x + r.w - px * 1.2;
    const top = r.y + px * 1.9;
    const bottom = r.y + r.h - px * 1.6;
    if (right - left < 10 || bottom - top < 10) return;
    const x0 = this.t0;
    const x1 = this.tEnd ?? Math.max(this.n > 0 ? this.t[this.n - 1] : x0, x0 + 1e-30);
    let lo = Number.isFinite(this.lo) ? this.lo : 0;
    let hi = Number.isFinite(this.hi) ? this.hi : 1;
    if (hi - lo <= Math.abs(hi) * 1e-9 || hi === lo) {
      const pad = Math.abs(hi) * 0.05 || 1e-12;
      lo -= pad;
      hi += pad;
    }
    const X = (t: number) => left + ((t - x0) / (x1 - x0 || 1)) * (right - left);
    const Y = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
    ctx.strokeStyle = st.grid;
    ctx.lineWidth = Math.max(1, px * 0.06);
    ctx.fillStyle = st.text;
    ctx.textAlign = 'right';
    const yTicks = niceTicks(lo, hi, 4);
    const yLabels = plotTickLabels(yTicks);
    yTicks.forEach((v, k) => {
      const y = Y(v);
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(right, y);
      ctx.stroke();
      ctx.fillText(yLabels[k], left - px * 0.3, y + px * 0.35);
    });
    ctx.textAlign = 'center';
    const tTicks = timeTicks(x0, x1, 6);
    const tLabels = timeTickLabels(tTicks);
    const unitText = `t [${tLabels.unit}]`;
    const unitLeft = right - ctx.measureText(unitText).width - px * 0.5;
    tTicks.forEach((t, k) => {
      const x = X(t);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      // The unit sits at the right end of the axis: a label that would run into it is left out.
      if (x + ctx.measureText(tLabels.labels[k]).width / 2 < unitLeft) ctx.fillText(tLabels.labels[k], x, bottom + px * 1.15);
    });
    ctx.textAlign = 'right';
    ctx.fillStyle = st.muted;
    ctx.fillText(unitText, right, bottom + px * 1.15);
    if (this.n === 0) return;
    // At most ~2 points per pixel column.
    const stride = Math.max(1, Math.floor(this.n / Math.max(1, 2 * (right - left))));
    ctx.strokeStyle = st.line;
    ctx.lineWidth = Math.max(1.5, px * 0.14);
    ctx.lineJoin = 'round';
    ctx.beginPath();
    let started = false;
    for (let i = 0; i < this.n; i += stride) {
      const v = this.y[i];
      if (!Number.isFinite(v)) continue;
      if (started) ctx.lineTo(X(this.t[i]), Y(v));
      else ctx.moveTo(X(this.t[i]), Y(v));
      started = true;
    }
    const last = this.n - 1;
    if (Number.isFinite(this.y[last])) ctx.lineTo(X(this.t[last]), Y(this.y[last]));
    ctx.stroke();
    ctx.fillStyle = st.line;
    ctx.beginPath();
    ctx.arc(X(this.t[last]), Y(this.y[last]), Math.max(2, px * 0.25), 0, 2 * Math.PI);
    ctx.fill();
    ctx.textAlign = 'start';
  }
}
