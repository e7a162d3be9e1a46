/**
 * The two fluxes of a cell split into their parts (physics.md section 1), for the page's probe and
 * flux arrows: J1 = Fick + Soret, Jq' = Fourier + Dufour. Uses the face formulas of faces.ts on the
 * two faces around the cell along each axis (averaged), so the parts add up to what the solver
 * moves through an interior cell. Pure functions of stored deviations (u = T - T0, v = c - c0).
 */
import { forAxisFaces } from './axis-faces';
import { faceFlux, type FaceConstants } from './faces';

/** Flux parts along one axis at a cell [J1 parts in kg m^-2 s^-1, Jq parts in W m^-2]. */
export interface FluxParts {
  fick: number;
  soret: number;
  fourier: number;
  dufour: number;
}

/**
 * Parts of the fluxes across one face from state L to state R at distance d [m] (positive L -> R):
 * the solver's own face fluxes (faceFlux) split into their Fick and Fourier terms and the rest,
 * so the parts always add up to exactly what the solver moves.
 */
export function faceFluxParts(p: FaceConstants, uL: number, vL: number, uR: number, vR: number, d: number, out: FluxParts): FluxParts {
  const f = faceFlux(p, uL, vL, uR, vR, d);
  out.fick = (-p.rhoD * (vR - vL)) / d;
  out.soret = f.J1 - out.fick;
  out.fourier = (-p.k * (uR - uL)) / d;
  out.dufour = f.Jq - out.fourier;
  return out;
}

const scratch: FluxParts = { fick: 0, soret: 0, fourier: 0, dufour: 0 };

/**
 * Flux parts at cell (i, j) along x and y, from the mean of its two faces on each axis (one face
 * at the domain's edge). Fields are row-major deviations, row 0 at the bottom. Writes into `x`, `y`.
 */
export function cellFluxParts(
  p: FaceConstants,
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  nx: number,
  ny: number,
  hx: number,
  hy: number,
  i: number,
  j: number,
  x: FluxParts,
  y: FluxParts,
): void {
  const axis = (out: FluxParts, lo: number, mid: number, hi: number, h: number, hasLo: boolean, hasHi: boolean) => {
    out.fick = out.soret = out.fourier = out.dufour = 0;
    const n = forAxisFaces(lo, mid, hi, hasLo, hasHi, (a, b) => {
      faceFluxParts(p, u[a], v[a], u[b], v[b], h, scratch);
      out.fick += scratch.fick;
      out.soret += scratch.soret;
      out.fourier += scratch.fourier;
      out.dufour += scratch.dufour;
    });
    if (n === 0) return;
    out.fick /= n;
    out.soret /= n;
    out.fourier /= n;
    out.dufour /= n;
  };
  const c = j * nx + i;
  axis(x, c - 1, c, c + 1, hx, i > 0, i < nx - 1);
  axis(y, c - nx, c, c + nx, hy, j > 0, j < ny - 1);
}
