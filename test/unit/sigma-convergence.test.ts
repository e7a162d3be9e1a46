/**
 * Grid convergence of the total entropy production (issue 8, symptom 11), against a reference of
 * our own: Richardson's ratio (S_h - S_h/2) / (S_h/2 - S_h/4) of the steady state (the jump, CPU
 * float64) is ~4 for a second-order total, ~2 for a first-order one (never above 2 while an O(h)
 * term is left). Strong coupling (S_T at 90 % of the second-law bound), mass closed, convective
 * and fixed-temperature walls.
 *
 * Incompatible corners (a fixed 320 K wall meeting a convective wall whose ambient is not 320 K;
 * test/helpers/corner.ts). The scheme has no O(h) term there; the total is second order up to
 * logarithms, and the slow ratios at 16^2..128^2 are the pre-asymptotic range of a length the
 * data set, ell = k_eff / h_c (0.65 mm = L/15 for h_c = 200 W m^-2 K^-1, k = 0.13 W m^-1 K^-1):
 * - Near the corner T ~ r log r (grad T ~ log r). Within ell of the corner the convective wall
 *   behaves as a fixed flux, beyond it as a fixed temperature at the ambient: seen from r >> ell
 *   the corner is a jump of wall temperature (20 K), whose S diverges like log(L / ell). S depends
 *   on how that layer is resolved, and its error goes as (h / ell)^2 log^2(ell / h).
 * - `npm run bench:corner -- --max 512` (bench/corner.ts; the same scenario, pure conduction):
 *   S = 1.478956e-3, 1.470425e-3, 1.459193e-3, 1.452844e-3, 1.450181e-3, 1.449224e-3 W K^-1 m^-1 at
 *   16^2..512^2; Richardson ratios 0.76, 1.77, 2.38, 2.78, rising (an O(h) term would hold them
 *   at <= 2). A fit S_inf + h^2 (a log^2 n + b log n + c) through 32^2..256^2 predicts 512^2 to 3 %
 *   of its last difference; S_inf + a h + b h^2 + c h^3 misses by 17 %. The heat flow through the
 *   fixed wall: ratios 2.30, 2.64, 2.92, 3.13 (the same log-limited approach to 4).
 * - Where the change sits: at steady state the discrete total equals, to round-off, the sum over
 *   wall half-faces of (heat flow out / T_wall) minus the sum of (source / T) over the cells (the
 *   face form telescopes); the source part converges with ratio 3.99, the fixed wall's part is
 *   its heat flow / 320 K, and at 128^2 -> 256^2 all but 1 % of the convective walls' change
 *   comes from their first L/64 next to the corners (256^2 -> 512^2: all but 0.4 %, 60 % from the
 *   first 256^2 cell); elsewhere the ratio is 4.00. With coupling the identity holds to O(h^2):
 *   a convective half-face's T_w uses the cell's k_eff and its sigma the face's (last test).
 * - The corner singularity alone is harmless: with a fixed outward flux in place of the convective
 *   wall (the same kind of incompatible corner, ell infinite) the ratio is 3.81 at 16^2..64^2,
 *   and with h_c = 200, 50, 20 (ell = 0.65, 2.6, 6.5 mm) it is 0.76, 2.56, 3.26: the ratio is set
 *   by ell / h, not by the corner. With coupling at 90 % of the bound the same holds (k_eff / h_c
 *   resolved: 3.90 at 8^2..32^2; h_c = 20: 3.63 at 16^2..64^2); the coupling adds no O(h) of its
 *   own. Strong coupling shrinks ell with k_eff (~0.2 k at 90 % of the bound): with h_c = 200 it
 *   is ~0.12 mm, under one cell up to 128^2, and S is not even monotone yet: 1.10802e-3,
 *   1.11929e-3, 1.11860e-3, 1.11537e-3 at 16^2..128^2.
 * - The pointwise error of T is O(h) in the corner cells (against 512^2: 0.60, 0.46, 0.29, 0.16 K
 *   at 16^2..128^2, falling by 1.3, 1.6, 1.8 per halving) and O(h^2) elsewhere (mean |error| falls
 *   by 3.8, 4.0, 4.2): T varies by g h log h across a corner cell (g = h_c (T_w - T_amb) / k), so
 *   no scheme exact for linear fields does better there, and one cell's O(h) error moves the
 *   total by O(h^2).
 * So physics.md's discretisation is second order at such corners too (up to logarithms), but a
 * grid must resolve ell = k_eff / h_c before the total shows it: with h > ell / 10 the total can
 * be off by 0.3-2 % (here 1.5 %, 0.73 %, 0.28 % at 32^2, 64^2, 128^2 against the extrapolated
 * limit; the FEniCS comparison of the issue: 1.78 %, 0.93 %, 0.36 %).
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, type Validated } from '../../src/physics/validate';
import { report } from '../helpers/report';
import { faceConstantsOf, wallConstantsOf } from '../../src/physics/discretisation';
import { wallState } from '../../src/physics/faces';
import { buildCellInputs } from '../../src/physics/grid';
import type { ReferenceSimulation } from '../../src/physics/reference';
import { cornerScenario, richardson, steadyReference, type CornerOptions } from '../helpers/corner';
import { exampleScenario, merge, type Json } from '../helpers/scenarios';

const closed = { type: 'closed' };
const convective = (h: number, ambient: number) => ({ type: 'convective', h, ambient });

/** The patch with S_T at `fraction` of its second-law bound. */
function nearBound(patch: Json, fraction: number): Validated {
  const base = parseScenario(merge(exampleScenario(), patch));
  return parseScenario(merge(exampleScenario(), { ...patch, mixture: { soret: fraction * base.derived.secondLaw.maxSoret } }));
}

