/**
 * The time-series plot of a composed frame (Canvas2D): total entropy production S(t) or the
 * separation Δc(t), one sample per frame, drawn up to the current frame over the whole recording's
 * time axis (known in advance, or growing when recording until steady). Samples live in arrays
 * allocated once per recording; when they are full every other sample is dropped (more points than
 * pixel columns are never drawn anyway), so recordings of any length fit. The S(t) plot's y axis
 * follows the page's choice (settings.entropyAxis): linear, log10 with decade ticks, or the range of
 * the most recent half of the run (past the first spike).
 */
import type { SimStats } from '../physics/simulation';
import type { Canvas2D } from '../view/colorbar';
import { fmt, niceTicks, plotTickLabels, timeTickLabels, timeTicks } from '../view/format';
import { entropySpan } from '../view/value-span';
import type { PlotChoice } from './options';

/** The y axis of S(t) when the page says nothing: the page's default (src/ui/settings.ts). */
/** The y axis of a time series: linear, log10, or following the most recent half of the run. */
export type PlotAxis = 'linear' | 'log' | 'recent';

export const DEFAULT_ENTROPY_AXIS: PlotAxis = 'recent';
/** Decades a log axis spans at most below its top (f32 noise of a value near 0 stays out). */
const LOG_SPAN_DECADES = 8;

/** A y axis: the range shown, whether log10 (then lo, hi > 0), its ticks and their labels. */
export interface YAxis {
  lo: number;
  hi: number;
  log: boolean;
  ticks: number[];
  labels: string[];
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** "10⁻³" for e = -3. */
export function decadeLabel(e: number): string {
  return `10${String(e).replace(/./g, (ch) => SUPERSCRIPT[ch] ?? ch)}`;
}

/**
 * The y axis of samples y(t) (the first n) under `axis`: 'linear' over all samples, 'recent' over
 * those in the later half of the time shown (from t0), 'log' over the positive samples, at most
 * 8 decades below the largest, with ticks at powers of ten (every other or third when many).
 * `entropyScale` (S(t) only: the largest |S| of the run): a linear axis spans at least 1e-6 of it,
 * as on the page (value-span.ts entropySpan), so round-off at equilibrium reads flat at 0.
 */
export function yAxisOf(t: ArrayLike<number>, y: ArrayLike<number>, n: number, axis: PlotAxis, t0 = 0, entropyScale?: number): YAxis {
  const log = axis === 'log';
  const from = axis === 'recent' && n > 1 ? t0 + 0.5 * (t[n - 1] - t0) : -Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isFinite(v) || t[i] < from || (log && !(v > 0))) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (log) {
    if (!Number.isFinite(hi)) {
      lo = 1e-12;
      hi = 1;
    }
    lo = Math.max(lo, hi * Math.pow(10, -LOG_SPAN_DECADES));
    // Whole decades around the data (at least one), so the ticks sit at the ends or inside.
    let a = Math.floor(Math.log10(lo) + 1e-9);
    const b = Math.ceil(Math.log10(hi) - 1e-9);
    if (b <= a) a = b - 1;
    const step = Math.max(1, Math.ceil((b - a + 1) / 5));
    const ticks: number[] = [];
    const labels: string[] = [];
    for (let e = b; e >= a; e -= step) {
      ticks.unshift(Math.pow(10, e));
      labels.unshift(decadeLabel(e));
    }
    return { lo: Math.pow(10, a), hi: Math.pow(10, b), log, ticks, labels };
  }
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  } else if (entropyScale !== undefined) ({ lo, hi } = entropySpan(lo, hi, entropyScale));
  if (hi - lo <= Math.abs(hi) * 1e-9 || hi === lo) {
    const pad = Math.abs(hi) * 0.05 || 1e-12;
    lo -= pad;
    hi += pad;
  }
  const ticks = niceTicks(lo, hi, 4);
  return { lo, hi, log, ticks, labels: plotTickLabels(ticks) };
}

/** Where value v sits on the axis, 0 at lo and 1 at hi (log10 on a log axis; non-positive: below). */
export function axisFraction(a: YAxis, v: number): number {
  if (!a.log) return (v - a.lo) / (a.hi - a.lo);
  if (!(v > 0)) return -1;
  return (Math.log10(v) - Math.log10(a.lo)) / (Math.log10(a.hi) - Math.log10(a.lo));
}

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
  /** The largest |S| pushed so far [W/(K m)] (S(t): its axis spans at least 1e-6 of it). */
  private peak = 0;
  /** Time axis [s]: start, and end when known (else it follows the last sample). */
  private t0 = 0;
  private tEnd: number | undefined;

  constructor(
    readonly kind: Exclude<PlotChoice, 'none'>,
    capacity = 8192,
    /** The y axis of S(t) (the separation, which changes sign, is always linear). */
    readonly axis: PlotAxis = DEFAULT_ENTROPY_AXIS,
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
    const note = this.yAxisKind === 'log' ? ', log' : this.yAxisKind === 'recent' ? ', recent half' : '';
    return TITLES[this.kind] + note;
  }

  private get yAxisKind(): PlotAxis {
    return this.kind === 'entropy' ? this.axis : 'linear';
  }

  /** The y axis the samples so far are drawn on. */
  yAxis(): YAxis {
    return yAxisOf(this.t, this.y, this.n, this.yAxisKind, this.t0, this.kind === 'entropy' ? this.peak : undefined);
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
    if (Number.isFinite(v)) this.peak = Math.max(this.peak, Math.abs(v));
    this.t[this.n] = t;
    this.y[this.n] = v;
    this.n++;
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
    const ya = this.yAxis();
    const X = (t: number) => left + ((t - x0) / (x1 - x0 || 1)) * (right - left);
    const Y = (v: number) => bottom - axisFraction(ya, v) * (bottom - top);
    ctx.strokeStyle = st.grid;
    ctx.lineWidth = Math.max(1, px * 0.06);
    ctx.fillStyle = st.text;
    ctx.textAlign = 'right';
    const yLabels = ya.labels;
    ya.ticks.forEach((v, k) => {
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
    // A 'recent' or log axis leaves early (or non-positive) samples outside: clip to the plot area.
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, right - left, bottom - top);
    ctx.clip();
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
    ctx.restore();
    ctx.textAlign = 'start';
  }
}
