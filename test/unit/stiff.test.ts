/**
 * The stiff schemes on the CPU reference (float64): RKL2 and the implicit scheme against forward
 * Euler and physics.md 6b, the steady-state jump, and the multigrid it stands on.
 */
import { describe, expect, it } from 'vitest';
import { soretSteadySeparation, soretTime, soretTransientCellFraction, logit } from '../../src/physics/analytic';
import { closedWallDeltaC } from '../../src/physics/faces';
import { levelDims, MultigridLevels } from '../../src/physics/multigrid';
import { ReferenceSimulation } from '../../src/physics/reference';
import { rkl2Stages, rkl2Substeps } from '../../src/physics/rkl2';
import type { SchemeName } from '../../src/physics/scenario';
import { fluidRegions, steadyStateProblems } from '../../src/physics/steady';
import type { Validated } from '../../src/physics/validate';
import { closedBox, soretCell, soretForDuSr, unitMixture } from '../helpers/cases';
import { mulberry32 } from '../helpers/random';
import { report } from '../helpers/report';
import { scenario, type Json } from '../helpers/scenarios';

const T = (value: number) => ({ type: 'temperature', value });
const closed = { type: 'closed' };
const conc = (value: number) => ({ type: 'concentration', value });

/** The scenario with another time scheme and step. */
const withTime = (v: Validated, scheme: SchemeName, dt: number | 'auto', safety = 0.9): Validated =>
  scenario({ ...(v.scenario as unknown as Json), time: { scheme, dt, safety } });

/** Stencil passes of an rkl2 step from a fresh start: its substeps' stage counts (rkl2.ts rkl2Substeps). */
function rampPasses(v: Validated): number {
  const dtFE = v.scenario.time.safety * v.derived.dtLimit;
  return rkl2Substeps(v.derived.dt, 0, dtFE).reduce((sum, h) => sum + rkl2Stages(h, dtFE), 0);
}

/** Wall concentrations of a 1-D closed cell (mass-closed walls: logit c_w = logit c - S_T (T_w - T)). */
function wallSeparation(sim: ReferenceSimulation, ST: number, TH: number, TC: number): number {
  const c = sim.fieldNow('c');
  const Tf = sim.fieldNow('T');
  const n = c.length;
  const hot = c[0] + closedWallDeltaC(c[0], ST, TH - Tf[0]);
  const cold = c[n - 1] + closedWallDeltaC(c[n - 1], ST, TC - Tf[n - 1]);
  return cold - hot;
}

describe('RKL2 and implicit against forward Euler (CPU reference)', () => {
  // A coupled transient (Du Sr = 0.6, Le = 50) from a blob, four temperature walls.
  const base = scenario({
    grid: { nx: 24, ny: 16, width: 1, height: 0.75 },
    mixture: unitMixture(0.02, soretForDuSr(0.6, 0.02, 300, 0.5)),
    reference: { T0: 300, c0: 0.5 },
    initial: { T: 300, c: 0.5, regions: [{ shape: 'circle', center: [0.45, 0.35], radius: 0.2, T: 312, c: 0.62 }] },
    boundaries: { left: { heat: T(310), mass: closed }, right: { heat: T(290), mass: closed }, bottom: { heat: T(300), mass: closed }, top: { heat: T(305), mass: closed } },
  });
  const dtE = base.derived.dt;
  const tEnd = 400 * dtE;
  // The reference: forward Euler at a tenth of the usual step.
  const ref = new ReferenceSimulation(withTime(base, 'euler', dtE / 10));
  ref.advance(4000);
  const start = new ReferenceSimulation(base);
  /** max |Y - Y_ref| over max |Y_ref - Y_start|, the worse of T and c. */
  const error = (sim: ReferenceSimulation) => {
    let worst = 0;
    for (const f of ['T', 'c'] as const) {
      const a = sim.fieldNow(f);
      const b = ref.fieldNow(f);
      const s0 = start.fieldNow(f);
      let d = 0;
      let s = 0;
      for (let i = 0; i < a.length; i++) {
        d = Math.max(d, Math.abs(a[i] - b[i]));
        s = Math.max(s, Math.abs(b[i] - s0[i]));
      }
      worst = Math.max(worst, d / s);
    }
    return worst;
  };

  it.each([
    ['euler', 1],
    ['rkl2', 4],
    ['implicit', 1],
    ['implicit', 0.25],
  ] as const)('%s at %s x the Euler step agrees within 0.1 percent', (scheme, mult) => {
    const v = withTime(base, scheme, dtE * mult);
    const sim = new ReferenceSimulation(v);
    sim.advance(Math.round(tEnd / v.derived.dt));
    expect(sim.simTime).toBeCloseTo(tEnd, 9);
    const e = error(sim);
    report(`${scheme} at ${mult} x dt_Euler vs Euler at dt/10 (max relative)`, e);
    expect(e).toBeLessThan(1e-3);
    if (scheme === 'rkl2') expect(sim.passes).toBe((400 / mult - 1) * v.derived.stages + rampPasses(v));
  });

  // From the discontinuous start the first step is a ramp of substeps (rkl2.ts rkl2Substeps):
  // RKL2 at 20 x is now within 2.6e-4 (before the ramp: above 1e-3); at 100 x (4 steps) 8.1e-3.
  it('tells the schemes apart: RKL2 at 100 x the Euler step misses 0.1 percent', () => {
    const sim = new ReferenceSimulation(withTime(base, 'rkl2', dtE * 100));
    sim.advance(4);
    expect(error(sim)).toBeGreaterThan(1e-3);
  });
});

