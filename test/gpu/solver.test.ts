import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { statsFromFields } from '../../src/physics/snapshot-stats';
import type { FieldData, FieldSimulation, SimStats } from '../../src/physics/simulation';
import type { Validated } from '../../src/physics/validate';
import { closedBox, unitMixture } from '../helpers/cases';
import { gpuSim, hostTotals } from '../helpers/gpu';
import { mulberry32 } from '../helpers/random';
import { report } from '../helpers/report';
import { scenario, type Json } from '../helpers/scenarios';
import { bar, blob, caseScenario, grid, relativeDifference, strong, wallCases } from '../helpers/wallcases';

const T = (value: number) => ({ type: 'temperature', value });
const closed = { type: 'closed' };
const conc = (value: number) => ({ type: 'concentration', value });

async function compare(gpu: FieldSimulation, cpu: ReferenceSimulation, v: Validated) {
  const out: Record<string, number> = {};
  const off = { T: v.scenario.reference.T0, c: v.scenario.reference.c0, sigma: 0 };
  for (const f of ['T', 'c', 'sigma'] as const) out[f] = relativeDifference((await gpu.readField(f)).data, cpu.fieldNow(f), off[f]);
  return out;
}

describe('GPU solver = CPU reference', () => {
  it.each(wallCases)('%s: 200 steps on 64x48 agree within 1e-5', async (name, patch) => {
    const v = caseScenario(patch);
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    await gpu.step(200);
    cpu.advance(200);
    const d = await compare(gpu, cpu, v);
    report(`GPU vs CPU ${name} (T, c, sigma)`, `${d.T.toExponential(2)} ${d.c.toExponential(2)} ${d.sigma.toExponential(2)}`);
    expect(d.T).toBeLessThan(1e-5);
    expect(d.c).toBeLessThan(1e-5);
    expect(d.sigma).toBeLessThan(1e-5);
    // The reductions agree with the reference's float64 sums.
    const g = await gpu.stats();
    const c = cpu.statsNow();
    expect(g.steps).toBe(200);
    expect(g.simTime).toBeCloseTo(c.simTime, 12);
    expect(g.entropyProduction / c.entropyProduction).toBeCloseTo(1, 5);
    expect(g.solute / c.solute).toBeCloseTo(1, 6);
    for (const side of ['left', 'right', 'bottom', 'top'] as const) {
      const scale = Math.max(...Object.values(c.heatIn).map(Math.abs), 1e-30);
      expect(Math.abs(g.heatIn[side] - c.heatIn[side]) / scale, side).toBeLessThan(1e-4);
    }
    expect(g.separation).toBeCloseTo(c.separation, 6);
    expect(g.T.max).toBeCloseTo(c.T.max, 3);
    expect(g.sigma.max / c.sigma.max).toBeCloseTo(1, 4);
    expect(g.nonFinite).toBe(0);
    // The GPU reduction against the float64 statistics function on the GPU's own stored fields.
    const { nx, ny } = v.scenario.grid;
    const o = statsFromFields(v, { nx, ny, T: await gpu.readDeviation('T'), c: await gpu.readDeviation('c'), sigma: (await gpu.readField('sigma')).data }, g);
    expect(g.energy / o.energy).toBeCloseTo(1, 5);
    expect(g.solute / o.solute).toBeCloseTo(1, 6);
    expect(g.entropyProduction / o.entropyProduction).toBeCloseTo(1, 5);
    expect([g.T.min, g.T.max, g.c.min, g.c.max, g.sigma.min, g.sigma.max]).toEqual([o.T.min, o.T.max, o.c.min, o.c.max, o.sigma.min, o.sigma.max].map((x, k) => (k < 4 ? x : Math.fround(x))));
    for (const side of ['left', 'right', 'bottom', 'top'] as const) {
      const scale = Math.max(...Object.values(o.heatIn).map(Math.abs), 1e-30);
      expect(Math.abs(g.heatIn[side] - o.heatIn[side]) / scale, side).toBeLessThan(1e-5);
    }
    if (v.derived.unphysical) expect(g.sigma.min).toBeLessThan(0); // shown, not clamped
    else expect(g.sigma.min).toBeGreaterThanOrEqual(0);
    gpu.destroy();
  });

  it('conserves solute and energy over 10^4 steps in a closed, insulated box (float32)', async () => {
    const v = closedBox(grid, strong, { initial: { T: 300, c: 0.5, regions: [blob, bar] } });
    const gpu = await gpuSim(v);
    const sums = () => hostTotals(gpu);
    const a = await sums();
    const s0 = await gpu.stats();
    await gpu.step(10_000);
    const b = await sums();
    const s1 = await gpu.stats();
    const dSolute = Math.abs(b.solute - a.solute) / a.solute;
    const dEnergy = Math.abs(b.energy - a.energy) / a.energy;
    report('relative solute change over 1e4 steps', dSolute);
    report('relative energy change over 1e4 steps', dEnergy);
    expect(dSolute).toBeLessThan(1e-6);
    expect(dEnergy).toBeLessThan(1e-6);
    // the GPU reductions agree with the host sums
    expect(Math.abs(s1.solute - s0.solute) / s0.solute).toBeLessThan(1e-6);
    expect(Math.abs(s1.energy - s0.energy) / s0.energy).toBeLessThan(1e-5);
    expect(s1.T.max - s1.T.min).toBeLessThan(0.2 * (s0.T.max - s0.T.min)); // it did relax
    gpu.destroy();
  });

  it('sigma >= 0 in every cell for random fields and random second-law mixtures, in float32', async () => {
    const rnd = mulberry32(2024);
    let minSigma = Infinity;
    let nearBound = 0;
    for (let trial = 0; trial < 12; trial++) {
      // fraction of the second-law bound (k_eff = 0) at the worst state the scenario reaches
      const duSr = trial < 6 ? rnd() : 1 - 10 ** -(2 + 5 * rnd());
      const D = 10 ** (-rnd());
      const c0 = 0.2 + 0.6 * rnd();
      const walls = {
        left: { heat: T(300 + 5 * rnd()), mass: closed },
        right: { heat: { type: 'flux', value: 100 * (rnd() - 0.5) }, mass: conc(c0) },
        bottom: { heat: { type: 'convective', h: 100 * rnd(), ambient: 300 }, mass: closed },
        top: { heat: T(300 - 5 * rnd()), mass: closed },
      };
      const probe = { grid: { nx: 24, ny: 20, width: 1, height: 1 }, reference: { T0: 300, c0 }, initial: { T: 300, c: c0 }, boundaries: walls };
      const bound = scenario({ ...probe, mixture: unitMixture(D, 0) }).derived.secondLaw.maxSoret;
      const v = scenario({
        ...probe,
        mixture: unitMixture(D, bound * Math.sqrt(duSr) * (rnd() < 0.5 ? -1 : 1)),
      });
      if (duSr > 0.99) nearBound++;
      const gpu = await gpuSim(v);
      const n = 24 * 20;
      const Tf = new Float64Array(n);
      const cf = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        Tf[i] = 300 + (rnd() - 0.5) * (trial % 2 ? 1e-3 : 4);
        cf[i] = Math.min(0.999, Math.max(0.001, c0 + (rnd() - 0.5) * (trial % 3 ? 1e-4 : 0.2)));
      }
      await gpu.writeField('T', Tf);
      await gpu.writeField('c', cf);
      const sigma = (await gpu.readField('sigma')).data;
      for (const s of sigma) minSigma = Math.min(minSigma, s);
      await gpu.step(5);
      for (const s of (await gpu.readField('sigma')).data) minSigma = Math.min(minSigma, s);
      gpu.destroy();
    }
    report('smallest sigma over random float32 fields', minSigma);
    expect(nearBound).toBeGreaterThan(2);
    expect(minSigma).toBeGreaterThanOrEqual(0);
  });

  it('names the step where a run above the stability limit blows up', async () => {
    const base = caseScenario(wallCases[0][1]);
    const v = scenario({ ...base.scenario, time: { scheme: 'euler', dt: 1.6 * base.derived.dtLimit } } as unknown as Json);
    expect(v.derived.dtAboveLimit).toBe(true);
    const gpu = await gpuSim(v);
    let s = await gpu.stats();
    while (s.firstNonFiniteStep === null && s.steps < 5000) {
      await gpu.step(100);
      s = await gpu.stats();
    }
    const bad = s.firstNonFiniteStep;
    report('first non-finite step at dt = 1.6 x limit', bad ?? 'none');
    expect(bad).not.toBeNull();
    expect(s.nonFinite).toBeGreaterThan(0);
    // The named step is the first whose T or c is non-finite: one step earlier T and c are
    // finite. (sigma is computed when read, so an overflow of sigma alone is named at the step
    // it is read; it may come a step or two before T and c overflow.)
    gpu.reset();
    await gpu.step(bad! - 1);
    for (const f of ['T', 'c'] as const) expect((await gpu.readField(f)).data.every(Number.isFinite), f).toBe(true);
    await gpu.step(1);
    expect((await gpu.stats()).nonFinite).toBeGreaterThan(0);
    gpu.destroy();
  });

  it('serves several reads while steps are queued, each seeing the state in queue order', async () => {
    const v = caseScenario(wallCases[0][1]);
    const gpu = await gpuSim(v);
    const cpu = new ReferenceSimulation(v);
    gpu.enqueueSteps(50);
    const early = [gpu.readField('T'), gpu.readField('c'), gpu.readField('sigma'), gpu.stats()];
    gpu.enqueueSteps(50);
    const late = gpu.readField('T');
    const [T50, c50, , st50] = (await Promise.all(early)) as [FieldData, FieldData, FieldData, SimStats];
    cpu.advance(50);
    expect(relativeDifference(T50.data, cpu.fieldNow('T'), 300)).toBeLessThan(1e-5);
    expect(relativeDifference(c50.data, cpu.fieldNow('c'), 0.5)).toBeLessThan(1e-5);
    expect(st50.steps).toBe(50);
    cpu.advance(50);
    expect(relativeDifference((await late).data, cpu.fieldNow('T'), 300)).toBeLessThan(1e-5);
    gpu.destroy();
  });

  it('keeps the fields when a coefficient changes and restarts when the grid changes', async () => {
    const v = caseScenario(wallCases[0][1]);
    const gpu = await gpuSim(v);
    await gpu.step(100);
    const before = (await gpu.readField('T')).data;
    gpu.setScenario(scenario({ ...v.scenario, mixture: { ...v.scenario.mixture, D: 0.4 } } as unknown as Json));
    const after = (await gpu.readField('T')).data;
    expect(after).toEqual(before);
    expect(gpu.steps).toBe(100);
    gpu.setScenario(scenario({ ...v.scenario, grid: { ...grid, nx: 32 } } as unknown as Json));
    expect(gpu.steps).toBe(0);
    expect((await gpu.readField('T')).nx).toBe(32);
    gpu.destroy();
  });
});
