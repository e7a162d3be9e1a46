/**
 * Validation's warning about a fixed-temperature wall meeting a convective wall whose ambient
 * differs from the fixed temperature. Along the convective wall the wall temperature leaves the
 * fixed one over ell = k_eff / h [m] (k_eff at the reference state). A grid whose cells along that
 * wall are coarser than ell / CELLS_PER_ELL sees the corner as a jump of wall temperature, whose
 * entropy production grows like log(1 / cell): the total converges slowly, and reaches second order
 * only well past that (README "Accuracy at corners": Richardson ratios 0.76, 1.77, 2.38, 2.78 at
 * 0.5-33 cells per ell; 3.6-3.9 with ell resolved). Pure: scenario and derived quantities in,
 * warning lines out.
 */
import type { Derived } from './derived';
import type { Scenario, Side } from './scenario';

/** Cells per ell along the convective wall below which the warning is given [-]. */
export const CELLS_PER_ELL = 4;

const CORNERS: readonly [Side, Side][] = [
  ['left', 'bottom'],
  ['left', 'top'],
  ['right', 'bottom'],
  ['right', 'top'],
];

/** Whether `side` runs along x (bottom, top) or y (left, right). */
const alongX = (side: Side) => side === 'bottom' || side === 'top';

export function cornerResolutionWarnings(s: Scenario, d: Pick<Derived, 'keff'>): string[] {
  const out: string[] = [];
  const seen = new Set<Side>();
  for (const [a, b] of CORNERS) {
    for (const [fixed, conv] of [
      [a, b],
      [b, a],
    ] as const) {
      const f = s.boundaries[fixed].heat;
      const h = s.boundaries[conv].heat;
      if (f.type !== 'temperature' || h.type !== 'convective' || seen.has(conv)) continue;
      if (!(h.h > 0) || h.ambient === f.value || !(d.keff > 0)) continue;
      const ell = d.keff / h.h;
      const along = alongX(conv) ? 'nx' : 'ny';
      const length = alongX(conv) ? s.grid.width : s.grid.height;
      const cell = length / s.grid[along];
      if (cell * CELLS_PER_ELL <= ell) continue;
      seen.add(conv);
      const need = Math.ceil((CELLS_PER_ELL * length) / ell);
      out.push(
        `boundaries.${conv}.heat.h: where the ${conv} wall (convective, ambient ${h.ambient} K) meets the ${fixed} wall (fixed at ${f.value} K), ` +
          `its temperature changes over ell = k_eff / h = ${ell.toPrecision(3)} m, ${(ell / cell).toPrecision(2)} cells: the grid sees a jump of wall temperature ` +
          `there, and the total entropy production converges slowly until the cells resolve ell (grid.${along} >= ${need} for ${CELLS_PER_ELL} cells per ell)`,
      );
    }
  }
  return out;
}
