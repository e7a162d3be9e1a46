/**
 * The control panel (lil-gui): simulation (play, step, reset, speed, readback), presets, view
 * (layout, colormaps, ranges, flux arrows, 3D surface), the Onsager panel, every scenario
 * parameter, brushes, and sharing/export. Settings live in `App.settings`; scenario values in the
 * scenario (never in lil-gui's save(), whose keys are display labels).
 */
import GUI from 'lil-gui';
import { PRESET_IDS, presetFile } from '../physics/presets';
import { extraFieldsOf, type FieldName } from '../physics/simulation';
import { COLORMAP_NAMES } from '../view/colormaps';
import { VIEW_MODES, type PaneField } from '../view/layout';
import { ionViewControls } from './controls/ion-view';
import { problemsOf, type App } from './app';
import { numberControl, type BoundControl } from './controls/number';
import type { Exporter } from './exports';
import type { Messages } from './messages';
import { expectedRanges } from './expected-range';
import { onsagerFolder } from './onsager-panel';
import { scenarioFolders } from './scenario-panel';
import { PLOT_IDS, RANGE_MODES, type BrushKind, type PageSettings, type PlotId } from './settings';
import { defaultSpeed, type SpeedController } from './speed';

const FIELD_LABEL: Record<PaneField, string> = { T: 'T', c: 'c', sigma: 'σ', phi: 'φ' };

function tag<T extends { domElement: HTMLElement }>(c: T, id: string): T {
  c.domElement.dataset.testid = id;
  return c;
}

function presetNames(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of PRESET_IDS) {
    const f = presetFile(id) as { name?: string };
    out[f.name ?? id] = id;
  }
  return out;
}

function simulationFolder(gui: GUI, app: App, speed: SpeedController, messages: Messages): () => void {
  const f = gui.addFolder('Simulation');
  const s = app.settings;
  const stepsPerPress = () => (s.stepsPerFrame > 0 ? s.stepsPerFrame : speed.stepsPerPress());
  const solve = { residual: 'not run yet' };
  const actions = {
    playPause: () => app.toggle(),
    step: () => void app.step(stepsPerPress()),
    reset: () => app.reset(),
    jump: () => {
      solve.residual = 'solving...';
      residualCtl.updateDisplay();
      app
        .jump()
        .then((r) => {
          // A jump that did not converge is no steady state (issue 8): say so plainly.
          if (!r.converged) {
            messages.show('The steady-state jump did not converge', [
              { path: '', message: `relative residual ${r.relative.toExponential(1)} after ${r.iterations} iterations: the fields shown are not a steady state; reset, or step in time instead` },
            ]);
          }
        })
        .catch((e: unknown) => {
          solve.residual = 'no steady state';
          residualCtl.updateDisplay();
          messages.show('No steady-state jump for this scenario', problemsOf(e));
        });
    },
  };
  const play = tag(f.add(actions, 'playPause').name('play / pause (space)'), 'play');
  tag(f.add(actions, 'step').name('step one frame (s)'), 'step');
  tag(f.add(actions, 'reset').name('reset to t = 0 (r)'), 'reset');
  // Speed in simulated seconds per wall second, on a log slider spanning 7 decades around the
  // scenario's default (the slowest relaxation in about ten wall seconds); rebuilt on load.
  const speedHost = f.addFolder('speed').open();
  speedHost.domElement.classList.add('inline-folder');
  let speedCtl: BoundControl | undefined;
  const buildSpeed = () => {
    speedCtl?.controller.destroy();
    const centre = defaultSpeed(app.validated);
    speedCtl = numberControl(speedHost, app, 'speed', {
      label: 'sim s per wall s',
      ui: { min: centre * 1e-4, max: centre * 1e3, log: true },
      read: () => app.settings.speed,
      write: (v) => {
        if (!(v > 0) || !Number.isFinite(v)) return false;
        app.updateSettings({ speed: Number(v.toPrecision(3)) });
        return true;
      },
    });
    tag(speedCtl.controller, 'speed');
  };
  buildSpeed();
  const modes = { auto: 'auto', 'forward Euler': 'euler', 'RKL2 super-steps': 'rkl2', 'implicit (multigrid)': 'implicit' };
  tag(
    f
      .add(s, 'schemeMode', modes)
      .name('time scheme')
      .onChange((m: PageSettings['schemeMode']) => app.updateSettings({ schemeMode: m })),
    'schemeMode',
  );
  tag(f.add(actions, 'jump').name('jump to steady state'), 'jump');
  const residualCtl = tag(f.add(solve, 'residual').name('steady-state residual').disable(), 'residual');
  tag(
    f
      .add(s, 'readbackHz', { 'off (on demand)': 0, '1 per second': 1, '2 per second': 2, '4 per second': 4, '10 per second': 10, '30 per second': 30 })
      .name('readback cadence')
      .onChange(() => app.updateSettings({})),
    'readbackHz',
  );
  tag(f.add(s, 'fieldReadback').name('read σ map and fields back').onChange(() => app.updateSettings({})), 'fieldReadback');
  app.events.on('scenario', ({ loaded }) => {
    if (!loaded) return;
    buildSpeed();
    solve.residual = 'not run yet';
    residualCtl.updateDisplay();
  });
  app.events.on('solve', (r) => {
    solve.residual = `${r.relative.toExponential(1)} relative, ${r.iterations} iteration${r.iterations === 1 ? '' : 's'}${r.converged ? '' : r.stalled ? ' (float32 floor)' : ' (not converged)'}`;
    residualCtl.updateDisplay();
  });
  return () => {
    play.name(app.settings.playing ? 'pause (space)' : 'play (space)');
    speedCtl?.refresh();
  };
}

