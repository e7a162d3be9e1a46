/**
 * The implicit scheme's pipelines are compiled ahead, through the one pipeline cache (issue 9):
 * a solver created for euler does not compile them; after a switch to implicit the solver is
 * `preparing` (enqueueSteps refused) until `ready()` compiles them (as `step` and the jump do),
 * and a compile error names implicit.wgsl's own line. Its own file: one fresh device, so no other test
 * has compiled the implicit kernels first.
 */
import { describe, expect, it } from 'vitest';
import { IMPLICIT_KERNELS } from '../../src/gpu/implicit';
import { PipelineCache, pipelineCache } from '../../src/gpu/pipelines';
import { ReferenceSimulation } from '../../src/physics/reference';
import type { SchemeName } from '../../src/physics/scenario';
import { closedBox } from '../helpers/cases';
import { gpuContext, gpuSim, hostTotals } from '../helpers/gpu';
import { blob, relativeDifference, strong } from '../helpers/wallcases';

/** A closed, insulated box with a warm, rich blob (energy and solute conserved). */
const box = (scheme: SchemeName) => closedBox({ nx: 16, ny: 12, width: 1, height: 0.75 }, strong, { initial: { T: 300, c: 0.5, regions: [blob] }, time: { scheme } });

describe('implicit pipelines prepared ahead', () => {
  it('euler -> implicit: preparing until compiled, enqueueSteps refused meanwhile, then the steps equal the CPU reference and keep the totals', async () => {
    const { device, sources } = await gpuContext();
    const sim = await gpuSim(box('euler'));
    const cpu = new ReferenceSimulation(box('euler'));
    expect(pipelineCache(device, sources).isReady(IMPLICIT_KERNELS)).toBe(false);
    expect(sim.preparing).toBe(false);
    await sim.step(2);
    await cpu.step(2);
    const before = await hostTotals(sim);
    sim.setScenario(box('implicit'));
    cpu.setScenario(box('implicit'));
    // Nothing compiles the kernels before they are first needed.
    expect(sim.preparing).toBe(true);
    expect(() => sim.enqueueSteps(1)).toThrow(/implicit scheme is still being prepared/);
    await sim.ready();
    expect(sim.preparing).toBe(false);
    expect(pipelineCache(device, sources).isReady(IMPLICIT_KERNELS)).toBe(true);
    await sim.step(3);
    await cpu.step(3);
    expect(sim.lastSolve?.converged).toBe(true);
    // The implicit steps move the blob and equal the CPU reference; closed walls keep the totals.
    const T = (await sim.readField('T')).data;
    expect(relativeDifference(T, cpu.fieldNow('T'), 300)).toBeLessThan(1e-5);
    expect(relativeDifference((await sim.readField('c')).data, cpu.fieldNow('c'), 0.5)).toBeLessThan(1e-5);
    expect(Math.max(...T) - 300).toBeLessThan(12 - 1e-3);
    const after = await hostTotals(sim);
    expect(Math.abs(after.energy - before.energy)).toBeLessThan(1e-4 * Math.abs(before.energy));
    expect(Math.abs(after.solute - before.solute)).toBeLessThan(1e-5 * before.solute);
    sim.destroy();
  });

  it("a compile error in implicit.wgsl names the shader's own file and line", async () => {
    const { device, sources } = await gpuContext();
    const broken = { ...sources, 'implicit.wgsl': sources['implicit.wgsl'].replace('fn reductionCells() -> u32 {', 'fn reductionCells() -> u32 {\n  let oops: f32 = notDeclaredHere;') };
    const line = broken['implicit.wgsl'].split('\n').findIndex((l) => l.includes('notDeclaredHere')) + 1;
    expect(line).toBeGreaterThan(0);
    await expect(new PipelineCache(device, broken).prepare(IMPLICIT_KERNELS)).rejects.toThrow(new RegExp(`implicit\\.wgsl:${line}:\\d+ error: .*notDeclaredHere`));
  });
});
