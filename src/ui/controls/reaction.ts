/**
 * The optional reaction nu1 A <-> nu2 B (physics.md 9, scenario.md "Optional keys") in the scenario
 * panel: on/off, the stoichiometric coefficients nu as two integer controls, and kf, kb,
 * activationEnergy, enthalpy as schema-driven number controls (labels, units, ranges from the
 * schema). Every change is validated first; a refused one is shown naming its path and the controls
 * go back to the scenario's values (nothing is lost).
 *
 * Switching the reaction on restores the one switched off earlier in this page when it still
 * balances the mass with the current molar masses, else starts from `defaultReaction`.
 */
import type GUI from 'lil-gui';
import { massBalanced, reactionConstantsOf, relaxationRate, type ReactionSpec } from '../../physics/reaction';
import type { Problem } from '../../physics/schema';
import type { Validated } from '../../physics/validate';
import type { App } from '../app';
import { numberControl, tupleItemNode, type BoundControl } from './number';

const NU = 'reaction.nu';

/** The largest stoichiometric coefficient the schema allows (each of nu1, nu2). */
function nuMax(): number {
  return Math.min(tupleItemNode(NU, 0)?.max ?? 4, tupleItemNode(NU, 1)?.max ?? 4);
}

/**
 * The smallest coefficients [nu1, nu2] (least nu1 + nu2, each 1..nuMax) with nu1 M1 = nu2 M2
 * within 1e-6 relative (the validation's mass balance), or a problem naming reaction.nu when the
 * molar masses [kg/mol] are in no such ratio.
 */
export function balancedNu(M: readonly [number, number]): { nu: [number, number] } | { problem: Problem } {
  const max = nuMax();
  for (let sum = 2; sum <= 2 * max; sum++) {
    for (let nu1 = Math.max(1, sum - max); nu1 <= Math.min(max, sum - 1); nu1++) {
      const nu: [number, number] = [nu1, sum - nu1];
      if (massBalanced(nu, M)) return { nu };
    }
  }
  return {
    problem: {
      path: NU,
      message:
        `${NU}: no coefficients nu1, nu2 in 1..${max} balance the mass with mixture.molarMass [${M}] ` +
        `(nu1*M1 = nu2*M2 needs M2/M1 = nu1/nu2, a ratio of small integers; here M2/M1 = ${(M[1] / M[0]).toPrecision(6)}). ` +
        'Set the molar masses in such a ratio first (e.g. M2 = 2 M1 for 2 A <-> B).',
    },
  };
}

/** x to three significant digits (readable values in the controls and share links). */
const round3 = (x: number) => Number(x.toPrecision(3));

/**
 * A reaction to start from, consistent with the scenario: nu from `balancedNu`; no activation
 * energy or enthalpy (schema defaults: an isothermal, thermoneutral step the user then edits);
 * kb/kf such that the reference state (T0, c0, c0 kept within [0.01, 0.99]) is chemical
 * equilibrium (within the rounding of kf and kb to three digits, 0.1 % in K), so a uniform
 * reference state stays put; kf such that the reaction relaxes the reference state in the
 * domain's slowest diffusive time tauSlow (Damkoehler number 1: visible, not stiff).
 */
export function defaultReaction(v: Validated): { reaction: ReactionSpec } | { problem: Problem } {
  const s = v.scenario;
  const m = s.mixture;
  const b = balancedNu(m.molarMass);
  if ('problem' in b) return b;
  const [nu1, nu2] = b.nu;
  const c0 = Math.min(0.99, Math.max(0.01, s.reference.c0));
  const A0 = (m.rho * c0) / m.molarMass[0]; // [mol m^-3]
  const B0 = (m.rho * (1 - c0)) / m.molarMass[1];
  const kbPerKf = A0 ** nu1 / B0 ** nu2;
  const unit: ReactionSpec = { nu: b.nu, kf: 1, kb: kbPerKf, activationEnergy: 0, enthalpy: 0 };
  const k = reactionConstantsOf({ ...s, reaction: unit });
  const ratePerKf = k ? relaxationRate(k, s.reference.T0, c0) : 0; // [1/s] at kf = 1
  const kf = round3(1 / (v.derived.tauSlow * ratePerKf));
  return { reaction: { ...unit, kf, kb: round3(kf * kbPerKf) } };
}

