import { describe, expect, it } from 'vitest';
import { FARADAY, logit } from '../../src/physics/analytic';
import { ReferenceSimulation } from '../../src/physics/reference';
import { GAS_CONSTANT } from '../../src/physics/thermo';
import { parseScenario } from '../../src/physics/validate';
import { gpuSim } from '../helpers/gpu';
import { ionCell } from '../helpers/ions';
import { report } from '../helpers/report';
import { relativeDifference } from '../helpers/wallcases';

const T = 298.15;
const RT_F = (GAS_CONSTANT * T) / FARADAY;

describe('ions on the GPU (physics.md 8)', () => {
  it('case (g) after the jump: logit difference within 1e-4, dilute ratio within 1e-3', async () => {
    const nx = 16;
    for (const c0 of [0.5, 1e-4]) {
      const gpu = await gpuSim(parseScenario(ionCell({ nx, phiL: 0, phiR: 0.1, c0 })));
      const rep = await gpu.jumpToSteadyState();
      expect(rep.converged).toBe(true);
      const c = (await gpu.readField('c')).data;
      const dz = logit(c[nx - 1]) - logit(c[0]);
      const expected = (-0.1 * (1 - 1 / nx)) / RT_F;
      report(`GPU case (g) c0 = ${c0}`, `logit diff ${dz} vs ${expected}; ratio ${c[nx - 1] / c[0]}`);
      if (c0 === 0.5) expect(Math.abs(dz / expected - 1)).toBeLessThan(1e-4);
      else expect(Math.abs(c[nx - 1] / c[0] / Math.exp(-3.8922 * (1 - 1 / nx)) - 1)).toBeLessThan(1e-3);
      gpu.destroy();
    }
  });

  it('GPU = CPU with drift, Joule heating and electric Dufour: 100 euler steps on a 2-D cell with an obstacle', async () => {
    const s = ionCell({ nx: 24, phiL: 0, phiR: 0.3, c0: 0.3, cL: 0.35, cR: 0.25, soret: 0.01, M: [0.039, 0.018], scheme: 'euler', insulated: true });
    const g = s.grid as { ny: number; height: number };
    g.ny = 12;
    g.height = 0.5e-4;
    s.obstacles = [{ shape: 'rect', x: [0.45e-4, 0.55e-4], y: [0, 0.35e-4] }];
    const v = parseScenario(s);
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    await gpu.step(100);
    cpu.advance(100);
    const off = { T: T, c: 0.3, sigma: 0 };
    const d: Record<string, number> = {};
    for (const f of ['T', 'c', 'sigma'] as const) d[f] = relativeDifference((await gpu.readField(f)).data, cpu.fieldNow(f), off[f]);
    report('GPU vs CPU ions (T, c, sigma)', `${d.T.toExponential(2)} ${d.c.toExponential(2)} ${d.sigma.toExponential(2)}`);
    expect(d.T).toBeLessThan(1e-5);
    expect(d.c).toBeLessThan(1e-5);
    expect(d.sigma).toBeLessThan(1e-5);
    const gs = await gpu.stats();
    const cs = cpu.statsNow();
    expect(gs.current).toBeDefined();
    const scale = Math.max(...Object.values(cs.current!).map(Math.abs));
    expect(scale).toBeGreaterThan(0);
    for (const side of ['left', 'right', 'bottom', 'top'] as const) expect(Math.abs(gs.current![side] - cs.current![side]) / scale, side).toBeLessThan(1e-4);
    expect(gs.sigma.min).toBeGreaterThanOrEqual(0);
    expect(gs.solute / cs.solute).toBeCloseTo(1, 5);
    expect(gs.energy).toBeGreaterThan(0); // Joule heating of an insulated cell
    expect(gs.energy / cs.energy).toBeCloseTo(1, 4);
    gpu.destroy();
  });

  it('no negative c at |zF dphi_face / RT| = 20 (euler), solute conserved in float32', async () => {
    const n = 8;
    const v = parseScenario(ionCell({ nx: n, phiL: 0, phiR: 20 * RT_F * n, c0: 0.3, scheme: 'euler' }));
    const gpu = await gpuSim(v);
    const s0 = (await gpu.stats()).solute;
    await gpu.step(2000);
    const st = await gpu.stats();
    expect(st.c.min).toBeGreaterThanOrEqual(0);
    expect(st.nonFinite).toBe(0);
    expect(Math.abs(st.solute / s0 - 1)).toBeLessThan(1e-6);
    gpu.destroy();
  });

  it('rkl2 and implicit steps with the drift: GPU = CPU within 1e-4; a scenario gaining a charge gets its potential', async () => {
    for (const scheme of ['rkl2', 'implicit'] as const) {
      const v = parseScenario(ionCell({ nx: 16, phiL: 0, phiR: 0.1, c0: 0.3, cL: 0.35, cR: 0.25, soret: 0.01, M: [0.039, 0.018], scheme }));
      const gpu = await gpuSim(v);
      const cpu = new ReferenceSimulation(v);
      await gpu.step(3);
      cpu.advance(3);
      const d = relativeDifference((await gpu.readField('c')).data, cpu.fieldNow('c'), 0.3);
      report(`GPU vs CPU ions ${scheme} (c)`, d.toExponential(2));
      expect(d).toBeLessThan(1e-4);
      gpu.destroy();
    }
    const neutral = parseScenario(ionCell({ nx: 16, phiL: 0, phiR: 0.1, c0: 0.3, charge: 0, scheme: 'euler' }));
    const gpu = await gpuSim(neutral);
    await expect(gpu.readField('phi')).rejects.toThrow(/no potential/);
    gpu.setScenario(parseScenario(ionCell({ nx: 16, phiL: 0, phiR: 0.1, c0: 0.3, scheme: 'euler' })));
    const phi = (await gpu.readField('phi')).data;
    expect(phi[15]).toBeCloseTo((0.1 * 15.5) / 16, 12);
    await gpu.step(10);
    expect((await gpu.stats()).c.max).toBeGreaterThan(0.3); // the drift acts after the switch
    gpu.destroy();
  });
});
