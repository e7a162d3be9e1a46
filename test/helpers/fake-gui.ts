/**
 * A stand-in for lil-gui in Node (no DOM): folders and controllers with the calls the page's
 * controls make, so a test can drive them as a user would (drag a slider: `setValue`; type text
 * and press Enter: `type`) and read what they show. Only what src/ui/controls use is modelled.
 */
import type GUI from 'lil-gui';

type Listener = (e: { target: unknown; key?: string; stopPropagation(): void }) => void;

class FakeElement {
  readonly dataset: Record<string, string> = {};
  title = '';
  value = '';
  readonly attributes: Record<string, string> = {};
  private readonly listeners: Record<string, Listener[]> = {};
  setAttribute(name: string, value: string): void {
    this.attributes[name] = value;
  }
  addEventListener(type: string, fn: Listener): void {
    (this.listeners[type] ??= []).push(fn);
  }
  fire(type: string, target: unknown, key?: string): void {
    for (const fn of this.listeners[type] ?? []) fn({ target, key, stopPropagation: () => undefined });
  }
}

export class FakeController {
  label = '';
  destroyed = false;
  enabled = true;
  readonly domElement = new FakeElement();
  readonly $input = new FakeElement();
  private change?: (v: unknown) => void;
  private finish?: (v: unknown) => void;
  constructor(
    readonly object: Record<string, unknown>,
    readonly property: string,
    readonly args: unknown[],
  ) {}
  name(label: string): this {
    this.label = label;
    return this;
  }
  onChange(fn: (v: unknown) => void): this {
    this.change = fn;
    return this;
  }
  onFinishChange(fn: (v: unknown) => void): this {
    this.finish = fn;
    return this;
  }
  updateDisplay(): this {
    return this;
  }
  enable(on = true): this {
    this.enabled = on;
    return this;
  }
  destroy(): void {
    this.destroyed = true;
  }
  getValue(): unknown {
    return this.object[this.property];
  }
  /** What lil-gui does when the user moves the control: set the property, then call back. */
  setValue(v: unknown): void {
    this.object[this.property] = v;
    this.change?.(v);
    this.finish?.(v);
  }
  /** Types text into the number field and presses Enter. */
  type(text: string): void {
    this.$input.value = text;
    this.domElement.fire('input', this.$input);
    this.domElement.fire('keydown', this.$input, 'Enter');
  }
}

export class FakeGui {
  readonly folders: FakeGui[] = [];
  readonly controllers: FakeController[] = [];
  constructor(readonly title = 'root') {}
  addFolder(title: string): FakeGui {
    const f = new FakeGui(title);
    this.folders.push(f);
    return f;
  }
  close(): this {
    return this;
  }
  add(object: Record<string, unknown>, property: string, ...args: unknown[]): FakeController {
    const c = new FakeController(object, property, args);
    this.controllers.push(c);
    return c;
  }
  /** Controllers still shown (not destroyed). */
  live(): FakeController[] {
    return this.controllers.filter((c) => !c.destroyed);
  }
  byTestId(id: string): FakeController {
    const c = this.live().find((x) => x.domElement.dataset.testid === id);
    if (!c) throw new Error(`no live control ${id}`);
    return c;
  }
  asGui(): GUI {
    return this as unknown as GUI;
  }
}

/** numberControl reads document.activeElement; Node has no document. */
export function installFakeDocument(): void {
  (globalThis as { document?: unknown }).document ??= { activeElement: null };
}
