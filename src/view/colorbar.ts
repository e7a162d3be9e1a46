/**
 * A horizontal colour bar drawn from the same LUT as the field view, with tick labels, the
 * quantity's name and unit, and (in unphysical mode) a swatch for negative sigma. It redraws only
 * when its inputs change, never per frame.
 */
import { colormapLut, LUT_SIZE, NEGATIVE_SIGMA_RGB, type ColormapName } from './colormaps';
import { fmt, niceTicks, prettyUnit } from './format';

export interface ColorBarState {
  colormap: ColormapName;
  /** Absolute values at the bar's ends (K, -, W/(K m^3)). */
  lo: number;
  hi: number;
  label: string;
  unit: string;
  showNegative: boolean;
}

export class ColorBar {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private readonly ticks: HTMLDivElement;
  private readonly title: HTMLDivElement;
  private readonly negative: HTMLDivElement;
  private key = '';

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

  update(s: ColorBarState): void {
    const key = `${s.colormap}|${s.lo}|${s.hi}|${s.label}|${s.unit}|${s.showNegative}`;
    if (key === this.key) return;
    this.key = key;
    const ctx = this.canvas.getContext('2d');
    if (ctx) {
      const img = ctx.createImageData(LUT_SIZE, 1);
      img.data.set(colormapLut(s.colormap));
      ctx.putImageData(img, 0, 0);
    }
    const unit = prettyUnit(s.unit);
    this.title.textContent = `${s.label} [${unit}]`;
    this.element.setAttribute('aria-label', `colour scale for ${s.label}: ${fmt(s.lo)} to ${fmt(s.hi)} ${unit}`);
    this.ticks.replaceChildren(
      ...niceTicks(s.lo, s.hi, 5).map((v) => {
        const t = document.createElement('span');
        t.textContent = fmt(v, 4);
        t.style.left = `${((v - s.lo) / (s.hi - s.lo || 1)) * 100}%`;
        return t;
      }),
    );
    this.negative.hidden = !s.showNegative;
  }
}
