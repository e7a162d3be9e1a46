/**
 * Scenarios of the property sweep whose float64 jumps missed the long-run state (issue 8; seeds
 * 2058 and 2059 of the 1000-scenario run), with the draws' negligible extras dropped (sources of
 * 1e-254 W/m^3, repeated regions and obstacles), and the sweep's long run.
 */
import { validateScenario, type Validated } from '../../src/physics/validate';
import { ReferenceSimulation } from '../../src/physics/reference';

function valid(raw: unknown): Validated {
  const r = validateScenario(raw);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.value;
}

/** Seed 2059 draw 49: Fick alone (S_T ~ 0, D_F = 0) along a 105 x 1 rod between c = 0.101 and 0.001. */
export const FICK_ROD = { nx: 105, width: 0.1, cLeft: 0.101, cRight: 0.001 };
export const fickRod = (): Validated =>
  valid({
    version: 1,
    name: 'fick rod',
    grid: { nx: FICK_ROD.nx, ny: 1, width: FICK_ROD.width, height: 0.0702 },
    mixture: { rho: 1, cp: 126.96, k: 1, D: 1.58e-7, soret: 0, molarMass: [1, 1], dufour: 0 },
    reference: { T0: 93.09, c0: 0.001 },
    boundaries: {
      left: { heat: { type: 'convective', h: 1e4, ambient: 93.09 }, mass: { type: 'concentration', value: FICK_ROD.cLeft } },
      right: { heat: { type: 'temperature', value: 93.09 }, mass: { type: 'concentration', value: FICK_ROD.cRight } },
      bottom: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
      top: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    },
    time: { scheme: 'rkl2' },
  });

/** Seed 2058 draw 50: 5 x 16 cells of 116:1, S_T = -10 1/K, c ~ 1e-4 .. 1e-3 (strong Soret separation near c = 0). */
export const soretFlat = (): Validated =>
  valid({
    version: 1,
    name: 'soret flat',
    grid: { nx: 5, ny: 16, width: 0.03635, height: 0.001 },
    mixture: { rho: 1, cp: 898.16, k: 1, D: 4.877e-5, soret: -10, molarMass: [1, 1e4], dufour: 8e-91 },
    reference: { T0: 50, c0: 0.001712 },
    initial: { regions: [{ shape: 'rect', x: [0, 0.00727], y: [0, 6.25e-5], T: 50, c: 0.001 }] },
    obstacles: [{ shape: 'rect', x: [0, 0.00727], y: [0, 6.25e-5] }],
    boundaries: {
      left: { heat: { type: 'flux', value: 0 }, mass: { type: 'concentration', value: 0.001 } },
      right: { heat: { type: 'temperature', value: 50 }, mass: { type: 'closed' } },
      bottom: { heat: { type: 'convective', h: 2.751, ambient: 50 }, mass: { type: 'concentration', value: 0.001 } },
      top: { heat: { type: 'flux', value: -13.75 }, mass: { type: 'closed' } },
    },
    time: { scheme: 'rkl2' },
    allowUnphysical: true,
  });

/** Seed 2059 draw 5: 46 x 5 cells, one obstacle, reservoirs at c 0.0027 and 0.2027, weak Soret. */
export const reservoirBox = (): Validated =>
  valid({
    version: 1,
    name: 'reservoir box',
    grid: { nx: 46, ny: 5, width: 0.0010404, height: 0.064406 },
    mixture: { rho: 1, cp: 866.82, k: 1, D: 1e-4, soret: -0.16949, molarMass: [1, 1], dufour: 'reciprocal' },
    reference: { T0: 405.1448, c0: 0.1027436 },
    obstacles: [{ shape: 'rect', x: [0, 0.00052019], y: [0, 0.012881] }],
    boundaries: {
      left: { heat: { type: 'convective', h: 1.55266, ambient: 405.1448 }, mass: { type: 'concentration', value: 0.0027436 } },
      right: { heat: { type: 'temperature', value: 405.1448 }, mass: { type: 'concentration', value: 0.2027436 } },
      bottom: { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } },
      top: { heat: { type: 'convective', h: 1.55266, ambient: 405.1448 }, mass: { type: 'concentration', value: 0.0027436 } },
    },
    time: { scheme: 'rkl2' },
  });

/**
 * Seed 2097 draw 1: 255 x 1 cells, S_T = -4.6 1/K with reciprocal Dufour, molar masses 1 : 1e4,
 * c from 0.001 (left, insulated) to 0.101 (right, at T0); its jump's residual falls non-monotonically.
 */
export const soretChannel = (): Validated =>
  valid({
    version: 1,
    name: 'soret channel',
    grid: { nx: 255, ny: 1, width: 0.0738576, height: 0.1 },
    mixture: { rho: 1, cp: 670.3907, k: 1, D: 1e-4, soret: -4.633975, molarMass: [1, 1e4], dufour: 'reciprocal' },
    reference: { T0: 751.80873, c0: 0.001 },
    boundaries: {
      left: { heat: { type: 'flux', value: 0 }, mass: { type: 'concentration', value: 0.001 } },
      right: { heat: { type: 'temperature', value: 751.80873 }, mass: { type: 'concentration', value: 0.101 } },
      bottom: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
      top: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
    },
    time: { scheme: 'rkl2' },
  });

/**
 * The sweep's long run (scripts/sweep/check.ts jumpIsLongRun): implicit steps from tau_slow / 65536,
 * doubling, up to 2 tau_slow, then 30 of 2 tau_slow. Returns the final c and whether every step converged.
 */
export function longRunC(v: Validated): { c: Float64Array; converged: boolean } {
  const withDt = (dt: number) => valid({ ...v.scenario, time: { scheme: 'implicit', dt } });
  const tau = v.derived.tauSlow;
  const dts: number[] = [];
  for (let dt = tau / 65536; dt < 2 * tau; dt *= 2) dts.push(dt);
  for (let k = 0; k < 30; k++) dts.push(2 * tau);
  const run = new ReferenceSimulation(withDt(dts[0]));
  let converged = true;
  for (const [k, dt] of dts.entries()) {
    if (k > 0) run.setScenario(withDt(dt));
    run.advance(1);
    converged &&= run.lastSolve?.converged ?? false;
  }
  const c = run.fieldNow('c');
  run.destroy();
  return { c, converged };
}
