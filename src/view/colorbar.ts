/**
 * A horizontal colour bar drawn from the same LUT as the field view, with tick labels, the
 * quantity's name and unit, and (in unphysical mode) a swatch for negative sigma. It redraws only
 * when its inputs change, never per frame. The ticks, the title and the Canvas2D drawing of the
 * same bar (for composed video frames and their PNG snapshots) live here too, so the page and the
 * recordings always agree.
 */
import { colormapLut, LUT_SIZE, NEGATIVE_SIGMA_RGB, type ColormapName } from './colormaps';
import { fmt, niceTicks, prettyUnit, scaledLabels, siPrefix, tickExponent } from './format';
import { fitsEstimate } from './pane-titles';

export interface ColorBarState {
  colormap: ColormapName;
  /** Absolute values at the bar's ends (K, -, W/(K m^3)). */
  lo: number;
  hi: number;
  label: string;
  unit: string;
  showNegative: boolean;
  /** How the range is chosen, when that is not the plain automatic one ("log₁₀", "fixed", ...). */
  note?: string;
}

export class ColorBar {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly ticks: HTMLDivElement;
  private readonly title: HTMLDivElement;
  private readonly negative: HTMLDivElement;
  private key = '';
  private state?: ColorBarState;
  /** The bar's width [CSS px] and text size (set by the layout; they decide how many ticks fit). */
  private widthPx = 300;
  private fontPx = 13;

  constructor(field: string) {
    this.element = document.createElement('div');
    this.element.className = 'colorbar';
    this.element.dataset.field = field;
    this.element.setAttribute('role', 'img');
    this.title = document.createElement('div');
    this.title.className = 'colorbar-title';
    this.canvas = document.createElement('canvas');
    this.canvas.width = LUT_SIZE;
    this.canvas.height = 1;
    this.canvas.className = 'colorbar-gradient';
    this.ticks = document.createElement('div');
    this.ticks.className = 'colorbar-ticks';
    this.negative = document.createElement('div');
    this.negative.className = 'colorbar-negative';
    const [r, g, b] = NEGATIVE_SIGMA_RGB;
    this.negative.innerHTML = `<span class="swatch" style="background: rgb(${r}, ${g}, ${b})"></span> &lt; 0: second law broken`;
    this.element.append(this.title, this.canvas, this.ticks, this.negative);
  }

  /** The bar's size changed: ticks are chosen again to fit. */
  resize(widthPx: number, fontPx: number): void {
    this.widthPx = widthPx;
    this.fontPx = fontPx;
    this.element.style.fontSize = `${fontPx}px`;
    if (this.state) this.update(this.state);
  }

  update(s: ColorBarState): void {
    this.state = s;
    const key = `${s.colormap}|${s.lo}|${s.hi}|${s.label}|${s.unit}|${s.note}|${s.showNegative}|${this.widthPx}|${this.fontPx}`;
    if (key === this.key) return;
    this.key = key;
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true }); // CPU-backed (src/ui/cpu-canvas.ts)
    if (ctx) {
      const img = ctx.createImageData(LUT_SIZE, 1);
      img.data.set(colormapLut(s.colormap));
      ctx.putImageData(img, 0, 0);
    }
    const unit = prettyUnit(s.unit);
    const scale = colorBarScale(s, tickRoom(this.widthPx, this.fontPx));
    this.title.textContent = barHeading(scale.title, s.note, this.widthPx, this.fontPx);
    this.title.title = scale.title + (s.note ? ` · ${s.note}` : '');
    this.element.setAttribute('aria-label', `colour scale for ${s.label}: ${fmt(s.lo)} to ${fmt(s.hi)} ${unit}`);
    this.ticks.replaceChildren(
      ...scale.ticks.map((tick) => {
        const t = document.createElement('span');
        t.textContent = tick.text;
        t.style.left = `${tick.at * 100}%`;
        // Labels at the ends stay within the bar (never touching the next pane's bar).
        if (tick.at < 0.08) t.style.transform = `translateX(-${(tick.at / 0.08) * 50}%)`;
        else if (tick.at > 0.92) t.style.transform = `translateX(-${50 + ((tick.at - 0.92) / 0.08) * 50}%)`;
        return t;
      }),
    );
    this.negative.hidden = !s.showNegative;
  }
}

