/**
 * The electric condition of one wall (physics.md 8, scenario.md "Optional keys"): its type
 * (voltage electrode or insulating, from the schema's variants) and, for an electrode, its
 * potential [V] as a schema-driven number control. Changes go through App.trySet, so a refused
 * value (e.g. a voltage on a periodic side) is shown naming the path and the control goes back.
 */
import type GUI from 'lil-gui';
import { nodeAt, type NumberNode } from '../../physics/schema';
import { scenarioSchema, type Side } from '../../physics/scenario';
import type { App } from '../app';
import { numberControl, type BoundControl } from './number';

/** The electric wall's variants and the number node of the electrode's potential. */
function electricSchema(side: Side): { types: string[]; value?: NumberNode } {
  const n = nodeAt(scenarioSchema, `boundaries.${side}.electric`);
  if (n?.kind !== 'tagged') return { types: [] };
  const v = n.variants.voltage?.fields.value?.node;
  return { types: Object.keys(n.variants), value: v?.kind === 'number' ? v : undefined };
}

/** Adds the controls to `folder`; returns their refresh (follows the scenario). */
export function electricControls(folder: GUI, app: App, side: Side): () => void {
  const { types, value } = electricSchema(side);
  if (types.length === 0) return () => undefined;
  const f = folder.addFolder('electric');
  const state = { type: '' };
  const typeCtl = f
    .add(state, 'type', types)
    .name('electric condition')
    .onChange((t: string) => {
      const phi = t === 'voltage' ? { type: 'voltage', value: 0 } : { type: t };
      if (!app.trySet(`boundaries.${side}.electric`, phi)) refresh();
    });
  typeCtl.domElement.dataset.testid = `boundaries.${side}.electric.type`;
  let volts: BoundControl | undefined;
  const refresh = () => {
    const e = app.validated.scenario.boundaries[side].electric;
    state.type = e?.type ?? 'insulating';
    typeCtl.updateDisplay();
    if (e?.type === 'voltage') {
      volts ??= numberControl(f, app, `boundaries.${side}.electric.value`, { node: value, label: 'wall potential φ' });
      volts.refresh();
    } else if (volts) {
      volts.controller.destroy();
      volts = undefined;
    }
  };
  refresh();
  return refresh;
}
