/**
 * The reaction controls of the scenario panel and share links with a reaction (issue 11, Build 1,
 * the UI half): defaults consistent with the molar masses, refusals naming the path with nothing
 * lost, and links that carry (or refuse) the reaction block. Driven in Node with a stand-in for
 * lil-gui (test/helpers/fake-gui.ts) and a backend that only records the scenario it is given.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { presetFile } from '../../src/physics/presets';
import { reactionConstantsOf, reactionRates, relaxationRate } from '../../src/physics/reaction';
import type { Problem } from '../../src/physics/schema';
import { parseScenario, type Validated } from '../../src/physics/validate';
import { App } from '../../src/ui/app';
import type { PageBackend } from '../../src/ui/backend';
import { balancedNu, defaultReaction, disableReaction, enableReaction, reactionControls, setNu } from '../../src/ui/controls/reaction';
import { decodeScenario, encodeScenario } from '../../src/ui/url-state';
import { FakeGui, installFakeDocument } from '../helpers/fake-gui';
import { exampleScenario } from '../helpers/scenarios';

/** A backend that runs nothing: it keeps the scenario the app gives it. */
function recordingBackend(v: Validated): PageBackend {
  const b = { kind: 'cpu', adapter: 'none (test)', running: v, simTime: 0, steps: 0, passes: 1 } as { running: Validated } & Record<string, unknown>;
  b.setScenario = (u: Validated) => (b.running = u);
  b.reset = () => undefined;
  return b as unknown as PageBackend;
}

function appWith(raw: unknown): { app: App; errors: { title: string; problems: Problem[] }[] } {
  const v = parseScenario(raw);
  const app = new App(recordingBackend(v), v);
  const errors: { title: string; problems: Problem[] }[] = [];
  app.events.on('error', (e) => errors.push(e));
  return { app, errors };
}

/** The no2-box preset without its reaction (molar masses 46 and 92 g/mol). */
function no2WithoutReaction(): Record<string, unknown> {
  const { reaction: _, ...rest } = presetFile('no2-box') as Record<string, unknown>;
  return rest;
}

describe('a reaction to start from (defaultReaction, balancedNu)', () => {
  it('chooses the smallest nu with nu1 M1 = nu2 M2, or refuses naming reaction.nu', () => {
    expect(balancedNu([0.046, 0.092])).toEqual({ nu: [2, 1] });
    expect(balancedNu([0.039, 0.039])).toEqual({ nu: [1, 1] });
    expect(balancedNu([0.03, 0.02])).toEqual({ nu: [2, 3] });
    const r = balancedNu([0.134, 0.17]);
    expect('problem' in r && r.problem.path).toBe('reaction.nu');
    expect('problem' in r && r.problem.message).toMatch(/reaction\.nu: no coefficients nu1, nu2 in 1\.\.4 balance the mass with mixture\.molarMass \[0\.134,0\.17\].*M2\/M1 = 1\.26866/);
  });

  it('puts the reference state at chemical equilibrium and relaxes it in the slowest diffusive time', () => {
    const v = parseScenario(no2WithoutReaction());
    const d = defaultReaction(v);
    if ('problem' in d) throw new Error(d.problem.message);
    expect(d.reaction.nu).toEqual([2, 1]);
    const s = { ...v.scenario, reaction: d.reaction };
    const k = reactionConstantsOf(s)!;
    const { T0, c0 } = s.reference;
    // ln(rf/rb) = 0 at (T0, c0) but for the three-digit rounding of kf and kb.
    expect(Math.abs(reactionRates(k, T0, c0).logRatio)).toBeLessThan(2e-3);
    expect(relaxationRate(k, T0, c0) * v.derived.tauSlow).toBeCloseTo(1, 2);
    expect(() => parseScenario(s)).not.toThrow();
  });
});

