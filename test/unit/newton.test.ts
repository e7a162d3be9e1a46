/**
 * Exact Newton corrections (physics/newton.ts, physics/banded.ts): the banded LU against a dense
 * solve, the band order and the distance-2 colouring on every wall topology, the Jacobian of a
 * known map; then the strong-Soret draws of issue 8 that neither the coupling ladder nor Anderson
 * mixing converge, on the float64 reference.
 */
import { describe, expect, it } from 'vitest';
import { BandedLU } from '../../src/physics/banded';
import { bandOrder, cellNeighbours, distanceTwoColours, ExactNewton, newtonFits, PAGE_NEWTON_MAX_WORK, PseudoStep, retakeExactlyAtDt, STEP_LOOSE, STEP_NEAR_MISS, stepClean, type CellGraph } from '../../src/physics/newton';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { solveDense } from '../../bench/dense';
import { report } from '../helpers/report';
import { mulberry32 as random } from '../helpers/random';
import { HEATED_FLUX_221x1, SORET_BELOW_ZERO_8x10, STRONG_SORET_172x1, STRONG_SORET_8x14 } from '../helpers/sweep-cases';
import { C_ROUNDOFF, solveFailure } from '../../src/physics/run-checks';
import { heatedChannel, T0 } from '../helpers/long-dt-channel';
import { jumpRefusalJustified, refusalKind } from '../../scripts/sweep/refusal';

describe('BandedLU (banded.ts)', () => {
  for (const [n, kl, ku, zeroDiagonal] of [
    [40, 3, 2, false],
    [57, 5, 5, true],
    [12, 1, 4, true],
  ] as const) {
    it(`solves a random ${n} x ${n} system with ${kl} / ${ku} off-diagonals${zeroDiagonal ? ' and a zero diagonal (pivoting needed)' : ''} as a dense solve does`, () => {
      const rnd = random(n * 131 + kl);
      const lu = new BandedLU(n, kl, ku);
      const A = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      for (let i = 0; i < n; i++) {
        for (let j = Math.max(0, i - kl); j <= Math.min(n - 1, i + ku); j++) {
          const a = zeroDiagonal && i === j ? 0 : rnd() - 0.5;
          A[i][j] = a;
          lu.add(i, j, a);
        }
      }
      const b = Float64Array.from({ length: n }, () => rnd() - 0.5);
      const dense = solveDense(A, Array.from(b));
      expect(lu.factor()).toBe(true);
      const x = b.slice();
      lu.solve(x);
      const err = Math.max(...dense.map((d, i) => Math.abs(d - x[i])));
      const size = Math.max(...dense.map(Math.abs));
      expect(err / size).toBeLessThan(1e-10);
      // the residual of the banded solution itself
      const r = Math.max(...A.map((row, i) => Math.abs(row.reduce((s, a, j) => s + a * x[j], 0) - b[i])));
      expect(r).toBeLessThan(1e-12);
    });
  }

  it('reports a singular matrix, and refuses an entry outside its band', () => {
    const lu = new BandedLU(3, 1, 1);
    lu.add(0, 0, 1);
    lu.add(0, 1, 2);
    lu.add(1, 0, 2);
    lu.add(1, 1, 4);
    lu.add(2, 2, 1);
    expect(lu.factor()).toBe(false);
    expect(() => lu.add(0, 2, 1)).toThrow(/outside the band/);
  });
});