function viewFolder(gui: GUI, app: App): () => void {
  const f = gui.addFolder('View');
  const s = app.settings;
  const changed = () => app.updateSettings({});
  tag(f.add(s, 'view', VIEW_MODES).name('show').onChange(changed), 'view');
  tag(f.add(s, 'surfaceField', { 'temperature T': 'T', 'concentration c': 'c', 'entropy production σ': 'sigma' }).name('3D surface field').onChange(changed), 'surfaceField');
  tag(f.add(s, 'surfaceHeight', 0, 2, 0.01).name('3D surface height').onChange(changed), 'surfaceHeight');
  tag(f.add(s, 'sigmaView', { 'σ total': 'total', 'σ heat part k_eff|∇T|²/T²': 'heat', 'σ mass part μ_c|J₁|²/(ρDT)': 'mass', 'σ chemical part R r ln(r_f/r_b)': 'chemical' }).name('σ pane shows').onChange(changed), 'sigmaView');
  tag(f.add(s, 'flux', { none: 'none', 'J1 = Fick (white) + Soret (black)': 'J1', "Jq' = Fourier (white) + Dufour (black)": 'Jq' }).name('flux arrows').onChange(changed), 'flux');
  ionViewControls(f, s, changed, tag);
  const actions = {
    fixToSteady: () => {
      const r = expectedRanges(app.validated, app.latest?.stats);
      if (!r) {
        app.events.emit('error', { title: 'No steady state to take the ranges from', problems: [{ path: '', message: 'this scenario has no steady state (heat enters and nothing fixes a temperature, or obstacles split a closed cell)' }] });
        return;
      }
      for (const f of ['T', 'c'] as const) s.range[f] = { mode: 'fixed', min: r[f].lo, max: r[f].hi };
      changed();
    },
  };
  tag(f.add(actions, 'fixToSteady').name('fix T, c ranges to now ∪ steady state'), 'fixToSteady');
  const refreshers: (() => void)[] = [];
  for (const field of ['T', 'c', 'sigma', 'phi'] as const) {
    const r = f.addFolder(`colours of ${FIELD_LABEL[field]}`).close();
    tag(r.add(s.colormap, field, [...COLORMAP_NAMES]).name('colormap').onChange(changed), `colormap.${field}`);
    const range = s.range[field];
    const modes = field === 'sigma' ? RANGE_MODES : Object.fromEntries(Object.entries(RANGE_MODES).filter(([, m]) => m !== 'log'));
    tag(r.add(range, 'mode', modes).name('range').onChange(changed), `range.${field}.mode`);
    const unit = field === 'T' ? ' [K]' : field === 'sigma' ? ' [W/(K m³)]' : field === 'phi' ? ' [V]' : '';
    const lo = tag(r.add(range, 'min').name(`fixed min${unit}`).onFinishChange(changed), `range.${field}.min`);
    const hi = tag(r.add(range, 'max').name(`fixed max${unit}`).onFinishChange(changed), `range.${field}.max`);
    refreshers.push(() => {
      lo.enable(range.mode === 'fixed');
      hi.enable(range.mode === 'fixed');
      lo.updateDisplay();
      hi.updateDisplay();
    });
  }
  return () => refreshers.forEach((r) => r());
}

