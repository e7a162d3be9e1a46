/**
 * lil-gui folders for every scenario parameter: grid, mixture, reference and starting state, the
 * four walls (heat and mass separately, the wall type chosen from the schema's variants), and time
 * stepping (the scheme itself is chosen in the Simulation folder). Labels, units, ranges
 * and tooltips come from the schema. Controls follow the scenario on every change.
 */
import type GUI from 'lil-gui';
import { nodeAt, type NumberNode, type TaggedNode } from '../physics/schema';
import { SIDES, scenarioSchema, type Scenario, type Side } from '../physics/scenario';
import { parseScenario } from '../physics/validate';
import type { App } from './app';
import { problemsOf } from './app';
import { electricControls } from './controls/electric';
import { numberControl, tupleItemNode, type BoundControl } from './controls/number';
import { reactionControls } from './controls/reaction';

type Refresh = () => void;

function variantsOf(path: string): TaggedNode<unknown> {
  const n = nodeAt(scenarioSchema, path);
  if (n?.kind !== 'tagged') throw new Error(`${path} is not a tagged schema node`);
  return n;
}

/** The number node of field `key` in variant `type` of the tagged node at `path`. */
function variantNumber(path: string, type: string, key: string): NumberNode | undefined {
  const n = variantsOf(path).variants[type]?.fields[key]?.node;
  return n?.kind === 'number' ? n : undefined;
}

/** A reasonable new wall of the given type, from the current scenario's temperatures. */
function newHeatWall(s: Scenario, type: string): unknown {
  const T0 = s.reference.T0;
  switch (type) {
    case 'temperature':
      return { type, value: T0 };
    case 'flux':
      return { type, value: 0 };
    case 'convective':
      return { type, h: 10, ambient: T0 };
    default:
      return { type };
  }
}

function newMassWall(s: Scenario, type: string): unknown {
  return type === 'concentration' ? { type, value: s.reference.c0 } : { type };
}

const OPPOSITE: Record<Side, Side> = { left: 'right', right: 'left', bottom: 'top', top: 'bottom' };

/** Applies a wall-type change; periodic walls are paired (both sides, heat and mass together). */
function setWallType(app: App, side: Side, channel: 'heat' | 'mass', type: string): void {
  const s = structuredClone(app.validated.scenario);
  const wasPeriodic = s.boundaries[side][channel].type === 'periodic';
  const make = (ch: 'heat' | 'mass', t: string) => (ch === 'heat' ? newHeatWall(s, t) : newMassWall(s, t));
  if (type === 'periodic' || wasPeriodic) {
    for (const sd of [side, OPPOSITE[side]]) {
      for (const ch of ['heat', 'mass'] as const) {
        const t = type === 'periodic' ? 'periodic' : ch === channel ? type : ch === 'heat' ? 'flux' : 'closed';
        (s.boundaries[sd] as Record<string, unknown>)[ch] = make(ch, t);
      }
    }
  } else {
    (s.boundaries[side] as Record<string, unknown>)[channel] = make(channel, type);
  }
  try {
    app.apply(parseScenario(s));
  } catch (e) {
    app.events.emit('error', { title: `Not applied: boundaries.${side}.${channel}.type`, problems: problemsOf(e) });
  }
}

function wallFolder(parent: GUI, app: App, side: Side): Refresh {
  const folder = parent.addFolder(`${side} wall`).close();
  const sub: { heat?: GUI; mass?: GUI; heatType?: string; massType?: string } = {};
  const types = { heat: Object.keys(variantsOf(`boundaries.${side}.heat`).variants), mass: Object.keys(variantsOf(`boundaries.${side}.mass`).variants) };
  const state = { heat: '', mass: '' };
  const heatCtl = folder.add(state, 'heat', types.heat).name('heat condition').onChange((t: string) => setWallType(app, side, 'heat', t));
  heatCtl.domElement.dataset.testid = `boundaries.${side}.heat.type`;
  const massCtl = folder.add(state, 'mass', types.mass).name('mass condition').onChange((t: string) => setWallType(app, side, 'mass', t));
  massCtl.domElement.dataset.testid = `boundaries.${side}.mass.type`;
  let controls: BoundControl[] = [];
  const electric = electricControls(folder, app, side);

  const rebuild = () => {
    const b = app.validated.scenario.boundaries[side];
    if (sub.heatType === b.heat.type && sub.massType === b.mass.type) {
      for (const c of controls) c.refresh();
      return;
    }
    sub.heat?.destroy();
    sub.mass?.destroy();
    controls = [];
    sub.heatType = b.heat.type;
    sub.massType = b.mass.type;
    const heat = folder.addFolder('heat');
    for (const key of Object.keys(variantsOf(`boundaries.${side}.heat`).variants[b.heat.type].fields)) {
      const path = `boundaries.${side}.heat.${key}`;
      controls.push(numberControl(heat, app, path, { node: variantNumber(`boundaries.${side}.heat`, b.heat.type, key), label: key === 'value' ? (b.heat.type === 'flux' ? 'heat flux in' : 'wall T') : key }));
    }
    const mass = folder.addFolder('mass');
    for (const key of Object.keys(variantsOf(`boundaries.${side}.mass`).variants[b.mass.type].fields)) {
      const path = `boundaries.${side}.mass.${key}`;
      controls.push(numberControl(mass, app, path, { node: variantNumber(`boundaries.${side}.mass`, b.mass.type, key), label: 'reservoir c' }));
    }
    sub.heat = heat;
    sub.mass = mass;
  };
  return () => {
    const b = app.validated.scenario.boundaries[side];
    state.heat = b.heat.type;
    state.mass = b.mass.type;
    heatCtl.updateDisplay();
    massCtl.updateDisplay();
    rebuild();
    electric();
  };
}

