/**
 * Keeps the flux arrows in step with the readbacks: J1 is drawn over the concentration pane and
 * Jq' over the temperature pane (or over the one pane shown).
 */
import { faceConstantsOf } from '../physics/discretisation';
import type { FaceConstants } from '../physics/faces';
import { solidOf } from '../physics/snapshot-stats';
import type { Validated } from '../physics/validate';
import type { FieldView } from '../view/field-view';
import type { App, Readback } from './app';

export class ArrowsFollower {
  private fc?: { key: Validated; value: FaceConstants };

  constructor(
    private readonly app: App,
    private readonly view: FieldView,
  ) {
    app.events.on('readback', (rb) => this.update(rb));
    app.events.on('settings', () => app.latest && this.update(app.latest));
    view.onLayout(() => app.latest && this.update(app.latest));
  }

  private update(rb: Readback): void {
    const kind = this.app.settings.flux;
    if (kind === 'current') return; // the ionic current's arrows: src/ui/potential.ts
    const snap = rb.snapshot;
    if (kind === 'none' || !snap || this.view.mode === 'surface') {
      this.view.arrows.hide();
      return;
    }
    const want = kind === 'J1' ? 'c' : 'T';
    const pane = this.view.panes.find((p) => p.field === want) ?? this.view.panes[0];
    if (this.fc?.key !== rb.running) this.fc = { key: rb.running, value: faceConstantsOf(rb.running.scenario, rb.running.derived) };
    const g = rb.running.scenario.grid;
    // No arrows on solid cells (obstacles): the mask of the running grid, which is the snapshot's.
    const solid = g.nx === snap.nx && g.ny === snap.ny ? solidOf(rb.running) : undefined;
    this.view.arrows.update(kind, pane, this.fc.value, snap.T, snap.c, snap.nx, snap.ny, g.width / snap.nx, g.height / snap.ny, solid);
  }
}
