import { describe, expect, it } from 'vitest';
import { finTheory } from '../../src/physics/fin';
import { presetFile } from '../../src/physics/presets';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';

describe('heat-sink fin against the classical fin result (tanh(mL), convective tip)', () => {
  it('the preset is in the 1D limit: Bi << 1; m, L, mL stated', () => {
    const fin = finTheory(parseScenario(presetFile('heat-sink-fin')).scenario);
    expect(fin).toBeDefined();
    const f = fin!;
    // h = 50 W/(m^2 K), k = 205 W/(m K), t = 1 cm, L = 10 cm
    expect(f.Bi).toBeCloseTo((50 * 0.005) / 205, 12); // 1.22e-3
    expect(f.m).toBeCloseTo(Math.sqrt(100 / (205 * 0.01)), 12); // 6.98 1/m, mL = 0.698
    // an adiabatic tip (h_tip -> 0) would give Q = sqrt(h P k A_c) theta_b tanh(mL); the convective tip adds a little
    const adiabatic = Math.sqrt(50 * 2 * 205 * 0.01) * 50 * Math.tanh(f.m * f.L);
    expect(f.heatFlow / adiabatic).toBeGreaterThan(1);
    expect(f.heatFlow / adiabatic).toBeLessThan(1.05);
  });

  it('steady state (jump, CPU reference): base heat flow and tip temperature within 0.5 % of fin theory', async () => {
    const v = parseScenario(presetFile('heat-sink-fin'));
    const fin = finTheory(v.scenario)!;
    const sim = new ReferenceSimulation(v);
    const rep = sim.jumpNow();
    expect(rep.converged).toBe(true);
    const st = sim.statsNow();
    const Q = st.heatIn.left;
    expect(Math.abs(Q / fin.heatFlow - 1)).toBeLessThan(0.005);
    // energy balance: what enters at the base leaves through the three convective walls
    expect(Math.abs(st.heatIn.left + st.heatIn.right + st.heatIn.bottom + st.heatIn.top) / Q).toBeLessThan(1e-4); // the jump stops at a relative residual of 1e-5
    // tip: the last cell column (centres at L - hx/2), excess temperature theta = T - T_inf
    const { nx, ny, width } = v.scenario.grid;
    const T = sim.fieldNow('T');
    let tip = 0;
    for (let j = 0; j < ny; j++) tip += T[j * nx + nx - 1] / ny;
    const x = width - width / nx / 2;
    const thetaSim = tip - fin.Tinf;
    const thetaFin = fin.T(x) - fin.Tinf;
    expect(Math.abs(thetaSim / thetaFin - 1)).toBeLessThan(0.005);
    // the overlay's slope is the derivative of its profile
    const d = 1e-6;
    expect(fin.dTdx(x) / ((fin.T(x + d) - fin.T(x - d)) / (2 * d))).toBeCloseTo(1, 6);
    console.log(`fin: m = ${fin.m.toFixed(3)} 1/m, L = ${fin.L} m, mL = ${(fin.m * fin.L).toFixed(3)}, Bi = ${fin.Bi.toExponential(2)}; Q ${Q.toFixed(4)} vs ${fin.heatFlow.toFixed(4)} W/m (${((Q / fin.heatFlow - 1) * 100).toFixed(3)} %), tip theta ${thetaSim.toFixed(4)} vs ${thetaFin.toFixed(4)} K (${((thetaSim / thetaFin - 1) * 100).toFixed(3)} %)`);
  });

  it('no fin theory for a scenario that is not a fin (the Soret cell)', () => {
    expect(finTheory(parseScenario(presetFile('soret-cell')).scenario)).toBeUndefined();
  });
});