describe('band order and distance-2 colouring (newton.ts)', () => {
  const graphs: CellGraph[] = [
    { nx: 7, ny: 5, periodicX: false, periodicY: false },
    { nx: 9, ny: 4, periodicX: true, periodicY: false },
    { nx: 3, ny: 11, periodicX: true, periodicY: true },
    { nx: 256, ny: 1, periodicX: true, periodicY: false },
    { nx: 2, ny: 6, periodicX: true, periodicY: true },
  ];
  for (const g of graphs) {
    it(`${g.nx} x ${g.ny}${g.periodicX ? ', periodic in x' : ''}${g.periodicY ? ', periodic in y' : ''}: every neighbour pair within the band; no two cells of a colour share a residual`, () => {
      const { pos, band } = bandOrder(g);
      const n = g.nx * g.ny;
      expect(new Set(pos).size).toBe(n);
      const short = Math.min(g.nx, g.ny);
      const nb = new Int32Array(4);
      const reach = (P: number) => {
        cellNeighbours(g, P, nb);
        return new Set([P, ...Array.from(nb).filter((Q) => Q >= 0)]);
      };
      for (let P = 0; P < n; P++) for (const Q of reach(P)) expect(Math.abs(pos[Q] - pos[P])).toBeLessThanOrEqual(band);
      // folded: a periodic long axis costs at most twice the short side, not the whole length
      expect(band).toBeLessThanOrEqual(2 * short);
      const { colour, count } = distanceTwoColours(g);
      expect(count).toBeLessThanOrEqual(9);
      for (let P = 0; P < n; P++) {
        for (let Q = P + 1; Q < n; Q++) {
          if (colour[P] !== colour[Q]) continue;
          const shared = [...reach(P)].some((R) => reach(Q).has(R));
          expect(shared, `cells ${P} and ${Q} (colour ${colour[P]})`).toBe(false);
        }
      }
    });
  }

  it('newtonFits: the sweep grids fit, a 1024 x 1024 grid does not', () => {
    expect(newtonFits({ nx: 256, ny: 1, periodicX: true, periodicY: false })).toBe(true);
    expect(newtonFits({ nx: 64, ny: 64, periodicX: false, periodicY: false })).toBe(true);
    expect(newtonFits({ nx: 1024, ny: 1024, periodicX: false, periodicY: false })).toBe(false);
    // The page's budget (its main thread): 32 x 32 and rows of any length, not 64 x 64.
    expect(newtonFits({ nx: 32, ny: 32, periodicX: false, periodicY: false }, PAGE_NEWTON_MAX_WORK)).toBe(true);
    expect(newtonFits({ nx: 256, ny: 1, periodicX: true, periodicY: false }, PAGE_NEWTON_MAX_WORK)).toBe(true);
    expect(newtonFits({ nx: 64, ny: 64, periodicX: false, periodicY: false }, PAGE_NEWTON_MAX_WORK)).toBe(false);
  });
});

