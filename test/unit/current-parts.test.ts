import { describe, expect, it } from 'vitest';
import { FARADAY } from '../../src/physics/analytic';
import { cellCurrentParts } from '../../src/physics/current-parts';
import { faceConstantsOf } from '../../src/physics/discretisation';
import { GAS_CONSTANT } from '../../src/physics/thermo';
import { parseScenario } from '../../src/physics/validate';
import { channelScenario } from '../helpers/ion-page';

describe('ionic current density parts (current arrows)', () => {
  const v = parseScenario(channelScenario({ nx: 16, ny: 4, width: 1e-4, height: 2.5e-5 }));
  const s = v.scenario;
  const p = faceConstantsOf(s, v.derived);
  const { nx, ny } = s.grid;
  const hx = s.grid.width / nx;
  const hy = s.grid.height / ny;
  const T = s.reference.T0;
  const E = 200; // V/m along -x: phi = -E x
  const phi = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) phi[j * nx + i] = -E * (i + 0.5) * hx;
  const u = new Float64Array(nx * ny);
  const solid = new Uint32Array(nx * ny);
  const out = new Float64Array(4);
  const zFM = (FARADAY * 1) / s.mixture.molarMass[0];

  it('uniform c in a uniform field: no diffusion, the Nernst-Planck drift rho D c zF E/(RT) times zF/M1', () => {
    const c = 1e-3;
    const dv = new Float64Array(nx * ny).fill(c - s.reference.c0);
    cellCurrentParts(p, u, dv, phi, solid, nx, ny, hx, hy, 5, 2, out);
    expect(Math.abs(out[0])).toBeLessThan(1e-12 * Math.abs(out[2]));
    expect(out[1]).toBe(0);
    const expected = zFM * s.mixture.rho * s.mixture.D * c * (1 - c) * (FARADAY / (GAS_CONSTANT * T)) * E;
    expect(out[2] / expected).toBeCloseTo(1, 3);
    expect(out[3]).toBe(0);
  });

  it('the Boltzmann profile: diffusion and drift equal and opposite (zero current); solid cells carry none', () => {
    // logit c = a - zF phi/(RT) (M1 = M2): the isothermal zero-flux state.
    const dv = new Float64Array(nx * ny);
    for (let k = 0; k < dv.length; k++) {
      const x = Math.log(1e-3 / (1 - 1e-3)) - (FARADAY * phi[k]) / (GAS_CONSTANT * T);
      dv[k] = 1 / (1 + Math.exp(-x)) - s.reference.c0;
    }
    cellCurrentParts(p, u, dv, phi, solid, nx, ny, hx, hy, 7, 1, out);
    expect(Math.abs(out[0])).toBeGreaterThan(0);
    expect(Math.abs(out[0] + out[2])).toBeLessThan(1e-9 * Math.abs(out[0]));
    solid[1 * nx + 7] = 1;
    cellCurrentParts(p, u, dv, phi, solid, nx, ny, hx, hy, 7, 1, out);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});
