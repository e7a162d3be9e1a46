/**
 * The Onsager panel: the matrix L11, L1q, Lq1, Lqq at the reference state (live), reciprocity
 * (locked by default: D_F = D_T), the second-law margin k_eff/k (symmetric coupling, derived.ts) with
 * a warning as it nears 0,
 * and the explicit "unphysical" switch that unlocks the Dufour coefficient separately and lets
 * S_T cross the bound (negative sigma is then drawn in its own colour).
 */
import type GUI from 'lil-gui';
import type { Validated } from '../physics/validate';
import { fmt } from '../view/format';
import type { App } from './app';
import { numberControl } from './controls/number';
import { curieMatrixHtml } from './curie-matrix';
import { measurementHtml, onsagerExperiment } from './onsager-experiment';

/** Margin below which the panel warns that the second-law bound is near. */
const NEAR_BOUND = 0.1;

export function onsagerFolder(gui: GUI, app: App): () => void {
  const folder = gui.addFolder('Onsager coupling and the second law');
  const box = document.createElement('div');
  box.className = 'onsager-matrix';
  box.dataset.testid = 'onsager-matrix';
  (folder as unknown as { $children: HTMLElement }).$children.append(box);
  // Curie's principle: the full matrix with the reaction (curie-matrix.ts).
  const curie = document.createElement('div');
  curie.className = 'onsager-matrix curie';
  curie.dataset.testid = 'curie-panel';
  (folder as unknown as { $children: HTMLElement }).$children.append(curie);
  // Measuring Onsager (physics.md 10): the button and onsager.measureOnsager() show their result here.
  const measureCtl = folder.add({ measure: () => onsagerExperiment.run(app.validated) }, 'measure').name('measure L1q and Lq1 (two virtual experiments)');
  measureCtl.domElement.dataset.testid = 'measure-onsager';
  const measured = document.createElement('div');
  measured.className = 'onsager-matrix measured';
  (folder as unknown as { $children: HTMLElement }).$children.append(measured);
  let measuredMixture = '';
  onsagerExperiment.subscribe((r) => {
    measuredMixture = JSON.stringify(app.validated.scenario.mixture);
    measured.innerHTML = measurementHtml(r);
  });

  const state = { unphysical: app.validated.scenario.allowUnphysical, reciprocal: app.validated.scenario.mixture.dufour === 'reciprocal' };
  const unCtl = folder
    .add(state, 'unphysical')
    .name('allow unphysical (break the 2nd law)')
    .onChange((on: boolean) => {
      if (on) {
        if (!app.trySet('allowUnphysical', true)) refresh();
      } else {
        // Back to physics: reciprocity restored first, then the switch (refused if S_T is past the bound).
        const s = structuredClone(app.validated.scenario);
        s.mixture.dufour = 'reciprocal';
        s.allowUnphysical = false;
        if (!app.tryApply(s, 'allowUnphysical')) refresh();
      }
    });
  unCtl.domElement.dataset.testid = 'allowUnphysical';
  const recCtl = folder
    .add(state, 'reciprocal')
    .name('reciprocity lock (D_F = D_T)')
    .onChange((locked: boolean) => {
      const m = app.validated.derived.material;
      if (!app.trySet('mixture.dufour', locked ? 'reciprocal' : m.DT)) refresh();
    });
  recCtl.domElement.dataset.testid = 'reciprocity';
  const range = () => {
    const dt = Math.abs(app.validated.derived.material.DT);
    const r = dt > 0 ? 20 * dt : 1e-10;
    return { min: -r, max: r };
  };
  let df = numberControl(folder, app, 'mixture.dufour', {
    label: 'Dufour D_F',
    node: undefined,
    ui: range(),
    read: () => app.validated.derived.material.DF,
  });

  const render = (v: Validated) => {
    const d = v.derived;
    const L = d.onsager;
    const dl = d.dimensionless;
    const margin = Math.min(dl.margin, dl.marginMin);
    box.classList.toggle('near', margin < NEAR_BOUND && margin >= 0);
    box.classList.toggle('broken', margin < 0 || !d.secondLaw.ok);
    const warn =
      margin < 0 || !d.secondLaw.ok
        ? `<div class="onsager-bad">Second law broken: L11·Lqq &lt; L1q·Lq1. Entropy is destroyed somewhere (σ &lt; 0, drawn in cyan).</div>`
        : margin < NEAR_BOUND
          ? `<div class="onsager-warning">Near the second-law bound: the coupling is almost as strong as it may be.</div>`
          : '';
    const rec = d.reciprocal ? 'L1q = Lq1 (Onsager reciprocity)' : `<span class="onsager-bad">L1q ≠ Lq1: reciprocity broken</span>`;
    box.innerHTML =
      `<table aria-label="Onsager matrix at the reference state">` +
      `<tr><td>L11 = ${fmt(L.L11)}</td><td>L1q = ${fmt(L.L1q)}</td></tr>` +
      `<tr><td>Lq1 = ${fmt(L.Lq1)}</td><td>Lqq = ${fmt(L.Lqq)}</td></tr></table>` +
      `<div>units: L11 kg K s/m³; L1q, Lq1 kg K/(m s); Lqq W K/m</div>` +
      `<div>${rec}</div>` +
      `<div>Le = ${fmt(dl.Le)}, Sr = ${fmt(dl.Sr)}, Du = ${fmt(dl.Du)}</div>` +
      `<div>margin k_eff/k = 1 − Du·Sr = <b data-testid="margin">${fmt(dl.margin, 4)}</b> at the reference state, lowest ${fmt(dl.marginMin, 4)} over the states this scenario reaches (≥ 0: the second law holds)</div>` +
      `<div>the share of the conductivity left when no mass flows; it uses the symmetric coupling (D_T + D_F)/2 (σ sees only that part of L), so ${d.reciprocal ? 'under reciprocity it is 1 − Du·Sr' : 'D_F ≠ D_T breaks reciprocity, and only (D_T + D_F)/2 can break the second law'}; |S_T| ≤ ${fmt(d.secondLaw.maxSoret)} 1/K allowed</div>` +
      `<div class="margin-bar" role="meter" aria-label="second-law margin" aria-valuemin="0" aria-valuemax="1" aria-valuenow="${Math.max(0, Math.min(1, margin))}"><div style="width:${Math.max(0, Math.min(1, margin)) * 100}%"></div></div>` +
      `<div>k_eff = ${fmt(d.keff)} W/(m K) (k = ${fmt(d.material.k)})</div>` +
      warn;
    curie.innerHTML = curieMatrixHtml(v);
    // A measurement describes the mixture it was made on.
    if (measuredMixture && measuredMixture !== JSON.stringify(v.scenario.mixture)) {
      measuredMixture = '';
      measured.innerHTML = '';
    }
  };
  let lastDT = app.validated.derived.material.DT;
  const refresh = () => {
    const v = app.validated;
    state.unphysical = v.scenario.allowUnphysical;
    state.reciprocal = v.scenario.mixture.dufour === 'reciprocal';
    unCtl.updateDisplay();
    recCtl.updateDisplay();
    recCtl.enable(state.unphysical);
    if (v.derived.material.DT !== lastDT) {
      lastDT = v.derived.material.DT;
      df.controller.destroy();
      df = numberControl(folder, app, 'mixture.dufour', { label: 'Dufour D_F', ui: range(), read: () => app.validated.derived.material.DF });
    }
    df.refresh();
    df.controller.enable(state.unphysical && !state.reciprocal);
    render(v);
  };
  refresh();
  return refresh;
}
