/**
 * The physical set-ups of physics.md section 6 as scenarios, shared by the CPU-reference and GPU
 * tests. Material numbers are chosen for the dimensionless groups each case needs; SI units.
 */
import { GAS_CONSTANT } from '../../src/physics/thermo';
import { CLOSED, INSULATED, scenario, xWalls, type Json } from './scenarios';

const wallT = (value: number) => ({ heat: { type: 'temperature', value }, mass: CLOSED });

/**
 * kappa = k / (rho cp) = 1 m^2/s with rho = 0.01 kg/m^3, cp = `cp`, k = 0.01 cp. Du Sr does not
 * depend on rho; a large cp makes the Dufour feedback on T small.
 */
export function unitMixture(D: number, soret: number, cp = 1e4): Json {
  return { rho: 0.01, cp, k: 0.01 * cp, D, soret, molarMass: [0.1, 0.1], dufour: 'reciprocal' };
}

/** S_T giving Du Sr = duSr for unitMixture(D, ., cp) at T0, c0 (M1 = M2 = 0.1 kg/mol). */
export function soretForDuSr(duSr: number, D: number, T0: number, c0: number, cp = 1e4): number {
  const rg = GAS_CONSTANT / 0.1;
  // Du Sr = Rg T^2 c(1-c) S_T^2 D / (cp kappa), kappa = 1
  return Math.sqrt((duSr * cp) / (rg * T0 * T0 * c0 * (1 - c0) * D));
}

/** (a) A rod along x, k = A = L = 1, fixed T_H / T_C, insulated sides. */
export function nessRod(nx: number, ny = 1, TH = 400, TC = 300) {
  return scenario({
    grid: { nx, ny, width: 1, height: 1 },
    mixture: { rho: 1, cp: 1, k: 1, D: 1e-3, soret: 0, molarMass: [0.1, 0.1] },
    reference: { T0: 0.5 * (TH + TC), c0: 0.5 },
    initial: { T: 0.5 * (TH + TC), c: 0.5 },
    boundaries: xWalls(wallT(TH), wallT(TC)),
  });
}

/** (b) A closed Soret cell along x: hot wall left, cold right; kappa = D = 1. */
export function soretCell(
  nx: number,
  opts: { soret: number; TH: number; TC: number; c0?: number; cp?: number; D?: number; noDufour?: boolean },
) {
  const c0 = opts.c0 ?? 0.5;
  const mixture = unitMixture(opts.D ?? 1, opts.soret, opts.cp ?? 1e6);
  // D_F = 0 (physics.md 6b's transient): T stays exactly linear; flagged unphysical.
  if (opts.noDufour) mixture.dufour = 0;
  return scenario({
    allowUnphysical: opts.noDufour === true,
    grid: { nx, ny: 1, width: 1, height: 1 },
    mixture,
    reference: { T0: 0.5 * (opts.TH + opts.TC), c0 },
    initial: { T: 0.5 * (opts.TH + opts.TC), c: c0 },
    boundaries: xWalls(wallT(opts.TH), wallT(opts.TC)),
  });
}

/** A closed, insulated box, for conservation and eigenmodes. */
export function closedBox(grid: Json, mixture: Json, extra: Json = {}) {
  return scenario({
    grid,
    mixture,
    reference: { T0: 300, c0: 0.5 },
    initial: { T: 300, c: 0.5 },
    boundaries: xWalls({ heat: INSULATED, mass: CLOSED }, { heat: INSULATED, mass: CLOSED }),
    ...extra,
  });
}

/** Cell-centre x of cell i on [0, 1] with n cells. */
export const xc = (i: number, n: number) => (i + 0.5) / n;