export function scenarioFolders(gui: GUI, app: App): Refresh {
  const refreshers: Refresh[] = [];
  const bind = (c: BoundControl) => refreshers.push(c.refresh);

  const grid = gui.addFolder('Grid (changing it restarts)').close();
  bind(numberControl(grid, app, 'grid.nx', { onFinishOnly: true, label: 'cells along x' }));
  bind(numberControl(grid, app, 'grid.ny', { onFinishOnly: true, label: 'cells along y' }));
  bind(numberControl(grid, app, 'grid.width', { onFinishOnly: true, label: 'width' }));
  bind(numberControl(grid, app, 'grid.height', { onFinishOnly: true, label: 'height' }));

  const mix = gui.addFolder('Mixture');
  bind(numberControl(mix, app, 'mixture.soret', { label: 'Soret S_T' }));
  bind(numberControl(mix, app, 'mixture.D', { label: 'diffusivity D' }));
  bind(numberControl(mix, app, 'mixture.k', { label: 'conductivity k' }));
  bind(numberControl(mix, app, 'mixture.rho', { label: 'density ρ' }));
  bind(numberControl(mix, app, 'mixture.cp', { label: 'specific heat cp' }));
  bind(numberControl(mix, app, 'mixture.charge', { label: 'charge number z (species 1)' }));
  const molar = (i: 0 | 1) =>
    numberControl(mix, app, `mixture.molarMass.${i}`, {
      label: `molar mass M${i + 1}`,
      node: tupleItemNode('mixture.molarMass', i),
      // The schema gives no slider range for molar masses: 1 g/mol to 1 kg/mol, in decades.
      ui: { min: 0.001, max: 1, log: true },
      read: () => app.validated.scenario.mixture.molarMass[i],
      write: (v) => {
        const m = [...app.validated.scenario.mixture.molarMass];
        m[i] = v;
        return app.trySet('mixture.molarMass', m);
      },
    });
  bind(molar(0));
  bind(molar(1));
  refreshers.push(reactionControls(gui, app));

  const ref = gui.addFolder('Reference and start').close();
  bind(numberControl(ref, app, 'reference.T0', { label: 'reference T0' }));
  bind(numberControl(ref, app, 'reference.c0', { label: 'reference c0' }));
  bind(numberControl(ref, app, 'initial.T', { label: 'start T (after reset)', read: () => app.validated.scenario.initial?.T ?? app.validated.scenario.reference.T0 }));
  bind(numberControl(ref, app, 'initial.c', { label: 'start c (after reset)', read: () => app.validated.scenario.initial?.c ?? app.validated.scenario.reference.c0 }));

  const walls = gui.addFolder('Walls').close();
  for (const side of SIDES) refreshers.push(wallFolder(walls, app, side));

  // The scheme is chosen in the Simulation folder (auto, or fixed); here the step can be set by
  // hand (a number in time.dt), which the speed planner then leaves as it is.
  const time = gui.addFolder('Time stepping (advanced)').close();
  const t = { auto: true };
  const autoCtl = time
    .add(t, 'auto')
    .name('dt chosen automatically')
    .onChange((auto: boolean) => {
      const d = app.validated.derived;
      const running = app.backend.running;
      if (!auto && running.scenario.time.scheme !== app.validated.scenario.time.scheme) app.trySet('time.scheme', running.scenario.time.scheme);
      app.trySet('time.dt', auto ? 'auto' : Number(running.derived.dt.toPrecision(3)));
    });
  const dtNode = nodeAt(scenarioSchema, 'time.dt');
  const dtNum = dtNode?.kind === 'either' ? (dtNode.options.find((n) => n.kind === 'number') as NumberNode) : undefined;
  let dtCtl: BoundControl | undefined;
  const dtFolder = time;
  const buildDt = () => {
    dtCtl?.controller.destroy();
    const lim = app.validated.derived.dtLimit;
    dtCtl = numberControl(dtFolder, app, 'time.dt', {
      label: 'fixed dt',
      node: dtNum,
      ui: { min: lim / 100, max: lim * 10, log: true },
      read: () => app.backend.running.derived.dt,
    });
    dtCtl.controller.enable(app.validated.scenario.time.dt !== 'auto');
  };
  buildDt();
  bind(numberControl(time, app, 'time.safety', { label: 'safety factor', ui: { min: 0.05, max: 1, step: 0.01 } }));
  let lastLimit = app.validated.derived.dtLimit;
  refreshers.push(() => {
    const s = app.validated.scenario;
    t.auto = s.time.dt === 'auto';
    autoCtl.updateDisplay();
    if (app.validated.derived.dtLimit !== lastLimit) {
      lastLimit = app.validated.derived.dtLimit;
      buildDt();
    } else {
      dtCtl?.refresh();
      dtCtl?.controller.enable(s.time.dt !== 'auto');
    }
  });

  return () => {
    for (const r of refreshers) r();
  };
}
