/**
 * The stiff schemes on the GPU (Dawn; SwiftShader without a GPU): GPU = CPU reference for RKL2,
 * the implicit scheme and the steady-state jump on every wall type; float32 conservation over 10^4
 * RKL2 stages; stability of a 1001-stage super-step; the jump's Soret separation.
 */
import { describe, expect, it } from 'vitest';
import { soretSteadySeparation } from '../../src/physics/analytic';
import { closedWallDeltaC } from '../../src/physics/faces';
import { ReferenceSimulation } from '../../src/physics/reference';
import { rkl2MaxStep } from '../../src/physics/rkl2';
import type { SchemeName } from '../../src/physics/scenario';
import { steadyStateProblems } from '../../src/physics/steady';
import type { Validated } from '../../src/physics/validate';
import { closedBox, soretCell, unitMixture } from '../helpers/cases';
import { gpuSim, hostTotals } from '../helpers/gpu';
import { mulberry32 } from '../helpers/random';
import { report } from '../helpers/report';
import { scenario, type Json } from '../helpers/scenarios';
import { bar, blob, caseScenario, grid, relativeDifference, strong, wallCases } from '../helpers/wallcases';

const withTime = (v: Validated, scheme: SchemeName, dt: number | 'auto' = 'auto'): Validated =>
  scenario({ ...(v.scenario as unknown as Json), time: { scheme, dt, safety: 0.9 } });

async function fieldDifferences(gpu: Awaited<ReturnType<typeof gpuSim>>, cpu: ReferenceSimulation, v: Validated) {
  const { T0, c0 } = v.scenario.reference;
  return {
    T: relativeDifference((await gpu.readField('T')).data, cpu.fieldNow('T'), T0),
    c: relativeDifference((await gpu.readField('c')).data, cpu.fieldNow('c'), c0),
  };
}

describe('RKL2 and implicit on the GPU = CPU reference', () => {
  it.each(wallCases)('%s: 3 RKL2 and 3 implicit steps agree within 1e-5', async (name, patch) => {
    const complex = caseScenario(patch).derived.lambdaComplex;
    // RKL2 is refused where the eigenvalues are complex (the unphysical Dufour case).
    if (complex) expect(() => withTime(caseScenario(patch), 'rkl2')).toThrow(/needs real transport eigenvalues/);
    for (const scheme of complex ? (['implicit'] as const) : (['rkl2', 'implicit'] as const)) {
      const v = withTime(caseScenario(patch), scheme);
      const gpu = await gpuSim(v);
      const cpu = new ReferenceSimulation(v);
      await gpu.step(3);
      cpu.advance(3);
      const d = await fieldDifferences(gpu, cpu, v);
      report(`GPU vs CPU ${scheme} ${name} (T, c; ${v.derived.stages} stages)`, `${d.T.toExponential(2)} ${d.c.toExponential(2)}`);
      expect(d.T).toBeLessThan(1e-5);
      expect(d.c).toBeLessThan(1e-5);
      expect(gpu.passes).toBeCloseTo(cpu.passes, 9);
      expect(gpu.passesPerStep).toBeCloseTo(scheme === 'rkl2' ? v.derived.stages : cpu.passes / 3, 9);
      const s = await gpu.stats();
      expect(s.steps).toBe(3);
      expect(s.simTime).toBeCloseTo(3 * v.derived.dt, 9);
      expect(s.nonFinite).toBe(0);
      if (scheme === 'implicit') {
        // the residual the last step left, GPU (float32) against CPU (float64)
        expect(gpu.lastSolve).not.toBeNull();
        expect(gpu.lastSolve!.relative).toBeLessThan(10 * cpu.lastSolve!.relative + 1e-5);
      }
      gpu.destroy();
    }
  });
});

