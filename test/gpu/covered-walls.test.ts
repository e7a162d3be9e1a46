/**
 * GPU mirror of test/unit/covered-walls.test.ts: with its temperature and concentration walls
 * covered by an obstacle, the balanced channel's jump keeps both totals on the GPU too (the GPU
 * solver takes its null channels from physics/open-walls.ts) and lands on the CPU reference.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { coveredWallScenario } from '../helpers/covered-wall';
import { gpuSim } from '../helpers/gpu';

describe('GPU: walls covered by obstacles', () => {
  it('the jump keeps the fluid totals of T and c and equals the CPU reference', async () => {
    const v = coveredWallScenario(0);
    const gpu = await gpuSim(v);
    const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, x, i) => (i === 0 ? s : s + x), 0); // cell 0 is solid
    const T0 = sum(await gpu.readDeviation('T'));
    const c0 = sum(await gpu.readDeviation('c'));
    const rep = await gpu.jumpToSteadyState();
    expect(rep.converged).toBe(true);
    const T = await gpu.readDeviation('T');
    const c = await gpu.readDeviation('c');
    // float32 deviations: the totals to 1e-5 of the start's
    expect(Math.abs(sum(T) - T0)).toBeLessThan(1e-5 * Math.abs(T0));
    expect(Math.abs(sum(c) - c0)).toBeLessThan(1e-5 * Math.abs(c0));
    const cpu = new ReferenceSimulation(v);
    cpu.jumpNow();
    const Tc = cpu.fieldNow('T');
    for (let i = 1; i < T.length; i++) expect(Math.abs(T[i] + 300 - Tc[i])).toBeLessThan(1e-3);
    cpu.destroy();
    gpu.destroy();
  });
});
