/**
 * HTML captions over the canvas: a title above each pane and a colour bar below it, positioned from
 * the pane rectangles (only when the layout changes) and refreshed when ranges change.
 */
import { ColorBar, type ColorBarState } from './colorbar';
import { PANE_FIELDS, paneChrome, type PaneField, type PaneRect } from './layout';
import { fitsEstimate, fittingTitle, TITLE_FORMS } from './pane-titles';

/** Each field's full title (narrow panes show a shorter form: pane-titles.ts). */
export const FIELD_TITLES: Record<PaneField, string> = {
  T: TITLE_FORMS.T[0],
  c: TITLE_FORMS.c[0],
  sigma: TITLE_FORMS.sigma[0],
  phi: TITLE_FORMS.phi[0],
};

export class PaneOverlays {
  readonly bars: Record<PaneField, ColorBar> = { T: new ColorBar('T'), c: new ColorBar('c'), sigma: new ColorBar('sigma'), phi: new ColorBar('phi') };
  private readonly titles: Record<PaneField, HTMLDivElement>;

  constructor(private readonly host: HTMLElement) {
    const title = (f: PaneField) => {
      const d = document.createElement('div');
      d.className = 'pane-title';
      d.textContent = FIELD_TITLES[f];
      d.dataset.field = f;
      return d;
    };
    this.titles = { T: title('T'), c: title('c'), sigma: title('sigma'), phi: title('phi') };
    for (const f of PANE_FIELDS) {
      host.append(this.titles[f], this.bars[f].element);
    }
  }

  /**
   * Places titles and bars for `panes` (canvas CSS px, y up). In the 3D view, `surfaceField` gets
   * its bar at the bottom of the canvas.
   */
  place(panes: readonly PaneRect[], canvasH: number, surfaceField: PaneField | undefined, canvasW: number): void {
    for (const f of PANE_FIELDS) {
      this.titles[f].hidden = true;
      this.bars[f].element.hidden = true;
    }
    for (const p of panes) {
      const top = canvasH - (p.y + p.h);
      const t = this.titles[p.field];
      t.hidden = false;
      t.textContent = fittingTitle(p.field, (text) => fitsEstimate(text, p.w, p.font));
      t.title = FIELD_TITLES[p.field];
      Object.assign(t.style, { left: `${p.x}px`, top: `${top - p.title}px`, width: `${p.w}px`, height: `${p.title}px`, lineHeight: `${p.title}px`, fontSize: `${p.font}px` });
      const b = this.bars[p.field];
      b.element.hidden = false;
      Object.assign(b.element.style, { left: `${p.x}px`, top: `${top + p.h + 4}px`, width: `${p.w}px`, height: `${p.bar - 8}px` });
      b.resize(p.w, p.barFont);
    }
    if (surfaceField) {
      const c = paneChrome(canvasH);
      const t = this.titles[surfaceField];
      t.hidden = false;
      t.textContent = FIELD_TITLES[surfaceField];
      Object.assign(t.style, { left: '16px', top: '8px', width: `${canvasW - 32}px`, height: `${c.title}px`, lineHeight: `${c.title}px`, fontSize: `${c.font}px` });
      const b = this.bars[surfaceField];
      b.element.hidden = false;
      const w = Math.min(480 * (c.font / 16), canvasW - 32);
      Object.assign(b.element.style, { left: `${(canvasW - w) / 2}px`, top: `${canvasH - c.bar}px`, width: `${w}px`, height: `${c.bar - 8}px` });
      b.resize(w, c.barFont);
    }
  }

  update(field: PaneField, s: ColorBarState): void {
    this.bars[field].update(s);
  }

  get element(): HTMLElement {
    return this.host;
  }
}
