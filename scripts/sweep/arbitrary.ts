/**
 * Scenarios for the property sweep, drawn by fast-check across the whole schema: any grid of
 * 1..maxSide cells per side (at most maxCells in all, any aspect), every wall combination
 * (temperature, flux, convective or periodic heat; closed, concentration or periodic mass),
 * obstacles, sources, starting regions, material constants over their real-material ranges
 * (scenario.ts), the Soret coefficient as a fraction of its second-law bound (a third of the
 * draws within 1 % of it), explicit Dufour coefficients (unphysical, flagged), each time scheme
 * and the jump.
 *
 * A draw is a record of plain numbers and choices (`Draw`); `buildScenario` turns it into a
 * scenario file. fast-check shrinks the numbers toward 0 and the choices toward the first option,
 * which `buildScenario` maps to the simplest scenario (a small grid, insulated closed walls, no
 * shapes), so a failure shrinks to a minimal scenario.
 */
import fc from 'fast-check';
import { deriveQuantities } from '../../src/physics/derived';
import { SCHEMES, type SchemeName } from '../../src/physics/scenario';
import { validateScenario } from '../../src/physics/validate';

export type Json = Record<string, unknown>;

const HEAT = ['flux0', 'temperature', 'flux', 'convective'] as const;
const MASS = ['closed', 'concentration'] as const;

export interface WallDraw {
  heat: (typeof HEAT)[number];
  mass: (typeof MASS)[number];
  /** In [-1, 1]: the wall's temperature offset, flux or ambient, as a fraction of the scale. */
  value: number;
  /** In [0, 1]: the wall's mass fraction, or log h. */
  value2: number;
}

export interface ShapeDraw {
  /** Corner and size as fractions of the domain, in [0, 1]. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** In [-1, 1]: the source strength or the region's temperature offset, as a fraction of the scale. */
  value: number;
  /** In [0, 1]: the region's mass fraction. */
  value2: number;
}

export interface Draw {
  nx: number;
  ny: number;
  /** log10 of the domain size [m], in [-3, -1] (aspect up to 100:1 with the cell counts). */
  logWidth: number;
  logHeight: number;
  logRho: number;
  logCp: number;
  logK: number;
  logD: number;
  logM1: number;
  logM2: number;
  /** Soret coefficient as a fraction of the largest |S_T| the second law allows, in [-1, 1]. */
  soretFraction: number;
  /** null: reciprocal; else D_F / D_T (an unphysical teaching mode). */
  dufourRatio: number | null;
  T0: number;
  c0: number;
  /** The imposed temperature span as a fraction of T0, in [0, 0.3]. */
  spanFraction: number;
  periodicX: boolean;
  periodicY: boolean;
  walls: [WallDraw, WallDraw, WallDraw, WallDraw];
  obstacles: ShapeDraw[];
  sources: ShapeDraw[];
  regions: ShapeDraw[];
  scheme: SchemeName;
  jump: boolean;
}

const unit = fc.double({ min: 0, max: 1, noNaN: true });
const signed = fc.double({ min: -1, max: 1, noNaN: true });
const logIn = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true });

const wall: fc.Arbitrary<WallDraw> = fc.record({ heat: fc.constantFrom(...HEAT), mass: fc.constantFrom(...MASS), value: signed, value2: unit });
const shape: fc.Arbitrary<ShapeDraw> = fc.record({ x: unit, y: unit, w: unit, h: unit, value: signed, value2: unit });

/** Within 1 % of the bound (either sign) a third of the time, anywhere in [-1, 1] otherwise. */
const soretFraction = fc.oneof(
  { weight: 2, arbitrary: fc.double({ min: -0.99, max: 0.99, noNaN: true }) },
  { weight: 1, arbitrary: fc.tuple(fc.boolean(), fc.double({ min: 0.99, max: 0.9999, noNaN: true })).map(([neg, f]) => (neg ? -f : f)) },
);

export function drawArbitrary(o: { maxSide: number; maxCells: number }): fc.Arbitrary<Draw> {
  return fc
    .integer({ min: 1, max: o.maxSide })
    .chain((nx) =>
      fc.record({
        nx: fc.constant(nx),
        ny: fc.integer({ min: 1, max: Math.max(1, Math.min(o.maxSide, Math.floor(o.maxCells / nx))) }),
        logWidth: logIn(-3, -1),
        logHeight: logIn(-3, -1),
        logRho: logIn(-2, 4.3),
        logCp: logIn(2.1, 4.2),
        logK: logIn(-2.3, 2.6),
        logD: logIn(-12, -4),
        logM1: logIn(-2.7, 4),
        logM2: logIn(-2.7, 4),
        soretFraction,
        dufourRatio: fc.option(fc.double({ min: -1, max: 3, noNaN: true }), { freq: 4, nil: null }),
        T0: fc.double({ min: 50, max: 2000, noNaN: true }),
        c0: fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        spanFraction: fc.double({ min: 0, max: 0.3, noNaN: true }),
        periodicX: fc.boolean(),
        periodicY: fc.boolean(),
        walls: fc.tuple(wall, wall, wall, wall),
        obstacles: fc.array(shape, { maxLength: 2 }),
        sources: fc.array(shape, { maxLength: 2 }),
        regions: fc.array(shape, { maxLength: 2 }),
        scheme: fc.constantFrom(...SCHEMES),
        jump: fc.boolean(),
      }),
    );
}

