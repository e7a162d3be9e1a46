/**
 * Where each field pane sits on the canvas (CSS pixels, y up from the canvas bottom), leaving room
 * above for a title and below for a colour bar. Pure geometry: used by the 2D view, the HTML
 * overlays, the probe and the brushes.
 */
import type { FieldName } from '../physics/simulation';

export type ViewMode = 'T' | 'c' | 'sigma' | 'all' | 'surface';
export const VIEW_MODES: Record<string, ViewMode> = {
  'T | c | σ side by side': 'all',
  'temperature T': 'T',
  'concentration c': 'c',
  'entropy production σ': 'sigma',
  '3D surface': 'surface',
};

export interface PaneRect {
  field: FieldName;
  /** Left, bottom, width, height in CSS pixels (y up from the canvas bottom). */
  x: number;
  y: number;
  w: number;
  h: number;
}

export const PANE_TITLE_PX = 30;
export const PANE_BAR_PX = 64;
const GAP = 16;

/** Fields shown by a mode (the surface shows one: `surfaceField`). */
export function fieldsOf(mode: ViewMode, surfaceField: FieldName): FieldName[] {
  if (mode === 'all') return ['T', 'c', 'sigma'];
  if (mode === 'surface') return [surfaceField];
  return [mode];
}

/** Pane rectangles for the 2D modes, each keeping the domain's aspect ratio (width / height). */
export function paneRects(mode: ViewMode, canvasW: number, canvasH: number, aspect: number): PaneRect[] {
  const fields = mode === 'all' ? (['T', 'c', 'sigma'] as FieldName[]) : mode === 'surface' ? [] : [mode];
  const n = fields.length;
  if (n === 0) return [];
  // Side by side when the canvas is wide enough for it, else stacked.
  const fit = (cols: number, rows: number) => {
    const cellW = (canvasW - GAP * (cols + 1)) / cols;
    const cellH = (canvasH - GAP * (rows - 1)) / rows - PANE_TITLE_PX - PANE_BAR_PX;
    const w = Math.max(1, Math.min(cellW, cellH * aspect));
    return { w, h: w / aspect, cols, rows };
  };
  const options = n === 1 ? [fit(1, 1)] : [fit(n, 1), fit(1, n)];
  const best = options.reduce((a, b) => (b.w * b.h > a.w * a.h ? b : a));
  const totalW = best.cols * best.w + (best.cols - 1) * GAP;
  const cellH = best.h + PANE_TITLE_PX + PANE_BAR_PX;
  const totalH = best.rows * cellH + (best.rows - 1) * GAP;
  const x0 = (canvasW - totalW) / 2;
  const top = canvasH - (canvasH - totalH) / 2;
  return fields.map((field, k) => {
    const col = best.cols === 1 ? 0 : k;
    const row = best.cols === 1 ? k : 0;
    return {
      field,
      x: x0 + col * (best.w + GAP),
      y: top - row * (cellH + GAP) - PANE_TITLE_PX - best.h,
      w: best.w,
      h: best.h,
    };
  });
}

/** The cell under a canvas point (CSS px, y down from the top), or undefined outside every pane. */
export function cellAt(
  panes: readonly PaneRect[],
  canvasH: number,
  px: number,
  pyDown: number,
  nx: number,
  ny: number,
): { field: FieldName; i: number; j: number; fx: number; fy: number } | undefined {
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
