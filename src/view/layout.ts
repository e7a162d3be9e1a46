/**
 * Where each field pane sits on the canvas (CSS pixels, y up from the canvas bottom), leaving room
 * above for a title and below for a colour bar. Pure geometry: used by the 2D view, the HTML
 * overlays, the probe and the brushes.
 */
import type { FieldName } from '../physics/simulation';

/**
 * What a 2D pane can show: a stored field, or the electric potential phi [V] (ions, physics.md 8:
 * static for a scenario, drawn from a host texture the page fills when the scenario changes).
 */
export type PaneField = FieldName | 'phi';
export const PANE_FIELDS: readonly PaneField[] = ['T', 'c', 'sigma', 'phi'];

export type ViewMode = 'T' | 'c' | 'sigma' | 'all' | 'T-sigma' | 'surface' | 'phi' | 'c-phi';
export const VIEW_MODES: Record<string, ViewMode> = {
  'T | c | σ side by side': 'all',
  'T | σ (no c: S_T = 0)': 'T-sigma',
  'temperature T': 'T',
  'concentration c': 'c',
  'entropy production σ': 'sigma',
  'c | potential φ (ions)': 'c-phi',
  'potential φ': 'phi',
  '3D surface': 'surface',
};

export interface PaneRect {
  field: PaneField;
  /** Left, bottom, width, height in CSS pixels (y up from the canvas bottom). */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Heights of the title band above and the colour-bar band below [CSS px], and their text sizes. */
  title: number;
  bar: number;
  font: number;
  barFont: number;
}

/** Title and colour-bar bands at the reference canvas height (600 CSS px); they scale with it. */
export const PANE_TITLE_PX = 26;
export const PANE_BAR_PX = 56;
const GAP = 12;

/**
 * The bands around each pane and their text size for a canvas `canvasH` CSS px tall: the base
 * sizes times canvasH / 600, between 0.8 and 2.2 (so text stays readable from the back of a
 * lecture hall on a large screen and the panes keep the room on a small one).
 */
export function paneChrome(canvasH: number, minFontPx = 0): { title: number; bar: number; font: number; barFont: number } {
  const k = Math.max(Math.min(2.2, Math.max(0.8, canvasH / 600)), minFontPx / 13);
  return { title: Math.round(PANE_TITLE_PX * k), bar: Math.round(PANE_BAR_PX * k), font: Math.round(16 * k), barFont: Math.round(13 * k) };
}

/** Fields shown by a mode (the surface shows one: `surfaceField`). */
export function fieldsOf(mode: ViewMode, surfaceField: FieldName): PaneField[] {
  if (mode === 'all') return ['T', 'c', 'sigma'];
  if (mode === 'T-sigma') return ['T', 'sigma'];
  if (mode === 'c-phi') return ['c', 'phi'];
  if (mode === 'surface') return [surfaceField];
  return [mode];
}

/** The stored fields a mode shows (the ones the backend copies for display; phi is not one). */
export function storedFieldsOf(mode: ViewMode, surfaceField: FieldName): FieldName[] {
  return fieldsOf(mode, surfaceField).filter((f): f is FieldName => f !== 'phi');
}

/** Pane rectangles for the 2D modes, each keeping the domain's aspect ratio (width / height). */
export function paneRects(mode: ViewMode, canvasW: number, canvasH: number, aspect: number, minFontPx = 0): PaneRect[] {
  const fields = mode === 'surface' ? [] : fieldsOf(mode, 'c');
  const n = fields.length;
  if (n === 0) return [];
  const chrome = paneChrome(canvasH, minFontPx);
  const TITLE = chrome.title;
  const BAR = chrome.bar;
  // Side by side when the canvas is wide enough for it, else stacked.
  const fit = (cols: number, rows: number) => {
    const cellW = (canvasW - GAP * (cols + 1)) / cols;
    const cellH = (canvasH - GAP * (rows - 1)) / rows - TITLE - BAR;
    const w = Math.max(1, Math.min(cellW, cellH * aspect));
    return { w, h: w / aspect, cols, rows };
  };
  const options = n === 1 ? [fit(1, 1)] : n === 3 ? [fit(3, 1), fit(1, 3), fit(2, 2)] : [fit(n, 1), fit(1, n)];
  // A 2 + 1 grid only where it gives the panes clearly more room than a row or a column.
  const best = options.reduce((a, b) => (b.w * b.h > a.w * a.h * (b.cols === 2 ? 1.3 : 1) ? b : a));
  const totalW = best.cols * best.w + (best.cols - 1) * GAP;
  const cellH = best.h + TITLE + BAR;
  const totalH = best.rows * cellH + (best.rows - 1) * GAP;
  const x0 = (canvasW - totalW) / 2;
  const top = canvasH - (canvasH - totalH) / 2;
  return fields.map((field, k) => {
    const col = k % best.cols;
    const row = Math.floor(k / best.cols);
    // A last row with fewer panes is centred.
    const inRow = Math.min(best.cols, n - row * best.cols);
    const shift = ((best.cols - inRow) * (best.w + GAP)) / 2;
    return {
      field,
      x: x0 + shift + col * (best.w + GAP),
      y: top - row * (cellH + GAP) - TITLE - best.h,
      w: best.w,
      h: best.h,
      ...chrome,
    };
  });
}

/** Total area of the panes [CSS px^2]. */
export function paneArea(panes: readonly PaneRect[]): number {
  return panes.reduce((a, p) => a + p.w * p.h, 0);
}

/**
 * The least canvas height (between `minH` and `maxH`) at which the panes are as large as at
 * `maxH`: more height would only add empty bands (the panes are limited by the width).
 */
export function fillHeight(mode: ViewMode, canvasW: number, aspect: number, minH: number, maxH: number, minFontPx = 0): number {
  if (mode === 'surface') return maxH;
  const area = (h: number) => paneArea(paneRects(mode, canvasW, h, aspect, minFontPx));
  const full = area(maxH);
  let lo = minH;
  let hi = maxH;
  if (area(lo) >= 0.995 * full) return lo;
  for (let i = 0; i < 24 && hi - lo > 1; i++) {
    const mid = (lo + hi) / 2;
    if (area(mid) >= 0.995 * full) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi);
}

/** The cell under a canvas point (CSS px, y down from the top), or undefined outside every pane. */
export function cellAt(
  panes: readonly PaneRect[],
  canvasH: number,
  px: number,
  pyDown: number,
  nx: number,
  ny: number,
): { field: PaneField; i: number; j: number; fx: number; fy: number } | undefined {
  const py = canvasH - pyDown;
  for (const p of panes) {
    const fx = (px - p.x) / p.w;
    const fy = (py - p.y) / p.h;
    if (fx >= 0 && fx < 1 && fy >= 0 && fy < 1) {
      return { field: p.field, i: Math.min(nx - 1, Math.floor(fx * nx)), j: Math.min(ny - 1, Math.floor(fy * ny)), fx, fy };
    }
  }
  return undefined;
}