describe('the steady-state jump on the GPU', () => {
  it.each(wallCases)('%s: lands on the CPU reference steady state, or is refused like it', async (name, patch) => {
    const v = caseScenario(patch);
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    if (steadyStateProblems(v).length) {
      await expect(gpu.jumpToSteadyState()).rejects.toThrow(/no steady state/);
      expect(() => cpu.jumpNow()).toThrow(/no steady state/);
      gpu.destroy();
      return;
    }
    const before = await gpu.stats();
    // To the float32 floor: the iteration stops when the residual no longer falls.
    const g = await gpu.jumpToSteadyState({ tolerance: 1e-8 });
    const c = cpu.jumpNow({ tolerance: 1e-10 });
    const d = await fieldDifferences(gpu, cpu, v);
    report(`GPU jump ${name}: iterations, relative residual, passes; field difference (T, c)`, `${g.iterations} ${g.relative.toExponential(2)} ${g.passes.toFixed(0)}; ${d.T.toExponential(2)} ${d.c.toExponential(2)}`);
    expect(g.converged || g.stalled).toBe(true);
    expect(g.relative).toBeLessThan(1e-5);
    expect(c.converged).toBe(true);
    expect(d.T).toBeLessThan(1e-4);
    expect(d.c).toBeLessThan(1e-4);
    const after = await gpu.stats();
    const massClosed = SIDES.every((s) => v.scenario.boundaries[s].mass.type !== 'concentration');
    if (massClosed) expect(Math.abs(after.solute - before.solute) / before.solute).toBeLessThan(1e-6);
    expect(after.steps).toBe(0);
    expect(after.nonFinite).toBe(0);
    gpu.destroy();
  });

  it('reaches c_cold - c_hot = tanh(S_T dT / 4) within 1e-3 from a uniform start, keeping the solute', async () => {
    const opts = { soret: 0.02, TH: 350, TC: 250 };
    const base = soretCell(96, opts);
    const v = scenario({ ...(base.scenario as unknown as Json), grid: { nx: 96, ny: 40, width: 1, height: 40 / 96 } });
    const gpu = await gpuSim(v);
    const before = await gpu.stats();
    const rep = await gpu.jumpToSteadyState();
    const after = await gpu.stats();
    const c = (await gpu.readField('c')).data;
    const T = (await gpu.readField('T')).data;
    let sep = 0;
    for (let j = 0; j < 40; j++) {
      const hot = j * 96;
      const cold = hot + 95;
      sep += c[cold] + closedWallDeltaC(c[cold], opts.soret, opts.TC - T[cold]) - (c[hot] + closedWallDeltaC(c[hot], opts.soret, opts.TH - T[hot]));
    }
    sep /= 40;
    const exact = soretSteadySeparation(opts.soret, opts.TH - opts.TC);
    const dSolute = Math.abs(after.solute - before.solute) / before.solute;
    report('GPU jump: c_cold - c_hot vs tanh(S_T dT/4); solute change; iterations; relative residual', `${sep.toFixed(6)} vs ${exact.toFixed(6)}; ${dSolute.toExponential(2)}; ${rep.iterations}; ${rep.relative.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(Math.abs(sep - exact)).toBeLessThan(1e-3);
    expect(dSolute).toBeLessThan(1e-6);
    gpu.destroy();
  });
});

const SIDES = ['left', 'right', 'bottom', 'top'] as const;

describe('RKL2 in float32', () => {
  it('conserves solute and energy to 1e-6 over 10^4 stages in a closed, insulated box', async () => {
    const v = withTime(closedBox(grid, strong, { initial: { T: 300, c: 0.5, regions: [blob, bar] } }), 'rkl2');
    const gpu = await gpuSim(v);
    const sums = () => hostTotals(gpu);
    const a = await sums();
    const s0 = await gpu.stats();
    const steps = Math.ceil(1e4 / v.derived.stages);
    await gpu.step(steps);
    const b = await sums();
    const s1 = await gpu.stats();
    expect(gpu.passes).toBeGreaterThanOrEqual(1e4);
    const dSolute = Math.abs(b.solute - a.solute) / a.solute;
    const dEnergy = Math.abs(b.energy - a.energy) / Math.abs(a.energy);
    report(`relative solute / energy change over ${gpu.passes} RKL2 stages (${v.derived.stages} per step)`, `${dSolute.toExponential(2)} / ${dEnergy.toExponential(2)}`);
    expect(dSolute).toBeLessThan(1e-6);
    expect(dEnergy).toBeLessThan(1e-6);
    expect(Math.abs(s1.solute - s0.solute) / s0.solute).toBeLessThan(1e-6);
    expect(s1.T.max - s1.T.min).toBeLessThan(0.2 * (s0.T.max - s0.T.min)); // it did relax
    gpu.destroy();
  });

  it('stays stable and equal to the CPU over super-steps of 1001 stages from rough noise', async () => {
    const rnd = mulberry32(3);
    const box = closedBox({ nx: 32, ny: 24, width: 1, height: 0.75 }, unitMixture(0.05, 0.02, 1e4));
    const dt = rkl2MaxStep(1001, 0.9 * box.derived.dtLimit);
    const v = withTime(box, 'rkl2', dt);
    expect(v.derived.stages).toBe(1001);
    const n = 32 * 24;
    const T = Float64Array.from({ length: n }, () => 300 + 10 * (rnd() - 0.5));
    const c = Float64Array.from({ length: n }, () => 0.5 + 0.2 * (rnd() - 0.5));
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    for (const sim of [gpu, cpu]) {
      await sim.writeField('T', T);
      await sim.writeField('c', c);
    }
    await gpu.step(3);
    cpu.advance(3);
    const s = await gpu.stats();
    // float32 round-off over 3003 stages, relative to the starting noise
    const diff = async (f: 'T' | 'c', start: Float64Array) => {
      const a = (await gpu.readField(f)).data;
      const b = cpu.fieldNow(f);
      const mean = start.reduce((x, y) => x + y, 0) / start.length;
      return Math.max(...b.map((x, i) => Math.abs(a[i] - x))) / Math.max(...start.map((x) => Math.abs(x - mean)));
    };
    const d = { T: await diff('T', T), c: await diff('c', c) };
    report('1001-stage super-steps from noise: T range after 3 steps; GPU vs CPU over the starting noise (T, c)', `${(s.T.max - s.T.min).toExponential(2)} K; ${d.T.toExponential(2)} ${d.c.toExponential(2)}`);
    expect(s.nonFinite).toBe(0);
    expect(s.firstNonFiniteStep).toBeNull();
    expect(s.T.max - s.T.min).toBeLessThan(10); // the noise decays, nothing grows
    expect(s.c.max).toBeLessThan(0.6 + 1e-6);
    expect(s.c.min).toBeGreaterThan(0.4 - 1e-6);
    expect(d.T).toBeLessThan(1e-3); // float32 round-off grows about linearly with the stages
    expect(d.c).toBeLessThan(1e-3);
    gpu.destroy();
  });
});

describe('scheme switches', () => {
  it('keeps the fields and frees what a scheme no longer needs (euler keeps 36 B/cell)', async () => {
    const v = caseScenario(wallCases[0][1]);
    const gpu = await gpuSim(v);
    const eulerBytes = gpu.gpuBytes;
    await gpu.step(10);
    const before = (await gpu.readField('c')).data;
    gpu.setScenario(withTime(v, 'rkl2'));
    expect((await gpu.readField('c')).data).toEqual(before);
    expect(gpu.gpuBytes - eulerBytes).toBeGreaterThanOrEqual(24 * grid.nx * grid.ny);
    await gpu.step(1);
    gpu.setScenario(withTime(v, 'implicit'));
    await gpu.step(1);
    // the multigrid: x and b of every level, two vec2 and a vec4 per cell, the coarse levels' operators (~85 B/cell)
    expect(gpu.gpuBytes).toBeGreaterThan(eulerBytes + 60 * grid.nx * grid.ny);
    gpu.setScenario(withTime(v, 'euler'));
    expect(gpu.gpuBytes).toBe(eulerBytes);
    // a jump from euler borrows the multigrid and gives it back
    await gpu.jumpToSteadyState();
    expect(gpu.gpuBytes).toBe(eulerBytes);
    expect((await gpu.stats()).nonFinite).toBe(0);
    gpu.destroy();
  });

  it('serves reads queued between RKL2 and implicit steps in queue order', async () => {
    const v = withTime(caseScenario(wallCases[1][1]), 'rkl2');
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    gpu.enqueueSteps(2);
    const early = gpu.readField('c');
    gpu.enqueueSteps(1);
    cpu.advance(2);
    expect(relativeDifference((await early).data, cpu.fieldNow('c'), 0.5)).toBeLessThan(1e-5);
    await gpu.step(0);
    expect(gpu.steps).toBe(3);
    gpu.destroy();
  });
});
