/**
 * The GPU's jump under strong coupling, retaken along the coupling ladder (gpu/coupling-jump.ts,
 * the mirror of the CPU's; issue 8). Seed 2078 #76 (physical, S_T = 0.298 1/K): the plain float32
 * jump ended non-finite (relative residual NaN) where the steady state is uniform; seed 2063 #5
 * (unphysical, S_T = -10 1/K): likewise. Along the ladder both land on the uniform state, as the
 * float64 reference does, and the scenario's own coefficients are back for the steps after it.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { solveAccepted } from '../../src/physics/run-checks';
import { GPU_CPU } from '../../scripts/sweep/check';
import { draw2063, draw2078, draw2079 } from '../helpers/coupling-draws';
import { gpuSim } from '../helpers/gpu';
import { soretChannel } from '../helpers/sweep-jumps';
import { report } from '../helpers/report';
import { GpuCpuPair } from '../helpers/gpu-cpu';
import { STRONG_SORET_8x14 } from '../helpers/sweep-cases';
import { parseScenario } from '../../src/physics/validate';

/** float32 holds T to 6e-8 of T; the jump's residual (1e-5 of the start's transport) leaves more. */
const T_TOLERANCE = 1e-6;
const C_TOLERANCE = 1e-6;

describe('the GPU jump under strong coupling, along the coupling ladder', () => {
  for (const [name, v, T, c] of [
    ['seed 2078 #76 (physical, S_T = 0.3 1/K)', draw2078, 334.1223075697503, 0.899],
    ['seed 2063 #5 (unphysical, S_T = -10 1/K)', draw2063, 104.0246542460072, 0.001],
  ] as const) {
    it(`${name}: converges to the uniform steady state, = the CPU reference, and steps on from it`, async () => {
      const gpu = await gpuSim(v);
      const rep = await gpu.jumpToSteadyState();
      const cpu = new ReferenceSimulation(v);
      expect(cpu.jumpNow().converged).toBe(true);
      const end = await gpu.stats();
      report(`GPU jump ${name}: iterations (all rungs), relative residual, T off, c off`, `${rep.iterations} ${rep.relative.toExponential(2)} ${Math.max(Math.abs(end.T.min - T), Math.abs(end.T.max - T)).toExponential(1)} ${Math.max(Math.abs(end.c.min - c), Math.abs(end.c.max - c)).toExponential(1)}`);
      expect(rep.converged).toBe(true);
      expect(Number.isFinite(rep.relative)).toBe(true);
      // The plain attempt's non-finite values were undone with its state (the status word too).
      expect(end.firstNonFiniteStep).toBeNull();
      for (const x of [end.T.min, end.T.max]) expect(Math.abs(x - T)).toBeLessThan(T_TOLERANCE * T);
      for (const x of [end.c.min, end.c.max]) expect(Math.abs(x - c)).toBeLessThan(C_TOLERANCE);
      const cpuEnd = cpu.statsNow();
      expect(Math.abs(end.T.max - cpuEnd.T.max)).toBeLessThan(T_TOLERANCE * T);
      expect(Math.abs(end.c.max - cpuEnd.c.max)).toBeLessThan(C_TOLERANCE);
      // Steps after the jump run with the scenario's own coupling: the steady state stays.
      await gpu.step(2);
      const after = await gpu.stats();
      for (const x of [after.T.min, after.T.max]) expect(Math.abs(x - T)).toBeLessThan(T_TOLERANCE * T);
      gpu.destroy();
      cpu.destroy();
    }, 300_000);
  }
});

describe('the GPU jump under strong coupling, relaxed', () => {
  it('seed 2079 #42 (255 x 1, S_T = -10 1/K): converges relaxed, c within GPU_CPU of its span from the CPU jump', async () => {
    const v = draw2079;
    const gpu = await gpuSim(v);
    const rep = await gpu.jumpToSteadyState();
    const cpu = new ReferenceSimulation(v);
    expect(cpu.jumpNow().converged).toBe(true);
    const a = (await gpu.readField('c')).data;
    const b = cpu.fieldNow('c');
    const s = cpu.statsNow();
    let diff = 0;
    for (let i = 0; i < b.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
    const off = diff / (s.c.max - s.c.min);
    report('GPU jump seed 2079 #42: iterations (all attempts), relative residual, c off (of its span)', `${rep.iterations} ${rep.relative.toExponential(2)}${rep.stalled ? ' (stalled)' : ''} ${off.toExponential(2)}`);
    expect(solveAccepted(rep)).toBe(true);
    expect(off).toBeLessThanOrEqual(GPU_CPU);
    gpu.destroy();
    cpu.destroy();
  }, 300_000);

  // The residual of either backend's jump falls non-monotonically below JUMP_TOLERANCE; the float64
  // refinement stopped at the first rise (9.77e-6, 1.3e-2 of the span off its fixed point), the
  // GPU's went on by chance: 1.2e-2 apart after the jump, and after two RKL2 steps of 1001 stages
  // still 1.45e-2 (sweep seed 2097 #1 "gpu = cpu reference", read there as RKL2 float32 error).
  it('seed 2097 #1 (255 x 1, S_T = -4.6 1/K): T and c within GPU_CPU of their span from the CPU jump', async () => {
    const v = soretChannel();
    const gpu = await gpuSim(v);
    const rep = await gpu.jumpToSteadyState();
    const cpu = new ReferenceSimulation(v);
    expect(cpu.jumpNow().converged).toBe(true);
    const off = async (name: 'T' | 'c') => {
      const a = (await gpu.readField(name)).data;
      const b = cpu.fieldNow(name);
      let diff = 0;
      for (let i = 0; i < b.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
      return diff / (Math.max(...b) - Math.min(...b));
    };
    const [dT, dc] = [await off('T'), await off('c')];
    report('GPU jump seed 2097 #1: iterations (all attempts), relative residual, T and c off (of their span)', `${rep.iterations} ${rep.relative.toExponential(2)} ${dT.toExponential(2)} ${dc.toExponential(2)}`);
    expect(solveAccepted(rep)).toBe(true);
    expect(dT).toBeLessThanOrEqual(GPU_CPU);
    expect(dc).toBeLessThanOrEqual(GPU_CPU);
    gpu.destroy();
    cpu.destroy();
  }, 300_000);
});

describe('the GPU jump under strong Soret coupling, exact Newton on the host (physics/newton.ts)', () => {
  it('seed 2079 #70 (8 x 14, S_T = 10 1/K): the plain and mixed ladders end at 2.9e-2; the host exact-Newton jump, judged by the GPU residual, converges, = the CPU reference', async () => {
    const v = parseScenario(STRONG_SORET_8x14);
    const pair = await GpuCpuPair.create(v);
    const { gpu, cpu } = await pair.jump();
    const T = await pair.gap('T');
    const c = await pair.gap('c');
    report('GPU jump seed 2079 #70: iterations (all attempts), relative residual (float32, the GPU own); GPU = CPU T, c (of the excursion)', `${gpu.iterations} ${gpu.relative.toExponential(2)}; ${T.relative.toExponential(2)} ${c.relative.toExponential(2)}`);
    expect(cpu.converged).toBe(true);
    expect(gpu.converged).toBe(true);
    expect(gpu.relative).toBeLessThanOrEqual(1e-5);
    expect(T.relative).toBeLessThanOrEqual(GPU_CPU);
    expect(c.relative).toBeLessThanOrEqual(GPU_CPU);
    pair.destroy();
  }, 300_000);
});