/**
 * A bar's heading: its title and the range note ("title · note"), or the title alone where both
 * would not fit on one line of a bar `widthPx` wide at `fontPx` (a wrapped heading pushes that
 * bar below its neighbours'); the note stays in the heading's tooltip.
 */
export function barHeading(title: string, note: string | undefined, widthPx: number, fontPx: number): string {
  if (!note) return title;
  const full = `${title} · ${note}`;
  return fitsEstimate(full, widthPx, fontPx) ? full : title;
}

export interface ColorBarTick {
  value: number;
  text: string;
  /** Position along the bar, 0 (lo) to 1 (hi). */
  at: number;
}

/** What a bar writes: its heading (quantity, offset, unit with prefix) and its labelled ticks. */
export interface ColorBarScale {
  title: string;
  ticks: ColorBarTick[];
}

/** Ticks a bar `widthPx` wide has room for with labels of about `chars` characters at `fontPx`. */
export function tickRoom(widthPx: number, fontPx: number, chars = 6): number {
  return Math.max(2, Math.min(6, Math.floor(widthPx / (fontPx * 0.62 * chars + fontPx))));
}

/**
 * The heading and ticks of a bar from s.lo to s.hi (absolute units), at most about `maxTicks`.
 * A range narrow against its centre is written as an offset ("T − 300 K [mK]": ticks -10 ... 10),
 * large and small values with an SI prefix on the unit ("σ [kW/(K m³)]") or, for a quantity
 * without unit, a shared power of ten ("c − 0.5 [10⁻³]"). Labels share their decimals, so no two
 * neighbours read alike and none reads "-0".
 */
export function colorBarScale(s: Pick<ColorBarState, 'lo' | 'hi' | 'label' | 'unit'>, maxTicks = 5): ColorBarScale {
  const { lo, hi } = s;
  // At least 3 ticks inside the bar where room allows (a range just inside round ends has fewer).
  let values = niceTicks(lo, hi, Math.max(2, maxTicks));
  for (let n = maxTicks + 1; values.length < Math.min(3, maxTicks) && n <= maxTicks + 4; n++) values = niceTicks(lo, hi, n);
  const span = hi - lo;
  const mid = 0.5 * (lo + hi);
  let offset = 0;
  if (span > 0 && Math.abs(mid) > 50 * span) {
    // The roundest offset inside the bar (298.15 K +- 1 mK: "T − 298.15 K", ticks -1 0 1, not
    // "T − 298.1 K" with ticks 49 50 51).
    let unit10 = Math.pow(10, Math.ceil(Math.log10(span * 10)));
    offset = Math.round(mid / unit10) * unit10;
    for (let k = 0; k < 3 && (offset < lo || offset > hi); k++) {
      unit10 /= 10;
      offset = Number((Math.round(mid / unit10) * unit10).toPrecision(12));
    }
  }
  const rel = values.map((v) => v - offset);
  const exp = tickExponent(rel.length > 1 ? rel : [span]);
  const prefix = siPrefix(exp);
  const unitless = s.unit === '-' || s.unit === '';
  const texts = scaledLabels(rel, exp);
  const ticks = values.map((value, k) => ({ value, text: texts[k], at: (value - lo) / (span || 1) }));
  const unit = prettyUnit(s.unit);
  const offsetText = offset !== 0 ? ` − ${Number(offset.toPrecision(6))}${unitless ? '' : ` ${unit}`}` : '';
  let bracket: string;
  if (unitless) bracket = exp === 0 ? (offset ? '' : ' [-]') : ` [10${prettyUnit(`^${exp}`)}]`;
  else bracket = prefix !== undefined ? ` [${prefix}${unit}]` : ` [10${prettyUnit(`^${exp}`)} ${unit}]`;
  return { title: `${s.label}${offsetText}${bracket}`, ticks };
}

