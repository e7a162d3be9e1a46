/**
 * Embed mode for course pages: `?embed=1` shows the view, play/pause and one slider
 * (`&slider=mixture.soret` by default; any numeric scenario path works). Made for an iframe:
 * nothing else on the page, and the slider uses the same validation as everything else.
 */
import { nodeAt } from '../physics/schema';
import { scenarioSchema } from '../physics/scenario';
import { fmt, prettyUnit } from '../view/format';
import type { App } from './app';
import { valueAt } from './paths';

export interface EmbedOptions {
  embed: boolean;
  /** Dotted scenario path of the one slider. */
  slider: string;
}

export function readEmbedOptions(search: string): EmbedOptions {
  const q = new URLSearchParams(search);
  const embed = q.get('embed') === '1' || q.get('embed') === 'true';
  return { embed, slider: q.get('slider') ?? 'mixture.soret' };
}

export function setupEmbed(app: App, o: EmbedOptions, host: HTMLElement): void {
  document.body.classList.add('embed');
  const node = nodeAt(scenarioSchema, o.slider);
  if (!node || node.kind !== 'number' || !node.ui) return;
  const ui = node.ui;
  const wrap = document.createElement('label');
  wrap.id = 'embed-slider';
  const name = document.createElement('span');
  const input = document.createElement('input');
  input.type = 'range';
  const log = ui.log === true;
  const toSlider = (v: number) => (log ? Math.log10(v) : v);
  const fromSlider = (x: number) => (log ? 10 ** x : x);
  input.min = String(toSlider(ui.min));
  input.max = String(toSlider(ui.max));
  input.step = log ? '0.01' : String(ui.step ?? (ui.max - ui.min) / 200);
  input.setAttribute('aria-label', `${node.doc} (${node.unit})`);
  const show = () => {
    const v = valueAt(app.validated.scenario, o.slider);
    if (typeof v === 'number') {
      input.value = String(toSlider(v));
      name.textContent = `${o.slider.split('.').pop()} = ${fmt(v)} ${prettyUnit(node.unit)}`;
    }
  };
  input.oninput = () => {
    app.trySet(o.slider, fromSlider(Number(input.value)));
  };
  app.events.on('scenario', show);
  show();
  wrap.append(name, input);
  host.append(wrap);
}