describe('the Soret transient (physics.md 6b) at dt = tau/20', () => {
  // Linearised regime (S_T dT = 0.01), D_F = 0 so T stays linear, Le = 100.
  const nx = 64;
  const opts = { soret: 1e-3, TH: 305, TC: 295, D: 0.01, noDufour: true };
  const tau = soretTime(1, opts.D);
  const linearT = Array.from({ length: nx }, (_, i) => opts.TH - ((opts.TH - opts.TC) * (i + 0.5)) / nx);

  it.each(['rkl2', 'implicit'] as const)('%s follows the analytic separation within 1 percent from tau/4 on', (scheme) => {
    const v = withTime(soretCell(nx, opts), scheme, tau / 20);
    const sim = new ReferenceSimulation(v);
    void sim.writeField('T', linearT);
    const steady = new ReferenceSimulation(v);
    void steady.writeField('T', linearT);
    steady.jumpNow({ tolerance: 1e-12 });
    const sepInf = steady.statsNow().separation;
    let worst = 0;
    const first: number[] = [];
    for (let k = 1; k <= 80; k++) {
      sim.advance(1);
      const err = Math.abs(sim.statsNow().separation / sepInf / soretTransientCellFraction(sim.simTime, tau, nx) - 1);
      if (k <= 2) first.push(err);
      if (k >= 5) worst = Math.max(worst, err);
    }
    report(`${scheme} Soret transient at tau/20: worst relative error for t >= tau/4`, worst);
    report(`${scheme} Soret transient at tau/20: error at t = tau/20, tau/10 (boundary layers unresolved)`, first.map((e) => e.toExponential(2)).join(', '));
    expect(worst).toBeLessThan(0.01);
    expect(v.derived.stages).toBe(scheme === 'rkl2' ? 137 : 1);
  });
});

