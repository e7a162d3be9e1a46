/**
 * The ionic current density of a cell split into its diffusion and drift parts (physics.md 8:
 * i = (zF/M1) J1 [A m^-2]), for the page's current arrows. Each part is the mean over the cell's
 * two faces along an axis of the solver's own face flux (faces.ts faceFlux with the potential drop
 * across the face): drift = J1(with dphi) - J1(dphi = 0), diffusion = J1(dphi = 0) (Fick and
 * Soret), so the parts add up to what the solver moves. Faces to solid cells carry nothing and are
 * left out of the mean; a solid cell has no current. Pure functions of stored deviations
 * (u = T - T0, v = c - c0) and phi [V].
 */
import { forAxisFaces } from './axis-faces';
import { faceFlux, type FaceConstants } from './faces';

/** Current density parts at a cell along x and y [A m^-2]: diffusion x, y, drift x, y. */
export type CurrentParts = Float64Array;

/**
 * Writes the parts at cell (i, j) into `out` (length 4). Fields are row-major, row 0 at the
 * bottom; `solid[k] != 0` marks obstacle cells.
 */
export function cellCurrentParts(
  p: FaceConstants,
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  phi: ArrayLike<number>,
  solid: ArrayLike<number>,
  nx: number,
  ny: number,
  hx: number,
  hy: number,
  i: number,
  j: number,
  out: CurrentParts,
): void {
  out.fill(0);
  const c = j * nx + i;
  if (solid[c]) return;
  const q = p.chargePerMass;
  const axis = (k: 0 | 1, lo: number, hi: number, h: number, hasLo: boolean, hasHi: boolean) => {
    let diff = 0;
    let drift = 0;
    const n = forAxisFaces(lo, c, hi, hasLo && !solid[lo], hasHi && !solid[hi], (a, b) => {
      const plain = faceFlux(p, u[a], v[a], u[b], v[b], h).J1;
      const total = faceFlux(p, u[a], v[a], u[b], v[b], h, phi[b] - phi[a]).J1;
      diff += plain;
      drift += total - plain;
    });
    if (n === 0) return;
    out[k] = (q * diff) / n;
    out[k + 2] = (q * drift) / n;
  };
  axis(0, c - 1, c + 1, hx, i > 0, i < nx - 1);
  axis(1, c - nx, c + nx, hy, j > 0, j < ny - 1);
}
