/**
 * The composed video frame (Canvas2D, the requested size): a header with the title, the simulated
 * time and the key parameters; the field view (the WebGPU canvas, drawn in the same task as its
 * render); a title above and a colour bar below each pane; optionally the time-series plot. Text
 * is sized from the frame height (captions >= 2.7 % of it) for a projector. The PNG snapshot of a
 * frame comes from this canvas too.
 *
 * The field view renders into `viewport`: a size in CSS pixels and a pixel ratio chosen so that
 * the view's own pane layout (titles and bars reserved in CSS pixels) scales with the frame.
 */
import type { FieldName } from '../physics/simulation';
import { colorBarScale, drawColorBar, tickRoom, type BarDrawStyle, type Canvas2D, type ColorBarScale, type ColorBarState } from '../view/colorbar';
import { PANE_BAR_PX, PANE_TITLE_PX, type PaneField, type PaneRect, type ViewMode } from '../view/layout';
import { FIELD_TITLES } from '../view/overlays';
import { fittingTitle } from '../view/pane-titles';
import type { FrameCaption } from './caption';
import { timeText } from './caption';
import type { Rect, TimeSeriesPlot } from './plot';

/** Frame height that maps to one CSS pixel of the view's layout per 1/540 of the height. */
const REFERENCE_HEIGHT = 540;
/**
 * Text size of the colour bars in the view's CSS px (2.7 % of the frame height at the viewport's
 * pixel ratio, height / REFERENCE_HEIGHT): the recorder lays the panes out with at least this text
 * size, so each pane's bar band holds the bar drawn here (a square domain's bars ran into the plot).
 */
export const BAR_TEXT_CSS_PX = 0.027 * REFERENCE_HEIGHT;
const FONT = 'system-ui, "DejaVu Sans", Arial, sans-serif';
const BG = '#15171c';
const TEXT = '#eef0f4';
const MUTED = '#b8bfcb';
const BAD = '#ff6b6b';

/** What the page rendered for this frame. */
export interface RenderedView {
  /** The canvas the fields were drawn into, in this task (a WebGPU canvas is readable only now). */
  canvas: CanvasImageSource;
  mode: ViewMode;
  /** Panes in the view's CSS pixels, y up from the bottom (see view/layout.ts). */
  panes: readonly PaneRect[];
  /** The field shown by the 3D surface. */
  surfaceField: FieldName;
  /** Colour bar of each visible field. */
  bars: Readonly<Record<PaneField, ColorBarState>>;
}

/** Where the field view goes in the frame, and at what size it must render. */
export interface Viewport extends Rect {
  cssWidth: number;
  cssHeight: number;
  pixelRatio: number;
}

/** Regions of the frame (px, y down), for tests and for anyone cropping the video. */
export interface FrameRegions {
  header: Rect;
  /** The line with the title and the time. */
  title: Rect;
  view: Rect;
  bars: Partial<Record<PaneField, Rect>>;
  plot?: Rect;
  /** Every text drawn on the last frame, with its box (ink extent; tests check none is cut or overlaps). */
  texts: TextBox[];
}

export interface TextBox extends Rect {
  text: string;
}

/** The box of `text` drawn at (x, y) with the context's current font, alignment and baseline. */
function textBox(ctx: Canvas2D, text: string, x: number, y: number, maxWidth?: number): TextBox {
  const m = ctx.measureText(text);
  const w = maxWidth !== undefined ? Math.min(m.width, maxWidth) : m.width;
  const a = ctx.textAlign;
  const left = a === 'center' ? x - w / 2 : a === 'right' || a === 'end' ? x - w : x;
  return { text, x: left, y: y - m.actualBoundingBoxAscent, w, h: m.actualBoundingBoxAscent + m.actualBoundingBoxDescent };
}

export interface ComposeOptions {
  caption: FrameCaption;
  mode: ViewMode;
  /** "2 s per frame · 60x speed" (right of the parameters). */
  perFrame: string;
  /** Decimals of the time caption. */
  decimals: number;
  plot?: TimeSeriesPlot;
}

export type ComposeCanvas = HTMLCanvasElement | OffscreenCanvas;