describe('switching the reaction on and off, editing it', () => {
  it('adds the default, removes it, and restores an edited one when switched on again', () => {
    const { app, errors } = appWith(no2WithoutReaction());
    expect(enableReaction(app)).toBe(true);
    expect(app.validated.scenario.reaction?.nu).toEqual([2, 1]);
    expect(app.trySet('reaction.kf', 7e-4)).toBe(true);
    const removed = disableReaction(app);
    expect(app.validated.scenario.reaction).toBeUndefined();
    expect(app.backend.running.scenario.reaction).toBeUndefined();
    expect(enableReaction(app, removed)).toBe(true);
    expect(app.validated.scenario.reaction?.kf).toBe(7e-4);
    expect(errors).toEqual([]);
  });

  it('refuses a reaction where the molar masses are in no small integer ratio, naming reaction.nu, changing nothing', () => {
    const { app, errors } = appWith(exampleScenario());
    const before = app.validated;
    expect(enableReaction(app)).toBe(false);
    expect(app.validated).toBe(before);
    expect(errors).toHaveLength(1);
    expect(errors[0].title).toBe('Not applied: reaction');
    expect(errors[0].problems[0].path).toBe('reaction.nu');
  });

  it('a nu edit takes the other coefficient along where that balances the mass', () => {
    const { app, errors } = appWith(presetFile('no2-box'));
    expect(setNu(app, 0, 4)).toBe(true);
    expect(app.validated.scenario.reaction?.nu).toEqual([4, 2]);
    expect(setNu(app, 1, 1)).toBe(true);
    expect(app.validated.scenario.reaction?.nu).toEqual([2, 1]);
    expect(setNu(app, 1, 3)).toBe(false); // nu1 = 6 is beyond the schema's 4
    expect(app.validated.scenario.reaction?.nu).toEqual([2, 1]);
    expect(errors[0].problems[0].message).toMatch(/reaction\.nu: \[2,3\] breaks the mass balance/);
  });

  it('refuses a bad value naming the path, the value and the range; the scenario keeps its reaction', () => {
    const { app, errors } = appWith(presetFile('no2-box'));
    const before = app.validated.scenario.reaction;
    expect(app.trySet('reaction.kf', -1)).toBe(false);
    expect(setNu(app, 0, 3)).toBe(false);
    expect(app.validated.scenario.reaction).toEqual(before);
    expect(errors.map((e) => e.title)).toEqual(['Not applied: reaction.kf', 'Not applied: reaction.nu']);
    expect(errors[0].problems[0].message).toMatch(/reaction\.kf: -1 must be .*> 0/);
    expect(errors[1].problems[0].message).toMatch(/reaction\.nu: \[3,1\] breaks the mass balance with mixture\.molarMass \[0\.046,0\.092\]/);
  });
});

