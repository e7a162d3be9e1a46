/**
 * Splits the page's height between the fields and the plots: the stage gets the height at which
 * the panes are as large as the width allows (view/layout.ts fillHeight), the plots the rest
 * (within bounds), so no band of empty screen sits between the caption, the panes and the plots.
 * In lecture mode (h) the fields and one plot share the screen.
 */
import type { FieldView } from '../view/field-view';
import { fillHeight } from '../view/layout';
import type { App } from './app';

/** Plots' share of the height the two share: [least px or fraction, most fraction]. */
const NORMAL = { minPx: 230, maxShare: 0.65 };
const LECTURE = { minShare: 0.4, maxShare: 0.5 };
/** Lecture mode: text at least this share of the window's height. */
export const LECTURE_TEXT_SHARE = 0.026;

export class PageLayout {
  constructor(
    private readonly app: App,
    private readonly stage: HTMLElement,
    private readonly plots: HTMLElement,
    private readonly view: FieldView,
    /** The view's layout must be recomputed (pane text size changed). */
    private readonly relayout: () => void,
  ) {
    const update = () => this.update();
    window.addEventListener('resize', update);
    app.events.on('settings', update);
    app.events.on('scenario', update);
    new MutationObserver(update).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    update();
  }

  get lecture(): boolean {
    return document.body.classList.contains('panels-hidden');
  }

  update(): void {
    const minFont = this.lecture ? Math.round(LECTURE_TEXT_SHARE * window.innerHeight) : 0;
    if (minFont !== this.view.minFontPx) {
      this.view.minFontPx = minFont;
      this.relayout();
    }
    const shown = getComputedStyle(this.plots).display !== 'none' && this.app.settings.plots.length > 0;
    if (!shown) {
      this.plots.style.height = '';
      return;
    }
    const total = this.stage.clientHeight + this.plots.offsetHeight;
    if (total <= 0) return;
    const lecture = this.lecture;
    const minPlots = lecture ? LECTURE.minShare * total : Math.min(NORMAL.minPx, 0.4 * total);
    const maxPlots = (lecture ? LECTURE.maxShare : NORMAL.maxShare) * total;
    const g = this.app.validated.scenario.grid;
    const need = fillHeight(this.app.settings.view, this.stage.clientWidth, g.width / g.height, total - maxPlots, total - minPlots, minFont);
    const h = Math.round(Math.min(maxPlots, Math.max(minPlots, total - need)));
    if (this.plots.style.height !== `${h}px`) this.plots.style.height = `${h}px`;
  }
}
