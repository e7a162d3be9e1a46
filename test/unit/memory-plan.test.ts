import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, memoryPlan, memoryProblems } from '../../src/gpu/memory-plan';
import { SCHEMES } from '../../src/physics/scenario';

const GiB = 2 ** 30;
const ONE_GIB = { maxBufferSize: GiB, maxStorageBufferBindingSize: GiB };

describe('memory plan against the device limits', () => {
  it('refuses 4096^2 implicit on default limits, naming grid.nx/grid.ny, the scheme, the bytes and the limit', () => {
    const plan = memoryPlan(4096, 4096, 'implicit');
    expect(plan.largest.label).toBe('multigrid operators (all levels)');
    expect(plan.largest.bytes).toBeGreaterThan(2e9); // the 2.1 GB buffer of issue 8
    const p = memoryProblems(plan, DEFAULT_LIMITS);
    expect(p.map((x) => x.path)).toEqual(['grid.nx', 'grid.ny']);
    expect(p[0].message).toMatch(/^grid\.nx, grid\.ny: 4096 x 4096 cells with time\.scheme "implicit" need a multigrid operators \(all levels\) buffer of \d+ bytes .* above this device's maxStorageBufferBindingSize of 134217728 bytes/);
    // and with 1 GiB buffers too (the multigrid rework that makes it fit belongs to the solver engineer)
    expect(memoryProblems(plan, ONE_GIB)[0].message).toMatch(/maxBufferSize of 1073741824 bytes/);
  });

  it('every scheme on every accepted grid either fits or is refused with a message (grid sizes 1..4096)', () => {
    let fits = 0;
    let refused = 0;
    for (const scheme of SCHEMES) {
      for (const nx of [1, 2, 3, 17, 256, 1000, 2048, 4096]) {
        for (const ny of [1, 5, 512, 4096]) {
          const plan = memoryPlan(nx, ny, scheme);
          const p = memoryProblems(plan, DEFAULT_LIMITS);
          const limit = Math.min(DEFAULT_LIMITS.maxBufferSize, DEFAULT_LIMITS.maxStorageBufferBindingSize);
          if (plan.buffers.every((b) => b.bytes <= (b.storage ? limit : DEFAULT_LIMITS.maxBufferSize))) {
            expect(p).toEqual([]);
            fits++;
          } else {
            expect(p[0].message).toContain(`"${scheme}"`);
            expect(p[0].message).toMatch(/grid\.nx, grid\.ny/);
            refused++;
          }
        }
      }
    }
    expect(fits).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('euler and rkl2 fit 4096^2 on default limits; bytes per cell grow euler < rkl2 < implicit', () => {
    expect(memoryProblems(memoryPlan(4096, 4096, 'euler'), DEFAULT_LIMITS)).toEqual([]);
    expect(memoryProblems(memoryPlan(4096, 4096, 'rkl2'), DEFAULT_LIMITS)).toEqual([]);
    const per = SCHEMES.map((s) => memoryPlan(1024, 1024, s).bytesPerCell);
    expect(per[0]).toBeCloseTo(36, 0); // 6 f32 fields + a 3-slot staging ring
    expect(per[1] - per[0]).toBeCloseTo(24, 0); // two vec2 increments and e0
    expect(per[2]).toBeGreaterThan(150);
    // the jump on euler needs the multigrid buffers too
    expect(memoryPlan(64, 64, 'euler', { jump: true }).totalBytes).toBeGreaterThan(memoryPlan(64, 64, 'implicit').totalBytes - 1);
  });
});