describe('the Reaction folder (lil-gui stand-in)', () => {
  beforeAll(installFakeDocument);

  it('shows the switch and, with a reaction, nu and the four constants with schema labels and units', () => {
    const { app } = appWith(no2WithoutReaction());
    const gui = new FakeGui();
    const refresh = reactionControls(gui.asGui(), app);
    app.events.on('scenario', refresh);
    const f = gui.folders[0];
    expect(f.title).toBe('Reaction');
    const on = f.byTestId('reaction');
    expect(on.getValue()).toBe(false);
    expect(f.live()).toHaveLength(1);

    on.setValue(true);
    expect(app.validated.scenario.reaction?.nu).toEqual([2, 1]);
    const ids = f.live().map((c) => c.domElement.dataset.testid);
    expect(ids).toEqual(['reaction', 'reaction.nu.0', 'reaction.nu.1', 'reaction.kf', 'reaction.kb', 'reaction.activationEnergy', 'reaction.enthalpy']);
    expect(f.byTestId('reaction.kf').label).toMatch(/^forward rate kf \[/);
    expect(f.byTestId('reaction.enthalpy').label).toBe('reaction enthalpy ΔH [J/mol]');
    expect(f.byTestId('reaction.nu.0').args.slice(0, 3)).toEqual([1, 4, 1]); // integer slider from the schema
    expect(f.byTestId('reaction.kf').domElement.title).toMatch(/^reaction\.kf: forward rate constant/);

    on.setValue(false);
    expect(app.validated.scenario.reaction).toBeUndefined();
    expect(f.live()).toHaveLength(1);
  });

  it('applies an edit, and a refused value shows the message and the control returns to the scenario value', () => {
    const { app, errors } = appWith(presetFile('no2-box'));
    const gui = new FakeGui();
    const refresh = reactionControls(gui.asGui(), app);
    app.events.on('scenario', refresh);
    const f = gui.folders[0];
    const kf = f.byTestId('reaction.kf');
    kf.setValue(Math.log10(2e-3)); // the log slider moves in decades
    expect(app.validated.scenario.reaction?.kf).toBeCloseTo(2e-3, 12);

    kf.type('-5');
    expect(errors.at(-1)?.title).toBe('Not applied: reaction.kf');
    expect(errors.at(-1)?.problems[0].path).toBe('reaction.kf');
    expect(app.validated.scenario.reaction?.kf).toBeCloseTo(2e-3, 12);
    expect(Number(kf.$input.value)).toBeCloseTo(2e-3, 12);

    const nu1 = f.byTestId('reaction.nu.0');
    nu1.setValue(3);
    expect(errors.at(-1)?.problems[0].path).toBe('reaction.nu');
    expect(app.validated.scenario.reaction?.nu).toEqual([2, 1]);
    expect(nu1.getValue()).toBe(2);

    // Switching off and on again restores the edited reaction (nothing lost).
    const on = f.byTestId('reaction');
    on.setValue(false);
    on.setValue(true);
    expect(app.validated.scenario.reaction?.kf).toBeCloseTo(2e-3, 12);
  });

  it('a switch refused (no balanced nu) goes back off', () => {
    const { app, errors } = appWith(exampleScenario());
    const gui = new FakeGui();
    reactionControls(gui.asGui(), app);
    const on = gui.folders[0].byTestId('reaction');
    on.setValue(true);
    expect(on.getValue()).toBe(false);
    expect(app.validated.scenario.reaction).toBeUndefined();
    expect(errors[0].problems[0].path).toBe('reaction.nu');
  });
});

describe('share links carry the reaction (issue 11, Build 1)', () => {
  it('round-trips the no2-box preset with an edited kf', async () => {
    const { app } = appWith(presetFile('no2-box'));
    expect(app.trySet('reaction.kf', 4.2e-4)).toBe(true);
    const s = app.validated.scenario;
    const back = parseScenario(await decodeScenario(await encodeScenario(s))).scenario;
    expect(back).toEqual(s);
    expect(back.reaction).toEqual({ nu: [2, 1], kf: 4.2e-4, kb: 1.8e-3, activationEnergy: 0, enthalpy: -57200 });
  });

  it('a link with a malformed reaction is refused naming the paths', async () => {
    const raw = presetFile('no2-box') as Record<string, unknown>;
    const bad = { ...raw, reaction: { nu: [2, 1.5], kf: -1, activationEnergy: 0 } };
    let message = '';
    try {
      parseScenario(await decodeScenario(await encodeScenario(bad as never)));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/reaction\.nu\[1\]: 1\.5 must be an integer >= 1 and <= 4/);
    expect(message).toMatch(/reaction\.kf: -1 must be a finite number > 0/);
    expect(message).toMatch(/reaction\.kb: missing/);

    const unbalanced = { ...raw, reaction: { nu: [1, 1], kf: 1e-3, kb: 1e-3 } };
    await expect(decodeScenario(await encodeScenario(unbalanced as never)).then(parseScenario)).rejects.toThrow(/reaction\.nu: \[1,1\] breaks the mass balance/);
  });
});
