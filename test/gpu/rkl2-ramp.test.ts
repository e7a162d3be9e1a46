/**
 * RKL2 from a discontinuous start on the GPU: the same substeps as the CPU reference
 * (physics/rkl2.ts rkl2Substeps), so c stays in [0, 1] on both and GPU = CPU (sweep seeds 2075 #10
 * and 2079 #18, refused on both backends before).
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { rkl2Substeps } from '../../src/physics/rkl2';
import { withValue } from '../../src/physics/validate';
import { paramsLayout } from '../../src/gpu/params';
import { gpuContext, gpuSim } from '../helpers/gpu';
import { report } from '../helpers/report';
import { overshootAtOne, undershootAtZero } from '../helpers/rkl2-ramp-cases';
import { relativeDifference } from '../helpers/wallcases';

describe('RKL2 from a discontinuous start (GPU = CPU)', () => {
  it.each([
    ['seed 2075 #10 (c near 1)', overshootAtOne],
    ['seed 2079 #18 (c near 0)', undershootAtZero],
  ] as const)('%s: the same substeps, c in [0, 1], the same fields', async (name, v) => {
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    try {
      await gpu.step(2);
      cpu.advance(2);
      // a change of dt alone keeps the state's age (no ramp); a written field restarts it
      const half = withValue(v.scenario, 'time.dt', v.derived.dt / 2);
      gpu.setScenario(half);
      cpu.setScenario(half);
      await gpu.step(1);
      cpu.advance(1);
      await gpu.writeField('c', (await gpu.readField('c')).data);
      await cpu.writeField('c', cpu.fieldNow('c'));
      await gpu.step(1);
      cpu.advance(1);
      const s = await gpu.stats();
      const { T0, c0 } = v.scenario.reference;
      // T stays uniform at T0 in both draws: its difference relative to T0 (one float32 rounding is 6e-8)
      const gT = (await gpu.readField('T')).data;
      const dT = cpu.fieldNow('T').reduce((m, x, i) => Math.max(m, Math.abs(gT[i] - x)), 0) / T0;
      const dc = relativeDifference((await gpu.readField('c')).data, cpu.fieldNow('c'), c0);
      report(`GPU vs CPU rkl2 ramp ${name} (T, c; passes)`, `${dT.toExponential(2)} ${dc.toExponential(2)}; ${gpu.passes}`);
      expect(gpu.passes).toBe(cpu.passes);
      expect(s.steps).toBe(4);
      expect(gpu.simTime).toBeCloseTo(cpu.simTime, 12);
      expect(s.c.min).toBeGreaterThanOrEqual(0);
      expect(s.c.max).toBeLessThanOrEqual(1);
      expect(dc).toBeLessThan(1e-4);
      expect(dT).toBeLessThan(1e-6);
    } finally {
      gpu.destroy();
      cpu.destroy();
    }
  });

  // The ramp's substeps differ only in their length: each writes aT, aC (and the stage
  // coefficients), never the whole Params block or the cell kinds (it re-validated the scenario
  // and uploaded everything per substep before), and the step ends with the scenario's own dt.
  it("a ramp writes only what its substeps change, and ends on the scenario's own dt (GPU = CPU)", async () => {
    const v = undershootAtZero;
    const gpu = await gpuSim(v);
    await gpu.ready();
    const cpu = new ReferenceSimulation(v);
    const queue = (await gpuContext()).device.queue;
    const writes: { label: string; offset: number; bytes: number }[] = [];
    const write = queue.writeBuffer.bind(queue);
    queue.writeBuffer = ((buffer: GPUBuffer, offset: number, data: BufferSource | SharedArrayBuffer, ...rest: number[]) => {
      writes.push({ label: buffer.label, offset, bytes: data.byteLength });
      return write(buffer, offset, data as BufferSource, ...rest);
    }) as GPUQueue['writeBuffer'];
    try {
      gpu.enqueueSteps(2); // the first step is a ramp, the second a plain step of dt
      const substeps = rkl2Substeps(v.derived.dt, 0, v.scenario.time.safety * v.derived.dtLimit);
      const f = paramsLayout.fields;
      const params = writes.filter((w) => w.label === 'params');
      report('rkl2 ramp: substeps; buffer writes (label offset bytes)', `${substeps.length}; ${writes.map((w) => `${w.label} ${w.offset} ${w.bytes}`).join(', ')}`);
      expect(substeps.length).toBeGreaterThan(1);
      expect(writes.some((w) => w.label.startsWith('cell kind'))).toBe(false);
      expect(params.every((w) => [f.aT.offset, f.aC.offset, f.stepBase.offset].includes(w.offset) && w.bytes === 4)).toBe(true);
      expect(params.filter((w) => w.offset === f.aT.offset)).toHaveLength(substeps.length + 1);
      cpu.advance(2);
      const dc = relativeDifference((await gpu.readField('c')).data, cpu.fieldNow('c'), v.scenario.reference.c0);
      report('rkl2 ramp then a plain step: GPU vs CPU c; passes', `${dc.toExponential(2)}; ${gpu.passes} ${cpu.passes}`);
      expect(gpu.passes).toBe(cpu.passes);
      expect(dc).toBeLessThan(1e-4);
    } finally {
      queue.writeBuffer = write;
      gpu.destroy();
      cpu.destroy();
    }
  });
});