export class FrameComposer {
  readonly canvas: ComposeCanvas;
  readonly viewport: Viewport;
  readonly regions: FrameRegions;
  private readonly ctx: Canvas2D;
  private readonly u: number;
  private readonly px: { title: number; params: number; pane: number; label: number };
  private readonly paramLines: string[];
  /** Left edge of the time caption: fixed per recording, so the text does not move. */
  private timeX: number;
  private readonly barStyle: BarDrawStyle;
  private readonly tickCache = new Map<PaneField, { key: string; scale: ColorBarScale }>();

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly opts: ComposeOptions,
    canvas?: ComposeCanvas,
  ) {
    this.canvas = canvas ?? (typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height }));
    this.canvas.width = width;
    this.canvas.height = height;
    const ctx = this.canvas.getContext('2d', { alpha: false }) as Canvas2D | null;
    if (!ctx) throw new Error('no 2D canvas context for composing video frames');
    this.ctx = ctx;
    const u = height / 100;
    this.u = u;
    this.px = { title: Math.round(4.6 * u), params: Math.round(3 * u), pane: Math.round(3.1 * u), label: Math.round(2.7 * u) };
    this.barStyle = { px: this.px.label, font: FONT, text: TEXT, muted: MUTED };
    const m = Math.round(2 * u);

    // Header: title and time on one line, the parameters wrapped below, per-frame time at the right.
    ctx.font = `${this.px.params}px ${FONT}`;
    const perFrameW = ctx.measureText(opts.perFrame).width;
    // The first line shares its row with the per-frame note; the others have the full width.
    const firstW = Math.max(width * 0.3, width - 2 * m - perFrameW - 2 * u);
    this.paramLines = wrap(ctx, opts.caption.params, '   ·   ', firstW, width - 2 * m);
    this.timeX = width - m;
    const titleH = m + this.px.title + Math.round(0.6 * u);
    const headerH = titleH + this.paramLines.length * Math.round(this.px.params * 1.3) + Math.round(1.2 * u);
    const plotH = opts.plot ? Math.round(25 * u) : 0;
    const areaTop = headerH;
    const areaBottom = height - plotH;
    const pixelRatio = height / REFERENCE_HEIGHT;
    // The 3D view gets its title above and its bar below, outside the render.
    const surface = opts.mode === 'surface';
    const topBand = surface ? Math.round(PANE_TITLE_PX * pixelRatio) : 0;
    const bottomBand = surface ? Math.round(PANE_BAR_PX * pixelRatio) : 0;
    const vy = areaTop + topBand;
    const vh = Math.max(16, areaBottom - bottomBand - vy);
    this.viewport = { x: 0, y: vy, w: width, h: vh, cssWidth: width / pixelRatio, cssHeight: vh / pixelRatio, pixelRatio };
    this.regions = {
      header: { x: 0, y: 0, w: width, h: headerH },
      title: { x: 0, y: 0, w: width, h: titleH },
      view: { x: 0, y: vy, w: width, h: vh },
      bars: {},
      texts: [],
      ...(plotH ? { plot: { x: m, y: areaBottom + Math.round(0.5 * u), w: width - 2 * m, h: plotH - Math.round(1.5 * u) } } : {}),
    };
  }

  /**
   * Places the time caption for times up to `tMax` [s] (the last frame's): left-aligned at a fixed
   * place wide enough for the longest text (digits are equally wide in these fonts).
   */
  setTimeExtent(tMax: number): void {
    const ctx = this.ctx;
    ctx.font = `700 ${this.px.title}px ${FONT}`;
    const widest = timeText(tMax, this.opts.decimals).replace(/[0-9]/g, '8');
    this.timeX = Math.max(this.width * 0.45, this.width - Math.round(2 * this.u) - ctx.measureText(widest).width);
  }

  /** Composes one frame at simulated time t [s] from the view just rendered (same task). */
  draw(view: RenderedView, t: number): void {
    const ctx = this.ctx;
    const texts: TextBox[] = [];
    const fill = ctx.fillText;
    // Every text of this frame is noted with its box (regions.texts) as it is drawn.
    ctx.fillText = (text: string, x: number, y: number, maxWidth?: number) => {
      if (text.trim()) texts.push(textBox(ctx, text, x, y, maxWidth));
      if (maxWidth === undefined) fill.call(ctx, text, x, y);
      else fill.call(ctx, text, x, y, maxWidth);
    };
    try {
      this.drawFrame(view, t);
    } finally {
      ctx.fillText = fill;
      this.regions.texts = texts;
    }
  }

  private drawFrame(view: RenderedView, t: number): void {
    const ctx = this.ctx;
    const vp = this.viewport;
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(view.canvas, vp.x, vp.y, vp.w, vp.h);
    this.drawHeader(t);
    if (view.mode === 'surface') this.drawSurfaceCaptions(view);
    else this.drawPaneCaptions(view);
    const plot = this.opts.plot;
    if (plot && this.regions.plot) {
      plot.draw(ctx, this.regions.plot, { px: this.px.label, font: FONT, text: TEXT, muted: MUTED, grid: '#2c313b', line: '#ffb347' });
    }
  }

  private drawHeader(t: number): void {
    const ctx = this.ctx;
    const u = this.u;
    const m = Math.round(2 * u);
    const c = this.opts.caption;
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'start';
    const base = m + this.px.title;
    ctx.font = `700 ${this.px.title}px ${FONT}`;
    ctx.fillStyle = TEXT;
    // The time never runs past the frame's edge: a text longer than the place kept for it (a
    // time between two round ones, "40 min 0 s") moves left, and at worst is narrowed to fit.
    const time = timeText(t, this.opts.decimals);
    const timeX = Math.max(m, Math.min(this.timeX, this.width - m - ctx.measureText(time).width));
    ctx.fillText(time, timeX, base, this.width - m - timeX);
    const room = timeX - m - 2 * u;
    ctx.fillText(c.title, m, base, room);
    if (c.unphysical) {
      const w = Math.min(room, ctx.measureText(c.title).width);
      ctx.fillStyle = BAD;
      ctx.fillText('UNPHYSICAL', m + w + 1.5 * u, base, Math.max(0, room - w - 1.5 * u));
    }
    ctx.font = `${this.px.params}px ${FONT}`;
    const lh = Math.round(this.px.params * 1.3);
    let y = base + Math.round(0.6 * u) + this.px.params;
    ctx.fillStyle = TEXT;
    for (const line of this.paramLines) {
      ctx.fillText(line, m, y);
      y += lh;
    }
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'right';
    ctx.fillText(this.opts.perFrame, this.width - m, base + Math.round(0.6 * u) + this.px.params);
    ctx.textAlign = 'start';
  }

  private ticks(field: PaneField, s: ColorBarState, w: number): ColorBarScale {
    const key = `${s.lo}|${s.hi}|${s.label}|${s.unit}|${w}`;
    const c = this.tickCache.get(field);
    if (c && c.key === key) return c.scale;
    const scale = colorBarScale(s, tickRoom(w, this.barStyle.px));
    this.tickCache.set(field, { key, scale });
    return scale;
  }

  private drawPaneCaptions(view: RenderedView): void {
    const ctx = this.ctx;
    const vp = this.viewport;
    const r = vp.pixelRatio;
    for (const p of view.panes) {
      const x = vp.x + p.x * r;
      const w = p.w * r;
      const top = vp.y + (vp.cssHeight - (p.y + p.h)) * r;
      const bottom = top + p.h * r;
      ctx.font = `600 ${this.px.pane}px ${FONT}`;
      ctx.fillStyle = TEXT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'alphabetic';
      // The longest title form that fits the pane (never squeezed: pane-titles.ts).
      const title = fittingTitle(p.field, (text) => ctx.measureText(text).width <= w);
      ctx.fillText(title, x + w / 2, top - Math.round(0.35 * p.title * r), w);
      const y = bottom + 4 * r;
      const used = drawColorBar(ctx, x, y, w, view.bars[p.field], this.ticks(p.field, view.bars[p.field], w), this.barStyle);
      this.regions.bars[p.field] = { x: Math.round(x), y: Math.round(y), w: Math.round(w), h: Math.round(used) };
    }
  }

  private drawSurfaceCaptions(view: RenderedView): void {
    const ctx = this.ctx;
    const vp = this.viewport;
    const f = view.surfaceField;
    const r = vp.pixelRatio;
    ctx.font = `600 ${this.px.pane}px ${FONT}`;
    ctx.fillStyle = TEXT;
    ctx.textAlign = 'center';
    ctx.fillText(FIELD_TITLES[f], this.width / 2, vp.y - Math.round(0.35 * PANE_TITLE_PX * r), this.width);
    const w = Math.min(this.width * 0.6, 480 * r);
    const x = (this.width - w) / 2;
    const y = vp.y + vp.h + 4 * r;
    const used = drawColorBar(ctx, x, y, w, view.bars[f], this.ticks(f, view.bars[f], w), this.barStyle);
    this.regions.bars[f] = { x: Math.round(x), y: Math.round(y), w: Math.round(w), h: Math.round(used) };
  }

  /** The composed frame as a PNG. */
  async png(): Promise<Blob> {
    const c = this.canvas;
    if (typeof OffscreenCanvas !== 'undefined' && c instanceof OffscreenCanvas) return c.convertToBlob({ type: 'image/png' });
    return new Promise((resolve, reject) => (c as HTMLCanvasElement).toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  }
}

/**
 * Joins items with `sep` into lines no wider than `first` (the first line) or `rest` (the others);
 * an item wider than a line gets a line of its own.
 */
function wrap(ctx: Canvas2D, items: readonly string[], sep: string, first: number, rest: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    const next = line ? line + sep + item : item;
    if (line && ctx.measureText(next).width > (lines.length ? rest : first)) {
      lines.push(line);
      line = item;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}