describe('the steady-state jump (CPU reference)', () => {
  it('reaches logit c = a - S_T (T - T0) with c_cold - c_hot = tanh(S_T dT / 4), keeping the solute', () => {
    // S_T dT = 2: strongly nonlinear (c from 0.27 to 0.73), reciprocal Dufour.
    const opts = { soret: 0.02, TH: 350, TC: 250 };
    const sim = new ReferenceSimulation(withTime(soretCell(48, opts), 'implicit', 'auto'));
    const before = sim.statsNow();
    const rep = sim.jumpNow({ tolerance: 1e-10 });
    const after = sim.statsNow();
    const sep = wallSeparation(sim, opts.soret, opts.TH, opts.TC);
    const exact = soretSteadySeparation(opts.soret, opts.TH - opts.TC);
    report('jump: c_cold - c_hot vs tanh(S_T dT/4)', `${sep.toFixed(6)} vs ${exact.toFixed(6)} after ${rep.iterations} iterations, ${rep.passes.toFixed(0)} passes`);
    expect(rep.converged).toBe(true);
    expect(Math.abs(sep - exact)).toBeLessThan(1e-3);
    expect(Math.abs(after.solute - before.solute) / before.solute).toBeLessThan(1e-12);
    // zero mass flux everywhere: logit c + S_T T is one constant
    const c = sim.fieldNow('c');
    const Tf = sim.fieldNow('T');
    const a = c.map((ci, i) => logit(ci) + opts.soret * Tf[i]);
    expect(Math.max(...a) - Math.min(...a)).toBeLessThan(1e-8);
    expect(sim.steps).toBe(0);
    expect(sim.simTime).toBe(0);
  });

  // 2-D cases with every supported wall type, an obstacle and a source, on a grid that is not a
  // power of two: the jump lands where a long explicit run ends.
  const cases: [string, Json][] = [
    [
      'temperature and convective walls, closed to mass, an obstacle',
      {
        boundaries: {
          left: { heat: T(310), mass: closed },
          right: { heat: { type: 'convective', h: 20, ambient: 290 }, mass: closed },
          bottom: { heat: { type: 'flux', value: 0 }, mass: closed },
          top: { heat: { type: 'flux', value: -30 }, mass: closed },
        },
        obstacles: [{ shape: 'rect', x: [0.3, 0.45], y: [0.2, 0.5] }],
      },
    ],
    [
      'a reservoir, flux walls and a source',
      {
        boundaries: {
          left: { heat: { type: 'flux', value: 50 }, mass: conc(0.6) },
          right: { heat: T(295), mass: closed },
          bottom: { heat: { type: 'convective', h: 5, ambient: 300 }, mass: closed },
          top: { heat: { type: 'flux', value: 0 }, mass: conc(0.45) },
        },
        sources: [{ shape: 'circle', center: [0.6, 0.4], radius: 0.1, q: 300 }],
      },
    ],
    [
      'periodic along x, insulated and closed elsewhere but one wall',
      {
        boundaries: {
          left: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
          right: { heat: { type: 'periodic' }, mass: { type: 'periodic' } },
          bottom: { heat: T(290), mass: closed },
          top: { heat: T(310), mass: closed },
        },
        obstacles: [{ shape: 'circle', center: [0.5, 0.35], radius: 0.12 }],
      },
    ],
  ];

  it.each(cases)('%s: equals the end of a long RKL2 run', (_, patch) => {
    const v = scenario({
      grid: { nx: 21, ny: 13, width: 1, height: 13 / 21 },
      mixture: unitMixture(0.2, 0.02, 1e3),
      reference: { T0: 300, c0: 0.5 },
      initial: { T: 300, c: 0.5, regions: [{ shape: 'circle', center: [0.7, 0.3], radius: 0.15, T: 305, c: 0.55 }] },
      time: { scheme: 'rkl2', dt: 'auto' },
      ...patch,
    });
    const jump = new ReferenceSimulation(v);
    const rep = jump.jumpNow({ tolerance: 1e-12 });
    expect(rep.converged).toBe(true);
    const run = new ReferenceSimulation(v);
    run.advance(Math.ceil((40 * v.derived.tauSlow) / v.derived.dt));
    let worst = 0;
    for (const f of ['T', 'c'] as const) {
      const a = jump.fieldNow(f);
      const b = run.fieldNow(f);
      const off = f === 'T' ? 300 : 0.5;
      const scale = Math.max(...b.map((x) => Math.abs(x - off)));
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / scale);
    }
    report(`jump vs RKL2 run to 40 tau (${_})`, worst);
    expect(worst).toBeLessThan(1e-6);
    expect(jump.statsNow().solute / run.statsNow().solute).toBeCloseTo(1, 10);
  });

  it('refuses when no steady state exists, naming the field', () => {
    const heated = closedBox({ nx: 8, ny: 8, width: 1, height: 1 }, unitMixture(0.2, 0.01), { sources: [{ shape: 'circle', center: [0.5, 0.5], radius: 0.2, q: 100 }] });
    expect(steadyStateProblems(heated)[0]).toMatch(/^boundaries: no steady state: .* W\/m of heat enters/);
    expect(() => new ReferenceSimulation(heated).jumpNow()).toThrow(/no steady state/);
    const balanced = closedBox({ nx: 8, ny: 8, width: 1, height: 1 }, unitMixture(0.2, 0.01), {
      sources: [
        { shape: 'circle', center: [0.25, 0.5], radius: 0.1, q: 100 },
        { shape: 'circle', center: [0.75, 0.5], radius: 0.1, q: -100 },
      ],
    });
    expect(steadyStateProblems(balanced)).toEqual([]);
    const split = closedBox({ nx: 10, ny: 6, width: 1, height: 0.6 }, unitMixture(0.2, 0.01), { obstacles: [{ shape: 'rect', x: [0.4, 0.6], y: [0, 0.6] }] });
    expect(fluidRegions(split)).toBe(2);
    expect(steadyStateProblems(split)[0]).toMatch(/^obstacles: split the fluid into 2 separate regions/);
  });
});

