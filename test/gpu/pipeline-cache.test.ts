/**
 * The per-device pipeline cache (gpu/pipelines.ts): a second GpuSimulation.create with the same
 * scenario shape compiles nothing new; a different override constant (a specialisation,
 * gpu/specialise.ts) is its own pipeline, never the other variant's; other shader code gets
 * another cache.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { EULER } from '../../src/gpu/grid-fields';
import { PipelineCache, pipelineCache } from '../../src/gpu/pipelines';
import { ALL_FEATURES, specialised } from '../../src/gpu/specialise';
import { closedBox } from '../helpers/cases';
import { gpuContext, gpuSim } from '../helpers/gpu';
import { blob, relativeDifference, strong } from '../helpers/wallcases';

const box = (T: number) => closedBox({ nx: 16, ny: 12, width: 1, height: 0.75 }, strong, { initial: { T, c: 0.5, regions: [blob] }, time: { scheme: 'euler' } });

describe('pipeline cache per device', () => {
  it('a second create with the same scenario shape compiles nothing new, and steps right with the cached pipelines', async () => {
    const ctx = await gpuContext();
    const first = await gpuSim(box(300));
    const cache = pipelineCache(ctx.device, ctx.sources);
    const compiled = cache.compiled;
    expect(compiled).toBeGreaterThan(0);
    first.destroy();
    const second = await gpuSim(box(305)); // other values, same shape and features
    expect(pipelineCache(ctx.device, ctx.sources)).toBe(cache);
    expect(cache.compiled).toBe(compiled);
    const cpu = new ReferenceSimulation(box(305));
    await second.step(4);
    await cpu.step(4);
    expect(relativeDifference((await second.readField('T')).data, cpu.fieldNow('T'), 305)).toBeLessThan(1e-5);
    second.destroy();
    cpu.destroy();
  });

  it('a kernel with other override constants compiles its own pipeline; preparing it again compiles nothing', async () => {
    const ctx = await gpuContext();
    // A cache of its own on the shared device: its count starts at 0 whatever other files compiled.
    const cache = new PipelineCache(ctx.device, ctx.sources);
    const plain = specialised(EULER, { reaction: false, heatSources: false, solids: false });
    const full = specialised(EULER, ALL_FEATURES);
    expect(full).toBe(EULER);
    await cache.prepare([plain]);
    expect(cache.compiled).toBe(1);
    await cache.prepare([plain, specialised(EULER, { reaction: false, heatSources: false, solids: false })]);
    expect(cache.compiled).toBe(1);
    expect(cache.isReady([full])).toBe(false);
    expect(() => cache.get(full)).toThrow(/used before prepare/);
    await cache.prepare([full]);
    expect(cache.compiled).toBe(2);
    expect(cache.get(full)).not.toBe(cache.get(plain));
    expect(cache.get(specialised(EULER, { reaction: false, heatSources: false, solids: false }))).toBe(cache.get(plain));
  });

  it('other shader code gets another cache; the same code (another object) the same one', () => {
    const device = {} as GPUDevice; // the caches are made without touching the device
    const sources = { 'a.wgsl': 'fn a() {}', 'b.wgsl': 'fn b() {}' };
    const c = pipelineCache(device, sources);
    expect(pipelineCache(device, { ...sources })).toBe(c);
    const edited = pipelineCache(device, { ...sources, 'b.wgsl': 'fn b() { }' });
    expect(edited).not.toBe(c);
    expect(edited.given['b.wgsl']).toBe('fn b() { }');
    expect(pipelineCache(device, sources, true)).not.toBe(edited);
  });
});