function brushFolder(gui: GUI, app: App): void {
  const f = gui.addFolder('Brushes (paint on the field)').close();
  const s = app.settings;
  const kinds: Record<string, BrushKind> = {
    'off (probe only)': 'none',
    'heat (T ≥ T0 + ΔT)': 'heat',
    'cold (T ≤ T0 − ΔT)': 'cold',
    'solute (c ≥ c_brush)': 'solute',
    'solvent (c ≤ 1 − c_brush)': 'solvent',
    'insulating wall (solid)': 'wall',
  };
  tag(f.add(s, 'brush', kinds).name('brush'), 'brush');
  tag(f.add(s, 'brushRadius', 1, 40, 1).name('radius [cells]'), 'brushRadius');
  tag(f.add(s, 'brushKelvin', 0.1, 100, 0.1).name('ΔT [K]'), 'brushKelvin');
  tag(f.add(s, 'brushFraction', 0.5, 0.999, 0.001).name('c_brush [-]'), 'brushFraction');
  const actions = { clearWalls: () => app.trySet('obstacles', []) };
  tag(f.add(actions, 'clearWalls').name('clear walls (obstacles)'), 'clearWalls');
}

function profileFolder(gui: GUI, app: App): void {
  const f = gui.addFolder('Plots').close();
  const s = app.settings;
  const changed = () => app.updateSettings({});
  tag(f.add(s, 'profileField', { 'temperature T': 'T', 'concentration c': 'c', 'entropy production σ': 'sigma' }).name('field').onChange(changed), 'profileField');
  tag(f.add(s, 'profileAxis', { 'along x (a row)': 'x', 'along y (a column)': 'y' }).name('line').onChange(changed), 'profileAxis');
  tag(f.add(s, 'profileAt', 0, 1, 0.01).name('at (fraction across)').onChange(changed), 'profileAt');
  tag(f.add(s, 'entropyAxis', { linear: 'linear', 'log₁₀': 'log', 'follow the recent half': 'recent' }).name('S(t) axis').onChange(changed), 'entropyAxis');
  const shown = {} as Record<PlotId, boolean>;
  const labels: Record<PlotId, string> = { entropy: 'plot S(t)', separation: 'plot Δc(t)', totals: 'plot conservation', profile: 'plot profile' };
  for (const id of PLOT_IDS) {
    Object.defineProperty(shown, id, {
      get: () => s.plots.includes(id),
      set: (on: boolean) => app.updateSettings({ plots: PLOT_IDS.filter((p) => (p === id ? on : s.plots.includes(p))) }),
    });
    tag(f.add(shown, id).name(labels[id]), `plots.${id}`);
  }
}

