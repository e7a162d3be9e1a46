/**
 * Keeps the field view's solid mask in step with the scenario the backend runs (on the CPU
 * fallback its reduced grid), so obstacles and membranes are drawn the same neutral grey in every
 * pane (T, c, sigma, phi) instead of whatever value the solver stores in them.
 */
import { solidOf } from '../physics/snapshot-stats';
import type { Validated } from '../physics/validate';
import { HostFieldTexture } from '../view/field-textures';
import type { FieldView } from '../view/field-view';
import type { App } from './app';

export class SolidMask {
  private readonly texture = new HostFieldTexture('solid mask');
  private mask = new Float32Array(0);
  private of?: Validated;

  constructor(
    private readonly app: App,
    private readonly view: FieldView,
  ) {
    app.events.on('scenario', () => this.refresh());
    app.events.on('settings', () => this.refresh());
    app.events.on('readback', () => this.refresh());
    this.refresh();
  }

  /** Uploads the mask when the running scenario changed (an identity check otherwise). */
  private refresh(): void {
    const running = this.app.backend.running;
    if (this.of === running) return;
    this.of = running;
    const { nx, ny } = running.scenario.grid;
    const solid = solidOf(running);
    if (this.mask.length !== nx * ny) this.mask = new Float32Array(nx * ny);
    for (let k = 0; k < this.mask.length; k++) this.mask[k] = solid[k] ? 1 : 0;
    this.texture.update(nx, ny, this.mask);
    this.view.setSolidMask({ texture: this.texture.texture, nx, ny });
  }

  dispose(): void {
    this.texture.dispose();
  }
}
