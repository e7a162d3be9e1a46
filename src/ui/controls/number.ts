/**
 * A lil-gui number control for one scenario field, configured from the schema (label, unit, slider
 * range, log scale, step, doc as tooltip) so nothing is declared twice. Slider drags apply live;
 * typed text applies on Enter or when the field loses focus (never per keystroke). Log controls
 * slide in decades but show and accept the real value. A refused value is shown in the page and
 * the control goes back to the scenario's value.
 */
import type GUI from 'lil-gui';
import type { Controller } from 'lil-gui';
import { nodeAt, type NumberNode, type UiRange } from '../../physics/schema';
import { scenarioSchema } from '../../physics/scenario';
import { fmt, prettyUnit } from '../../view/format';
import type { App } from '../app';
import { valueAt } from '../paths';

export interface NumberControlOptions {
  /** Label shown (the unit is appended). Defaults to the path's last part. */
  label?: string;
  /** The schema node, when `path` does not reach it (walls: variants of a tagged node). */
  node?: NumberNode;
  /** Overrides the schema's slider range. */
  ui?: UiRange;
  /** Apply only when the drag or typing ends (grid changes restart the run). */
  onFinishOnly?: boolean;
  /** Reads the current value (default: the scenario at `path`). */
  read?: () => number | undefined;
  /** Applies a value (default: app.trySet(path, value)); returns whether it was accepted. */
  write?: (value: number) => boolean;
}

export interface BoundControl {
  controller: Controller;
  /** Re-reads the value from the scenario. */
  refresh(): void;
}

/** The schema number node at a dotted path (objects only). */
export function numberNodeAt(path: string): NumberNode | undefined {
  const n = nodeAt(scenarioSchema, path);
  return n?.kind === 'number' ? n : undefined;
}

/** The number node of item `i` of the schema tuple at a dotted path (e.g. mixture.molarMass). */
export function tupleItemNode(path: string, i: number): NumberNode | undefined {
  const n = nodeAt(scenarioSchema, path);
  if (n?.kind !== 'tuple') return undefined;
  const item = n.items[i];
  return item?.kind === 'number' ? item : undefined;
}

export function numberControl(folder: GUI, app: App, path: string, o: NumberControlOptions = {}): BoundControl {
  const node = o.node ?? numberNodeAt(path);
  const ui = o.ui ?? node?.ui;
  const unit = node?.unit ? prettyUnit(node.unit) : '';
  const label = `${o.label ?? path.split('.').pop()}${unit && unit !== '-' ? ` [${unit}]` : ''}`;
  const read = o.read ?? (() => valueAt(app.validated.scenario, path) as number | undefined);
  const write = o.write ?? ((v: number) => app.trySet(path, node?.integer ? Math.round(v) : v));
  const log = ui?.log === true;
  const value = { v: read() ?? 0 };
  // The controller's own property: the value, or its log10 for log sliders.
  const proxy = {
    get x(): number {
      return log ? Math.log10(Math.max(value.v, Number.MIN_VALUE)) : value.v;
    },
    set x(x: number) {
      value.v = log ? 10 ** x : x;
    },
  };
  const c: Controller = ui
    ? folder.add(proxy, 'x', log ? Math.log10(ui.min) : ui.min, log ? Math.log10(ui.max) : ui.max, log ? 0.001 : (ui.step ?? (node?.integer ? 1 : undefined)))
    : folder.add(proxy, 'x');
  c.name(label);
  c.domElement.dataset.testid = path;
  c.domElement.title = node ? `${path}: ${node.doc}; ${node.allowed}` : path;
  const input = (c as unknown as { $input: HTMLInputElement }).$input;
  input.setAttribute('aria-label', `${label}: ${node?.doc ?? path}`);

  const show = () => {
    if (document.activeElement !== input) input.value = fmt(value.v, 4);
  };
  const baseUpdate = c.updateDisplay.bind(c);
  c.updateDisplay = () => {
    baseUpdate();
    show();
    return c;
  };

  const commit = (v: number) => {
    if (!Number.isFinite(v)) return;
    if (!write(v)) value.v = read() ?? value.v;
    c.updateDisplay();
  };

  // Typed text: keep it until Enter or blur, then apply the real value (log or not).
  let pending: number | undefined;
  c.domElement.addEventListener(
    'input',
    (e) => {
      if (e.target !== input) return;
      e.stopPropagation();
      const v = parseFloat(input.value);
      pending = Number.isFinite(v) ? v : undefined;
    },
    true,
  );
  const flush = () => {
    if (pending === undefined) return;
    const v = pending;
    pending = undefined;
    value.v = v;
    commit(v);
  };
  c.domElement.addEventListener(
    'keydown',
    (e) => {
      if (e.target === input && (e as KeyboardEvent).key === 'Enter') flush();
    },
    true,
  );
  input.addEventListener('blur', flush, true);

  if (o.onFinishOnly) c.onFinishChange(() => pending === undefined && commit(value.v));
  else c.onChange(() => pending === undefined && commit(value.v));
  show();
  return {
    controller: c,
    refresh: () => {
      const v = read();
      if (v !== undefined && v !== value.v) value.v = v;
      c.updateDisplay();
    },
  };
}