describe('multigrid', () => {
  it('builds levels down to one cell for any grid size', () => {
    expect(levelDims(37, 23).map((l) => `${l.nx}x${l.ny}`)).toEqual(['37x23', '19x12', '10x6', '5x3', '3x2', '2x1', '1x1']);
    expect(levelDims(40, 1).map((l) => l.nx)).toEqual([40, 20, 10, 5, 3, 2, 1]);
  });

  it('reduces the residual of a coupled 2x2 system fivefold per V-cycle on a 37 x 23 grid with holes', () => {
    const rnd = mulberry32(7);
    const nx = 37;
    const ny = 23;
    const mg = new MultigridLevels(nx, ny, false, true);
    const n = nx * ny;
    // Coupled anisotropic conductances (like k and rho D m_f with Le = 100), two holes, walls on x.
    for (let P = 0; P < n; P++) {
      const i = P % nx;
      const j = (P - i) / nx;
      const hole = (Math.abs(i - 10) < 3 && Math.abs(j - 8) < 4) || (Math.abs(i - 27) < 2 && Math.abs(j - 15) < 3);
      mg.count[P] = hole ? 0 : 1;
      mg.m[2 * P] = hole ? 0 : 1e-3;
      mg.m[2 * P + 1] = hole ? 0 : 1e-5;
      mg.b[2 * P] = hole ? 0 : rnd() - 0.5;
      mg.b[2 * P + 1] = hole ? 0 : 0.01 * (rnd() - 0.5);
    }
    const G = [1, 0.3, 0.002, 0.01];
    for (let P = 0; P < n; P++) {
      const i = P % nx;
      const j = (P - i) / nx;
      const left = i > 0 ? P - 1 : -1;
      const below = j > 0 ? P - nx : (ny - 1) * nx + i;
      for (let q = 0; q < 4; q++) {
        mg.gx[4 * P + q] = left >= 0 && mg.count[left] && mg.count[P] ? G[q] : 0;
        mg.gy[4 * P + q] = mg.count[below] && mg.count[P] ? G[q] : 0;
      }
      if (mg.count[P] && (i === 0 || i === nx - 1)) {
        mg.wx[4 * P] = 2; // fixed T on the x walls
        mg.fx[P] = 1;
      }
    }
    for (let k = 0; k + 1 < mg.levels.length; k++) mg.coarsen(k);
    const norm = () => {
      let s = 0;
      for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) s += mg.residualAt(0, i, j).reduce((a, r) => a + r * r, 0);
      return Math.sqrt(s);
    };
    mg.x.fill(0);
    const r0 = norm();
    const factors: number[] = [];
    let prev = r0;
    for (let c = 0; c < 6; c++) {
      mg.vCycle(0);
      const r = norm();
      factors.push(r / prev);
      prev = r;
    }
    report('V-cycle residual reduction factors, 37 x 23 with holes', factors.map((f) => f.toFixed(3)).join(' '));
    expect(Math.max(...factors.slice(1))).toBeLessThan(0.2);
    expect(prev / r0).toBeLessThan(1e-6);
  });
});

describe('RKL2 conservation (CPU reference)', () => {
  it('keeps solute and energy to round-off in a closed, insulated box over 2000 stages', () => {
    const v = closedBox({ nx: 20, ny: 14, width: 1, height: 0.7 }, unitMixture(0.05, soretForDuSr(0.5, 0.05, 300, 0.5)), {
      initial: { T: 300, c: 0.5, regions: [{ shape: 'circle', center: [0.4, 0.3], radius: 0.2, T: 330, c: 0.7 }] },
      time: { scheme: 'rkl2', dt: 'auto' },
    });
    const sim = new ReferenceSimulation(v);
    const a = sim.statsNow();
    const steps = Math.ceil(2000 / v.derived.stages);
    sim.advance(steps);
    const b = sim.statsNow();
    expect(sim.passes).toBe((steps - 1) * v.derived.stages + rampPasses(v));
    expect(Math.abs(b.solute - a.solute) / a.solute).toBeLessThan(1e-13);
    expect(Math.abs(b.energy - a.energy) / Math.abs(a.energy)).toBeLessThan(1e-12);
    expect(b.T.max - b.T.min).toBeLessThan(0.1 * (a.T.max - a.T.min));
  });
});