const SIDES = ['left', 'right', 'bottom', 'top'] as const;

/** A rectangle on whole cells (so it covers cell centres), at most `most` of each side. */
function rect(d: ShapeDraw, nx: number, ny: number, width: number, height: number, most = 1): { x: [number, number]; y: [number, number] } {
  const cells = (f: number, n: number) => Math.max(1, Math.min(n, Math.round(f * most * n)));
  const wi = cells(d.w, nx);
  const hj = cells(d.h, ny);
  const i0 = Math.min(nx - wi, Math.floor(d.x * (nx - wi + 1)));
  const j0 = Math.min(ny - hj, Math.floor(d.y * (ny - hj + 1)));
  const hx = width / nx;
  const hy = height / ny;
  return { x: [i0 * hx, (i0 + wi) * hx], y: [j0 * hy, (j0 + hj) * hy] };
}

/** The scenario file of a draw (before the Soret coefficient is scaled to its bound). */
function baseScenario(d: Draw, soret: number): Json {
  const width = 10 ** d.logWidth;
  const height = 10 ** d.logHeight;
  const L = Math.max(width, height);
  const k = 10 ** d.logK;
  const span = d.spanFraction * d.T0;
  const heatScale = (k * Math.max(span, 0.01 * d.T0)) / L; // a flux that moves the span across L [W/m^2]
  const boundaries: Json = {};
  SIDES.forEach((side, i) => {
    const w = d.walls[i];
    const periodic = side === 'left' || side === 'right' ? d.periodicX : d.periodicY;
    if (periodic) {
      boundaries[side] = { heat: { type: 'periodic' }, mass: { type: 'periodic' } };
      return;
    }
    const heat =
      w.heat === 'flux0'
        ? { type: 'flux', value: 0 }
        : w.heat === 'temperature'
          ? { type: 'temperature', value: d.T0 + (w.value * span) / 2 }
          : w.heat === 'flux'
            ? { type: 'flux', value: w.value * heatScale }
            : { type: 'convective', h: 10 ** (4 * w.value2 - 1) * (k / L), ambient: d.T0 + (w.value * span) / 2 };
    const mass = w.mass === 'closed' ? { type: 'closed' } : { type: 'concentration', value: Math.min(0.999, Math.max(0.001, d.c0 + (w.value2 - 0.5) * 0.2)) };
    boundaries[side] = { heat, mass };
  });
  const s: Json = {
    version: 1,
    name: 'sweep',
    grid: { nx: d.nx, ny: d.ny, width, height },
    mixture: {
      rho: 10 ** d.logRho,
      cp: 10 ** d.logCp,
      k,
      D: 10 ** d.logD,
      soret,
      molarMass: [10 ** d.logM1, 10 ** d.logM2],
      dufour: d.dufourRatio === null ? 'reciprocal' : d.dufourRatio * soret * 10 ** d.logD,
    },
    reference: { T0: d.T0, c0: d.c0 },
    initial: {
      regions: d.regions.map((r) => ({ shape: 'rect', ...rect(r, d.nx, d.ny, width, height), T: d.T0 + (r.value * span) / 2, c: Math.min(0.999, Math.max(0.001, d.c0 + (r.value2 - 0.5) * 0.2)) })),
    },
    sources: d.sources.map((r) => ({ shape: 'rect', ...rect(r, d.nx, d.ny, width, height), q: (r.value * heatScale) / L })),
    obstacles: d.nx * d.ny < 4 ? [] : d.obstacles.map((r) => ({ shape: 'rect', ...rect(r, d.nx, d.ny, width, height, 0.5) })),
    boundaries,
    time: { scheme: d.scheme },
    allowUnphysical: d.dufourRatio !== null,
  };
  return s;
}

/**
 * The scenario of a draw: S_T = soretFraction x the bound over the states the scenario imposes
 * (derived.ts secondLaw.maxSoret with S_T = 0; with an explicit D_F the bound is on the symmetric
 * coefficient, so it is scaled by 2 / (1 + D_F/D_T)), clipped to the schema's range.
 */
export function buildScenario(d: Draw): Json {
  const trial = baseScenario(d, 0);
  const r = validateScenario({ ...trial, mixture: { ...(trial.mixture as Json), dufour: 'reciprocal' }, allowUnphysical: true });
  if (!r.ok) return baseScenario(d, 0.001 * d.soretFraction); // refused anyway: the sweep checks the refusal names a field
  const bound = deriveQuantities(r.value.scenario).secondLaw.maxSoret;
  const sym = d.dufourRatio === null ? 1 : Math.abs(1 + d.dufourRatio) / 2;
  const soret = Math.max(-10, Math.min(10, (d.soretFraction * bound) / Math.max(sym, 1e-3)));
  return baseScenario(d, Number.isFinite(soret) ? soret : 0);
}