/** The labelled ticks of a bar from `lo` to `hi` (absolute units, no offset or prefix). */
export function colorBarTicks(lo: number, hi: number, maxTicks = 5): ColorBarTick[] {
  return colorBarScale({ lo, hi, label: '', unit: '-' }, maxTicks).ticks;
}

/** The text of the negative-sigma note (unphysical runs). */
export const NEGATIVE_NOTE = '< 0: second law broken';

export type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface BarDrawStyle {
  /** Text size [px]; the gradient is as tall. */
  px: number;
  font: string;
  text: string;
  muted: string;
}

/** One LUT as a LUT_SIZE x 1 image, per colormap (drawn stretched, without smoothing). */
const lutImages = new Map<ColormapName, OffscreenCanvas | HTMLCanvasElement>();

function lutImage(name: ColormapName): OffscreenCanvas | HTMLCanvasElement {
  let img = lutImages.get(name);
  if (!img) {
    img = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(LUT_SIZE, 1) : Object.assign(document.createElement('canvas'), { width: LUT_SIZE, height: 1 });
    const ctx = img.getContext('2d') as Canvas2D;
    const data = ctx.createImageData(LUT_SIZE, 1);
    data.data.set(colormapLut(name));
    ctx.putImageData(data, 0, 0);
    lutImages.set(name, img);
  }
  return img;
}

/**
 * Draws the bar with Canvas2D in the box starting at (x, y), `w` wide: heading, LUT gradient, tick
 * labels, and the negative-sigma note when shown. `scale` is colorBarScale(s, tickRoom(w, px))
 * (passed in so callers can keep it between frames). Returns the height used [px].
 */
export function drawColorBar(ctx: Canvas2D, x: number, y: number, w: number, s: ColorBarState, scale: ColorBarScale, st: BarDrawStyle): number {
  const ticks = scale.ticks;
  const px = st.px;
  const gap = Math.max(1, Math.round(px * 0.2));
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'center';
  ctx.font = `600 ${px}px ${st.font}`;
  ctx.fillStyle = st.muted;
  const heading = scale.title + (s.note ? ` · ${s.note}` : '');
  if (s.showNegative) {
    // Heading, then a swatch of the negative-sigma colour and its note, centred together.
    const note = `${NEGATIVE_NOTE}`;
    ctx.textAlign = 'start';
    const hw = ctx.measureText(heading).width;
    const nw = ctx.measureText(note).width;
    const sw = px;
    const total = Math.min(w, hw + px + sw + gap + nw);
    let cx = x + (w - total) / 2;
    ctx.fillText(heading, cx, y + px);
    cx += hw + px;
    const [r, g, b] = NEGATIVE_SIGMA_RGB;
    ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
    ctx.fillRect(cx, y + px * 0.15, sw, px * 0.85);
    ctx.fillStyle = st.muted;
    ctx.fillText(note, cx + sw + gap, y + px);
    ctx.textAlign = 'center';
  } else {
    ctx.fillText(heading, x + w / 2, y + px, w);
  }
  // The gradient starts below the heading's descenders.
  const gy = y + px + Math.max(gap, Math.round(px * 0.35));
  const gh = Math.max(2, Math.round(px * 0.9));
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(lutImage(s.colormap), 0, 0, LUT_SIZE, 1, x, gy, w, gh);
  ctx.strokeStyle = st.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(x - 0.5, gy - 0.5, w + 1, gh + 1);
  ctx.font = `${px}px ${st.font}`;
  ctx.fillStyle = st.text;
  const ty = gy + gh + gap + px;
  // A label that would touch the one before it is left out (its tick mark stays).
  let lastRight = -Infinity;
  for (const t of ticks) {
    const half = ctx.measureText(t.text).width / 2;
    const cx = Math.min(x + w - half, Math.max(x + half, x + t.at * w));
    if (cx - half >= lastRight + px * 0.5) {
      ctx.fillText(t.text, cx, ty);
      lastRight = cx + half;
    }
    ctx.fillRect(Math.round(x + t.at * w) - 0.5, gy + gh, 1, gap);
  }
  ctx.textAlign = 'start';
  return ty - y + Math.round(px * 0.3);
}