/**
 * Adds a reaction to the app's scenario: `previous` where it still balances the mass, else the
 * default. Returns whether it applied; a refusal is shown (event 'error') and nothing changes.
 */
export function enableReaction(app: App, previous?: ReactionSpec): boolean {
  const s = app.validated.scenario;
  if (s.reaction) return true;
  let reaction = previous && massBalanced(previous.nu, s.mixture.molarMass) ? previous : undefined;
  if (!reaction) {
    const d = defaultReaction(app.validated);
    if ('problem' in d) {
      app.events.emit('error', { title: 'Not applied: reaction', problems: [d.problem] });
      return false;
    }
    reaction = d.reaction;
  }
  return app.tryApply({ ...structuredClone(s), reaction }, 'reaction');
}

/** Removes the reaction; returns the removed block (to restore later), or undefined if none or refused. */
export function disableReaction(app: App): ReactionSpec | undefined {
  const { reaction, ...rest } = structuredClone(app.validated.scenario);
  if (!reaction) return undefined;
  return app.tryApply(rest, 'reaction') ? reaction : undefined;
}

/**
 * Sets nu_{i+1} (rounded to an integer). The other coefficient is kept where the mass still
 * balances, else it follows to the integer that balances it (2 A <-> B, nu1 = 4: 4 A <-> 2 B);
 * where none does, the edit is refused by validation naming reaction.nu. Returns whether it applied.
 */
export function setNu(app: App, i: 0 | 1, value: number): boolean {
  const s = app.validated.scenario;
  if (!s.reaction) return false;
  const M = s.mixture.molarMass;
  const j = i === 0 ? 1 : 0;
  const nu: [number, number] = [...s.reaction.nu];
  nu[i] = Math.round(value);
  if (!massBalanced(nu, M)) {
    const follow: [number, number] = [...nu];
    follow[j] = Math.round((nu[i] * M[i]) / M[j]);
    if (follow[j] >= 1 && follow[j] <= nuMax() && massBalanced(follow, M)) nu[j] = follow[j];
  }
  return app.trySet(NU, nu);
}

const RATES: readonly { key: 'kf' | 'kb' | 'activationEnergy' | 'enthalpy'; label: string }[] = [
  { key: 'kf', label: 'forward rate kf' },
  { key: 'kb', label: 'backward rate kb' },
  { key: 'activationEnergy', label: 'activation energy Ea' },
  { key: 'enthalpy', label: 'reaction enthalpy ΔH' },
];

/** Adds the "Reaction" folder to `parent`; returns its refresh (follows the scenario). */
export function reactionControls(parent: GUI, app: App): () => void {
  const f = parent.addFolder('Reaction').close();
  const state = { on: false };
  let removed: ReactionSpec | undefined;
  const onCtl = f
    .add(state, 'on')
    .name('reaction ν1 A ⇌ ν2 B')
    .onChange((on: boolean) => {
      if (on) enableReaction(app, removed);
      else removed = disableReaction(app) ?? removed;
      refresh();
    });
  onCtl.domElement.dataset.testid = 'reaction';
  let controls: BoundControl[] = [];
  const build = (): BoundControl[] => {
    const nu = ([0, 1] as const).map((i) => {
      const node = tupleItemNode(NU, i);
      return numberControl(f, app, `${NU}.${i}`, {
        label: `ν${i + 1} (moles of species ${i + 1})`,
        node,
        ui: { min: node?.min ?? 1, max: node?.max ?? 4, step: 1 },
        read: () => app.validated.scenario.reaction?.nu[i],
        write: (v) => setNu(app, i, v),
      });
    });
    return [...nu, ...RATES.map(({ key, label }) => numberControl(f, app, `reaction.${key}`, { label }))];
  };
  const refresh = () => {
    const on = app.validated.scenario.reaction !== undefined;
    state.on = on;
    onCtl.updateDisplay();
    if (on && controls.length === 0) controls = build();
    else if (!on) {
      for (const c of controls) c.controller.destroy();
      controls = [];
    }
    for (const c of controls) c.refresh();
  };
  refresh();
  return refresh;
}