describe('ExactNewton (newton.ts)', () => {
  it('the correction of a nonlinear 5-point residual is the Newton step of its analytic Jacobian', () => {
    // R_P = (T_P - 300)^2 + sum over neighbours (T_P - T_Q) + c-part coupling T and logit c
    const grid: CellGraph = { nx: 5, ny: 4, periodicX: true, periodicY: false };
    const n = grid.nx * grid.ny;
    const solid = new Uint32Array(n);
    const T0 = 300;
    const c0 = 0.3;
    const nb = new Int32Array(4);
    const residual = (u: Float64Array, v: Float64Array, R: Float64Array) => {
      for (let P = 0; P < n; P++) {
        cellNeighbours(grid, P, nb);
        let rT = u[P] * u[P] + 3 * u[P] - 1;
        let rc = 2 * v[P] + 0.1 * u[P] - 0.05;
        for (const Q of nb) {
          if (Q < 0) continue;
          rT += u[P] - u[Q];
          rc += (v[P] - v[Q]) * (1 + 0.5 * u[Q]);
        }
        R[2 * P] = rT;
        R[2 * P + 1] = rc;
      }
    };
    const rnd = random(7);
    const u = Float64Array.from({ length: n }, () => rnd());
    const v = Float64Array.from({ length: n }, () => 0.1 * (rnd() - 0.5));
    const x = new Float64Array(2 * n);
    expect(new ExactNewton({ grid, solid, T0, c0 }).correction(u, v, residual, x)).toBe(true);
    // the analytic Jacobian along (dT, g dz), g = c (1 - c)
    const J = Array.from({ length: 2 * n }, () => new Array<number>(2 * n).fill(0));
    for (let P = 0; P < n; P++) {
      cellNeighbours(grid, P, nb);
      const g = (c0 + v[P]) * (1 - c0 - v[P]);
      J[2 * P][2 * P] += 2 * u[P] + 3;
      J[2 * P + 1][2 * P] += 0.1;
      J[2 * P + 1][2 * P + 1] += 2 * g;
      for (const Q of nb) {
        if (Q < 0) continue;
        const gQ = (c0 + v[Q]) * (1 - c0 - v[Q]);
        J[2 * P][2 * P] += 1;
        J[2 * P][2 * Q] -= 1;
        J[2 * P + 1][2 * P + 1] += (1 + 0.5 * u[Q]) * g;
        J[2 * P + 1][2 * Q + 1] -= (1 + 0.5 * u[Q]) * gQ;
        J[2 * P + 1][2 * Q] += 0.5 * (v[P] - v[Q]);
      }
    }
    const R = new Float64Array(2 * n);
    residual(u, v, R);
    const exact = solveDense(J, Array.from(R, (r) => -r));
    const err = Math.max(...exact.map((e, i) => Math.abs(e - x[i])));
    expect(err / Math.max(...exact.map(Math.abs))).toBeLessThan(1e-7);
  });

  it('PseudoStep grows dt at least twofold on an accepted iterate, takes back one with T <= 0 K or a residual risen tenfold, remembers c beyond [0, 1]', () => {
    const p = new PseudoStep(1, 2);
    const u = Float64Array.from([0, 0]);
    const v = Float64Array.from([0, 0]);
    const solid = new Uint32Array(2);
    p.keep(u, v, 1e-2);
    u[0] = 5;
    expect(p.accept(u, v, 9e-3, 300, 0.3, solid)).toBe(true);
    expect(p.dt).toBe(2);
    p.keep(u, v, 9e-3);
    u[0] = -400;
    expect(p.accept(u, v, 1e-3, 300, 0.3, solid)).toBe(false);
    expect(u[0]).toBe(5);
    expect(p.dt).toBe(0.5);
    p.keep(u, v, 9e-3);
    expect(p.accept(u, v, 0.1, 300, 0.3, solid)).toBe(false);
    // an accepted iterate with c outside [0, 1] beyond round-off is remembered, the farthest one
    expect(p.leftBounds).toBeNull();
    v[1] = -0.3 - 2e-5;
    expect(p.accept(u, v, 9e-3, 300, 0.3, solid)).toBe(true);
    expect(p.leftBounds).toBeCloseTo(-2e-5, 12);
    v[1] = -0.3 - 5e-6;
    expect(p.accept(u, v, 9e-3, 300, 0.3, solid)).toBe(true);
    expect(p.leftBounds).toBeCloseTo(-2e-5, 12);
  });

  it('retakeExactlyAtDt: a step at dt non-finite, risen, converged above STEP_LOOSE or failed within STEP_NEAR_MISS', () => {
    expect(retakeExactlyAtDt({ converged: false, relative: NaN })).toBe(true);
    expect(retakeExactlyAtDt({ converged: false, relative: Infinity })).toBe(true);
    expect(retakeExactlyAtDt({ converged: true, relative: 5e-4, rose: true })).toBe(true);
    expect(retakeExactlyAtDt({ converged: true, relative: 5e-4, rose: false })).toBe(false);
    expect(retakeExactlyAtDt({ converged: true, relative: 5e-4 })).toBe(false);
    expect(retakeExactlyAtDt({ converged: true, relative: STEP_LOOSE, rose: false })).toBe(false);
    expect(retakeExactlyAtDt({ converged: true, relative: 1.01 * STEP_LOOSE, rose: false })).toBe(true);
    expect(retakeExactlyAtDt({ converged: true, relative: 5e-3 })).toBe(true);
    // failed narrowly: the other backend's multigrid may have converged loosely on the same step
    expect(retakeExactlyAtDt({ converged: false, relative: 1.6e-2 })).toBe(true);
    expect(retakeExactlyAtDt({ converged: false, relative: STEP_NEAR_MISS })).toBe(true);
    // failed further: the multigrid's substeps first
    expect(retakeExactlyAtDt({ converged: false, relative: 1.01 * STEP_NEAR_MISS })).toBe(false);
    expect(retakeExactlyAtDt({ converged: false, relative: 0.5, rose: true })).toBe(false);
  });

  it('stepClean: a step at dt converged within STEP_LOOSE and not risen; every step retakeExactlyAtDt or the substeps would take is not', () => {
    expect(stepClean({ converged: true, relative: 5e-4 })).toBe(true);
    expect(stepClean({ converged: true, relative: STEP_LOOSE, rose: false })).toBe(true);
    expect(stepClean({ converged: true, relative: 5e-4, rose: true })).toBe(false);
    expect(stepClean({ converged: true, relative: 1.01 * STEP_LOOSE })).toBe(false);
    for (const relative of [1.6e-2, STEP_NEAR_MISS, 0.12, 0.5, 3, NaN, Infinity]) expect(stepClean({ converged: false, relative })).toBe(false);
    // the complement covers every step the CPU reference does not keep as it is
    for (const r of [
      { converged: true, relative: 2e-3 },
      { converged: true, relative: 1e-4, rose: true },
      { converged: false, relative: 0.05 },
      { converged: false, relative: NaN },
    ]) expect(retakeExactlyAtDt(r)).toBe(!stepClean(r));
  });
});

