import { describe, expect, it } from 'vitest';
import { faceConstantsOf } from '../../src/physics/discretisation';
import { faceFlux } from '../../src/physics/faces';
import { cellFluxParts, faceFluxParts, type FluxParts } from '../../src/physics/flux-parts';
import { scenario } from '../helpers/scenarios';

const blank = (): FluxParts => ({ fick: 0, soret: 0, fourier: 0, dufour: 0 });

describe('cellFluxParts', () => {
  it('is the mean of the two faces along each axis (one face at the domain edge), and its parts add up to the face fluxes', () => {
    const v = scenario();
    const p = faceConstantsOf(v.scenario, v.derived);
    const nx = 3;
    const ny = 2;
    const u = [0.5, -1, 2, 0.25, 1.5, -0.5];
    const c = [0.01, -0.02, 0.03, 0, 0.015, -0.01];
    const hx = 1e-3;
    const hy = 2e-3;
    const x = blank();
    const y = blank();
    // Interior along x: cell (1, 0) between cells 0 and 2.
    cellFluxParts(p, u, c, nx, ny, hx, hy, 1, 0, x, y);
    const left = faceFluxParts(p, u[0], c[0], u[1], c[1], hx, blank());
    const right = faceFluxParts(p, u[1], c[1], u[2], c[2], hx, blank());
    for (const k of ['fick', 'soret', 'fourier', 'dufour'] as const) expect(x[k]).toBeCloseTo(0.5 * (left[k] + right[k]), 12);
    const J1 = 0.5 * (faceFlux(p, u[0], c[0], u[1], c[1], hx).J1 + faceFlux(p, u[1], c[1], u[2], c[2], hx).J1);
    expect((x.fick + x.soret) / J1).toBeCloseTo(1, 12);
    // Bottom row along y: only the face to the cell above.
    const up = faceFluxParts(p, u[1], c[1], u[4], c[4], hy, blank());
    for (const k of ['fick', 'soret', 'fourier', 'dufour'] as const) expect(y[k]).toBe(up[k]);
    expect(up.fick).not.toBe(0);
  });
});