const totalSigma = (v: Validated): number => steadyReference(v).statsNow().entropyProduction;

const ratio = richardson;

/** Steady states of the corner case (test/helpers/corner.ts), kept: two tests share grids. */
const steadyCorners = new Map<string, ReferenceSimulation>();
function steadyCorner(n: number, o: CornerOptions): ReferenceSimulation {
  const key = `${n} ${JSON.stringify(o)}`;
  let sim = steadyCorners.get(key);
  if (!sim) steadyCorners.set(key, (sim = steadyReference(cornerScenario(n, o))));
  return sim;
}

/** Pure conduction, convective walls (h_c = 200) at `ambient`. */
const cornerCase = (ambient: number): CornerOptions => ({ wall: { convective: { h: 200, ambient } } });

/**
 * The steady total as the walls see it [W K^-1 m^-1]: the sum over wall half-faces of (heat flow
 * out / T_wall) minus the sum over cells of (source / T). The face form telescopes to this where
 * each face's heat flux and sigma come from the same conductance (with J1 = 0 at the steady
 * state of a closed box).
 */
function wallIdentity(sim: ReferenceSimulation): number {
  const v = sim.validated;
  const { nx, ny, width, height } = v.scenario.grid;
  const hx = width / nx;
  const hy = height / ny;
  const fc = faceConstantsOf(v.scenario, v.derived);
  const walls = wallConstantsOf(v.scenario);
  const T = sim.fieldNow('T');
  const c = sim.fieldNow('c');
  const F = sim.faceFluxes();
  const source = buildCellInputs(v.scenario).source;
  let sum = 0;
  for (let k = 0; k < nx * ny; k++) sum -= (source[k] * hx * hy) / T[k];
  const wall = (side: 'left' | 'right' | 'bottom' | 'top', cell: number, out: number, length: number, d: number) => {
    const tw = fc.T0 + wallState(fc, walls[side], T[cell] - fc.T0, c[cell] - fc.c0, d).uw;
    sum += (out * length) / tw;
  };
  for (let j = 0; j < ny; j++) {
    wall('left', j * nx, -F.qx[j * (nx + 1)], hy, hx / 2);
    wall('right', j * nx + nx - 1, F.qx[j * (nx + 1) + nx], hy, hx / 2);
  }
  for (let i = 0; i < nx; i++) {
    wall('bottom', i, -F.qy[i], hx, hy / 2);
    wall('top', (ny - 1) * nx + i, F.qy[ny * nx + i], hx, hy / 2);
  }
  return sum;
}

/** Steady sigma [W K^-1 m^-1] of an n x n run summed over the cells of a `coarse` x `coarse` grid. */
function coarseSigma(sim: ReferenceSimulation, coarse: number): Float64Array {
  const { nx, ny, width, height } = sim.validated.scenario.grid;
  const sigma = sim.fieldNow('sigma');
  const area = (width / nx) * (height / ny);
  const f = nx / coarse;
  const out = new Float64Array(coarse * coarse);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) out[Math.floor(j / f) * coarse + Math.floor(i / f)] += sigma[j * nx + i] * area;
  return out;
}