function shareFolder(gui: GUI, app: App, exporter: Exporter, messages: Messages): void {
  const f = gui.addFolder('Share and export');
  const file = document.createElement('input');
  file.type = 'file';
  file.accept = '.json,application/json';
  file.hidden = true;
  file.setAttribute('aria-label', 'scenario file to import');
  file.dataset.testid = 'import-file';
  file.onchange = () => {
    const chosen = file.files?.[0];
    if (chosen) void exporter.importFile(chosen);
    file.value = '';
  };
  document.body.append(file);
  const actions = {
    copyLink: async () => {
      const link = await exporter.link();
      try {
        await navigator.clipboard.writeText(link);
        messages.show('Link copied: it holds the whole scenario', [], 'warning');
      } catch {
        messages.show('The link is in the address bar (the clipboard was not available)', [], 'warning');
      }
    },
    exportJson: () => exporter.downloadScenario(),
    importJson: () => file.click(),
    png: () => void exporter.downloadPng(),
    npyT: () => void exporter.downloadNpy('T'),
    npyC: () => void exporter.downloadNpy('c'),
    npySigma: () => void exporter.downloadNpy('sigma'),
    npyPhi: () => void exporter.downloadNpy('phi'),
    npyAffinity: () => void exporter.downloadNpy('affinity'),
    csv: () => void exporter.downloadCsv(),
  };
  tag(f.add(actions, 'copyLink').name('copy share link'), 'copyLink');
  tag(f.add(actions, 'exportJson').name('export scenario JSON'), 'exportJson');
  tag(f.add(actions, 'importJson').name('import scenario JSON…'), 'importJson');
  tag(f.add(actions, 'png').name('PNG snapshot'), 'png');
  tag(f.add(actions, 'npyT').name('T as .npy'), 'npyT');
  tag(f.add(actions, 'npyC').name('c as .npy'), 'npyC');
  tag(f.add(actions, 'npySigma').name('σ as .npy'), 'npySigma');
  // The potential and the affinity only where the scenario has them (extraFieldsOf).
  const npyPhi = tag(f.add(actions, 'npyPhi').name('φ as .npy'), 'npyPhi');
  const npyAffinity = tag(f.add(actions, 'npyAffinity').name('affinity A as .npy'), 'npyAffinity');
  tag(f.add(actions, 'csv').name('all fields as CSV'), 'csv');
  const showExtra = () => {
    const extra = extraFieldsOf(app.validated);
    npyPhi.show(extra.includes('phi'));
    npyAffinity.show(extra.includes('affinity'));
  };
  app.events.on('scenario', showExtra);
  showExtra();
}

export function buildPanels(app: App, host: HTMLElement, exporter: Exporter, messages: Messages, speed: SpeedController): GUI {
  const gui = new GUI({ container: host, title: 'Onsager Lab controls', width: 340 });
  const refreshSim = simulationFolder(gui, app, speed, messages);
  const presets = { preset: app.validated.scenario.name };
  const names = presetNames();
  const presetCtl = tag(
    gui
      .add(presets, 'preset', names)
      .name('preset')
      .onChange((id: string) => app.tryLoad(id, `Preset ${id}`)),
    'preset',
  );
  const refreshView = viewFolder(gui, app);
  const refreshOnsager = onsagerFolder(gui, app);
  const refreshScenario = scenarioFolders(gui, app);
  profileFolder(gui, app);
  brushFolder(gui, app);
  shareFolder(gui, app, exporter, messages);
  const ids = Object.values(names);
  const syncPreset = () => {
    const name = app.validated.scenario.name;
    const id = ids.find((i) => (presetFile(i) as { name?: string }).name === name);
    presets.preset = id ?? presets.preset;
    presetCtl.updateDisplay();
  };
  app.events.on('scenario', () => {
    refreshOnsager();
    refreshScenario();
    syncPreset();
  });
  app.events.on('settings', () => {
    refreshSim();
    refreshView();
    // Settings may change from the API or the keyboard: show them (scenario controls excluded,
    // they follow the scenario events).
    for (const c of gui.controllersRecursive()) {
      const id = c.domElement.dataset.testid ?? '';
      if (c.object === app.settings || Object.values(app.settings).includes(c.object as never) || id.startsWith('range.') || id.startsWith('colormap.') || id.startsWith('plots.')) c.updateDisplay();
    }
  });
  syncPreset();
  refreshSim();
  refreshView();
  return gui;
}