describe('strong-Soret draws only exact Newton converges (CPU reference)', () => {
  it('seed 2079 #70 (8 x 14, S_T = 10 1/K): the ladders end at 2.9e-2; the exact-Newton jump converges, and its state is steady', () => {
    const v = parseScenario(STRONG_SORET_8x14);
    const sim = new ReferenceSimulation(v);
    const rep = sim.jumpNow();
    report('jump seed 2079 #70: iterations (all attempts), relative residual', `${rep.iterations} ${rep.relative.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(rep.relative).toBeLessThan(1e-9);
    // An independent check of steadiness: forward Euler (the explicit tendency, not the jump's
    // residual) over 200 of its steps barely moves the state, while the same state with c off by
    // 1e-3 in one cell moves measurably (the check can fail).
    const euler = parseScenario({ ...STRONG_SORET_8x14, time: { scheme: 'euler' } });
    const T = sim.fieldNow('T');
    const c = sim.fieldNow('c');
    const moved = (cc: Float64Array) => {
      const probe = new ReferenceSimulation(euler);
      void probe.writeField('T', T);
      void probe.writeField('c', cc);
      probe.advance(200);
      const gone = (a: Float64Array, b: Float64Array) => Math.max(...a.map((x, i) => Math.abs(x - b[i]))) / (Math.max(...a) - Math.min(...a));
      const r = Math.max(gone(T, probe.fieldNow('T')), gone(cc, probe.fieldNow('c')));
      probe.destroy();
      return r;
    };
    const off = c.slice();
    off[50] += 1e-3 * Math.min(off[50], 1 - off[50]);
    const [steady, perturbed] = [moved(c), moved(off)];
    report('seed 2079 #70: forward Euler x 200 from the jump state, and with c off by 1e-3 in one cell: moved (of the span)', `${steady.toExponential(2)} ${perturbed.toExponential(2)}`);
    expect(steady).toBeLessThan(1e-3 * perturbed);
    sim.destroy();
  });

  it('seed 2117 #34 (172 x 1, S_T = -10 1/K): implicit steps of 1e8 s from the steady state stay on it (the multigrid drifted 7 % of c span off while "converged")', () => {
    const v = parseScenario(STRONG_SORET_172x1);
    const sim = new ReferenceSimulation(v);
    expect(sim.jumpNow().converged).toBe(true);
    const T = sim.fieldNow('T');
    const c = sim.fieldNow('c');
    const run = new ReferenceSimulation(parseScenario({ ...STRONG_SORET_172x1, time: { scheme: 'implicit', dt: 1.77e8 } }));
    void run.writeField('T', T);
    void run.writeField('c', c);
    let worst = 0;
    for (let k = 0; k < 6; k++) {
      run.advance(1);
      expect(run.lastSolve?.converged).toBe(true);
      const now = run.fieldNow('c');
      worst = Math.max(worst, Math.max(...now.map((x, i) => Math.abs(x - c[i]))) / (Math.max(...c) - Math.min(...c)));
    }
    report('seed 2117 #34: 6 implicit steps of 1.77e8 s from the jump state: c moved at most (of its span)', worst.toExponential(2));
    expect(worst).toBeLessThan(1e-5);
    run.destroy();
    sim.destroy();
  });
});

describe('a jump whose exact pseudo-time path leaves [0, 1] is refused for that (CPU reference)', () => {
  it('seed 2114 #5 (8 x 10, S_T = 10 1/K): refused "c reached ... on the steady-state jump\'s pseudo-time path"; the long run leaves [0, 1] too', () => {
    const v = parseScenario(SORET_BELOW_ZERO_8x10);
    const sim = new ReferenceSimulation(v);
    const rep = sim.jumpNow();
    const message = solveFailure(rep);
    report('seed 2114 #5: the jump\'s refusal', message ?? 'accepted');
    expect(rep.converged).toBe(false);
    expect(rep.pathLeftBounds).toBeLessThan(-C_ROUNDOFF);
    expect(message).toMatch(/^c reached -[0-9.e-]+, outside \[0, 1\] beyond round-off .* pseudo-time path/);
    expect(refusalKind(message!)).toBe('c outside [0, 1]');
    const backed = jumpRefusalJustified(v, 'c outside [0, 1]');
    report('seed 2114 #5: the long run', backed.detail);
    expect(backed.justified).toBe(true);
    sim.destroy();
  });
});

describe('the exact step keeps the heat a step gains', () => {
  // A heated 64 x 1 channel (flux walls, a source) at dt ~5e7 s: the heat a substep gains reads
  // below the residual's resolution (9.8e-11 at a substep's start), so exact substeps that stopped
  // at their start kept none of it: the exact step gained 0.078 of dt x the heat in.
  it('heated 64 x 1 channel at long dt: sum rho cp (T - T0) grows by dt x the heat in (exactStep, its substeps too)', () => {
    const { v, inflow } = heatedChannel();
    const sim = new ReferenceSimulation(v);
    const energy = () => sim.fieldNow('T').reduce((s, x) => s + (x - T0), 0);
    sim.advance(2);
    const before = energy();
    const rep = sim.exactStep();
    const expected = (v.derived.dt * inflow) / (v.derived.material.rho * v.derived.material.cp);
    const off = Math.abs(energy() - before - expected) / expected;
    report('heated 64 x 1 channel: the exact step: converged, substeps, heat gained off (of dt x the heat in)', `${rep.converged} ${rep.substeps ?? 0} ${off.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(off).toBeLessThan(1e-9);
    sim.destroy();
  });

  // Sweep 2170 #31: only the time term pins the mean of T (no wall fixes it), at rho cp / dt = 2e-5
  // against conduction's 9e12 per cell, below the elimination's round-off. The second exact step's
  // Jacobian had a zero pivot, so the step stopped where it started and was reported converged: the
  // GPU, whose float32 steps the host retakes exactly, lost a step's heat (T 0.50 of its excursion
  // off the CPU's).
  it('sweep 2170 #31 (221 x 1, a flux wall, dt = 3.6e7 s): each of two exact steps from float32 states gains dt x the heat in', () => {
    const v = parseScenario(HEATED_FLUX_221x1);
    const sim = new ReferenceSimulation(v);
    const { nx, width } = HEATED_FLUX_221x1.grid;
    const perStep = (v.derived.dt * HEATED_FLUX_221x1.boundaries.left.heat.value * nx) / (width * v.derived.material.rho * v.derived.material.cp);
    const energy = () => sim.fieldNow('T').reduce((s, x) => s + (x - HEATED_FLUX_221x1.reference.T0), 0);
    const offs: number[] = [];
    const reps = [];
    for (let k = 0; k < 2; k++) {
      const before = energy();
      reps.push(sim.exactStep());
      offs.push(Math.abs(energy() - before - perStep) / perStep);
      // The GPU's state: the host's written back in float32, where T's spread (3e-2 K at 6.7e11 K)
      // rounds away (T - T0 = 667476426752 K in every cell after the GPU's first step).
      const pairs = sim.deviationPairs().map(Math.fround);
      for (let P = 0; P < pairs.length; P += 2) pairs[P] = k === 0 ? 667476426752 : pairs[0];
      sim.putDeviationPairs(pairs);
    }
    report('sweep 2170 #31, two exact steps: converged, iterations, heat gained off (of dt x the heat in)', reps.map((r, k) => `${r.converged} ${r.iterations} ${offs[k].toExponential(2)}`).join('; '));
    for (const r of reps) {
      expect(r.converged).toBe(true);
      expect(r.iterations).toBeGreaterThan(0);
    }
    for (const off of offs) expect(off).toBeLessThan(1e-9);
    sim.destroy();
  });
});