describe('total entropy production converges at second order', () => {
  it('along a rod between a fixed-temperature wall and a convective wall (Richardson ratio ~4)', () => {
    const case1d = (n: number) =>
      nearBound(
        {
          grid: { nx: n, ny: 1, width: 0.01, height: 0.01 },
          boundaries: {
            left: { heat: { type: 'temperature', value: 320 }, mass: closed },
            right: { heat: convective(30, 290), mass: closed },
            bottom: { heat: { type: 'flux', value: 0 }, mass: closed },
            top: { heat: { type: 'flux', value: 0 }, mass: closed },
          },
        },
        0.9,
      );
    const s = [32, 64, 128].map((n) => totalSigma(case1d(n)));
    report('1-D total sigma at 32, 64, 128 cells; Richardson ratio', `${s.map((x) => x.toExponential(6)).join(' ')}; ${ratio(s).toFixed(3)}`);
    expect(ratio(s)).toBeGreaterThan(3.7);
    expect(ratio(s)).toBeLessThan(4.3);
  });

  it('in a square with convective walls all round and a heat source (Richardson ratio ~4)', () => {
    // Convective on every side: no corner where two wall types meet (where a fixed-temperature wall
    // meets a convective wall of another ambient, T ~ r log r and the ratio on coarse grids is set
    // by ell = k_eff / h_c: see the last three cases).
    const case2d = (n: number) =>
      nearBound(
        {
          grid: { nx: n, ny: n, width: 0.01, height: 0.01 },
          initial: { T: 300 },
          boundaries: {
            left: { heat: convective(200, 300), mass: closed },
            right: { heat: convective(200, 300), mass: closed },
            bottom: { heat: convective(200, 300), mass: closed },
            top: { heat: convective(200, 300), mass: closed },
          },
          sources: [{ shape: 'rect', x: [0.0025, 0.005], y: [0.0025, 0.0075], q: 2e5 }],
        },
        0.9,
      );
    const s = [16, 32, 64].map((n) => totalSigma(case2d(n)));
    report('2-D total sigma at 16^2, 32^2, 64^2; Richardson ratio', `${s.map((x) => x.toExponential(6)).join(' ')}; ${ratio(s).toFixed(3)}`);
    expect(ratio(s)).toBeGreaterThan(3.5);
    expect(ratio(s)).toBeLessThan(4.6);
  });

  it('where a fixed-temperature wall meets a convective wall with the same ambient (Richardson ratio ~4)', () => {
    const s = [16, 32, 64].map((n) => steadyCorner(n, cornerCase(320)).statsNow().entropyProduction);
    report('fixed 320 K wall meeting convective walls at 320 K: total sigma at 16^2, 32^2, 64^2; ratio', `${s.map((x) => x.toExponential(6)).join(' ')}; ${ratio(s).toFixed(3)}`);
    expect(ratio(s)).toBeGreaterThan(3.7);
    expect(ratio(s)).toBeLessThan(4.3);
  });

  it('with incompatible corner data and ell = k / h_c under a few cells, the slow part lives in the corner cells; elsewhere second order', () => {
    const C = 16;
    const [s1, s2, s3] = [16, 32, 64].map((n) => coarseSigma(steadyCorner(n, cornerCase(300)), C));
    const near = (k: number) => k % C < 4 && Math.floor(k / C) < 4 || k % C < 4 && Math.floor(k / C) >= C - 4;
    const part = (a: Float64Array, b: Float64Array, inCorner: boolean) => a.reduce((acc, x, k) => (near(k) === inCorner ? acc + x - b[k] : acc), 0);
    const corner = [part(s1, s2, true), part(s2, s3, true)];
    const rest = [part(s1, s2, false), part(s2, s3, false)];
    report(
      'incompatible corners, S_h - S_h/2 (16->32, 32->64): corner cells / elsewhere; ratio elsewhere',
      `${corner.map((x) => x.toExponential(3)).join(', ')} / ${rest.map((x) => x.toExponential(3)).join(', ')}; ${(rest[0] / rest[1]).toFixed(3)}`,
    );
    // The corner blocks (a quarter of the side from each corner) carry almost all of the change, and
    // it does not fall by 4 as h halves; everywhere else it does.
    expect(Math.abs(corner[1])).toBeGreaterThan(0.9 * Math.abs(corner[1] + rest[1]));
    expect(Math.abs(corner[1] / corner[0])).toBeGreaterThan(0.5);
    expect(rest[0] / rest[1]).toBeGreaterThan(3.5);
    expect(rest[0] / rest[1]).toBeLessThan(4.6);
  });

  it('at incompatible corners the ratio rises toward 4 as the grid resolves ell = k / h_c; a fixed flux there is second order', () => {
    // The same grids and corner, the convective wall's ell = k / h_c from under one cell to ten:
    // an O(h) term of the scheme would keep every ratio at <= 2 whatever ell; the corner itself
    // (a fixed flux, ell infinite) converges at second order.
    const totals = (o: CornerOptions) => [16, 32, 64].map((n) => steadyCorner(n, o).statsNow().entropyProduction);
    const cases: [string, CornerOptions][] = [
      ['h_c = 200, ell = 0.65 mm', cornerCase(300)],
      ['h_c = 20, ell = 6.5 mm', { wall: { convective: { h: 20, ambient: 300 } } }],
      ['fixed flux 2000 W/m^2 out', { wall: { flux: -2000 } }],
    ];
    const r = cases.map(([, o]) => ratio(totals(o)));
    report('incompatible corners at 16^2, 32^2, 64^2: Richardson ratio of total sigma', cases.map(([label], i) => `${label}: ${r[i].toFixed(3)}`).join('; '));
    expect(r[0]).toBeLessThan(r[1]);
    expect(r[1]).toBeGreaterThan(3);
    expect(r[1]).toBeLessThan(4.3);
    expect(r[2]).toBeGreaterThan(3.6);
    expect(r[2]).toBeLessThan(4.3);
  });

  const coupledCorner: CornerOptions = { wall: { convective: { h: 4, ambient: 300 } }, soretFraction: 0.9 };

  it('at an incompatible corner with coupling at 90 % of the bound, ell = k_eff / h_c resolved (Richardson ratio ~4)', () => {
    // k_eff ~ 0.2 k at 90 % of the bound: h_c = 4 W m^-2 K^-1 gives ell ~ 6 mm.
    const s = [8, 16, 32].map((n) => steadyCorner(n, coupledCorner).statsNow().entropyProduction);
    report('coupled (90 % of the bound) incompatible corner, h_c = 4: total sigma at 8^2, 16^2, 32^2; ratio', `${s.map((x) => x.toExponential(6)).join(' ')}; ${ratio(s).toFixed(3)}`);
    expect(ratio(s)).toBeGreaterThan(3.5);
    expect(ratio(s)).toBeLessThan(4.3);
  });

  it('the total equals the heat flows through the walls over their temperatures (pure conduction: to round-off)', () => {
    // Which face class carries the change: with the identity the total is the fixed wall's heat
    // flow / 320 K plus the convective walls' sum, minus the sources' sum (the convective walls'
    // first cells carry the slow part: see the doc comment). With coupling the convective
    // half-face's T_w uses the cell's k_eff while its sigma uses the face's: the two differ by
    // O(h^2), so the identity holds to second order there.
    const pure = steadyCorner(16, cornerCase(300));
    const S = pure.statsNow().entropyProduction;
    const mismatch = [8, 16, 32].map((n) => {
      const sim = steadyCorner(n, coupledCorner);
      return wallIdentity(sim) / sim.statsNow().entropyProduction - 1;
    });
    report(
      'wall identity: pure conduction 16^2 relative mismatch; coupled (90 %, h_c = 4) at 8^2, 16^2, 32^2',
      `${(wallIdentity(pure) / S - 1).toExponential(2)}; ${mismatch.map((x) => x.toExponential(2)).join(', ')}`,
    );
    expect(Math.abs(wallIdentity(pure) / S - 1)).toBeLessThan(1e-9);
    expect(Math.abs(mismatch[1] / mismatch[2])).toBeGreaterThan(3.5);
    expect(Math.abs(mismatch[2])).toBeLessThan(1e-3);
  });
});
