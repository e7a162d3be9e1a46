import { describe, expect, it } from 'vitest';
import { CELL_OP_BYTES } from '../../src/gpu/implicit-plan';
import { assertFits, DEFAULT_LIMITS, memoryPlan, memoryProblems } from '../../src/gpu/memory-plan';
import { presetFile } from '../../src/physics/presets';
import { SCHEMES } from '../../src/physics/scenario';
import { parseScenario, ScenarioError } from '../../src/physics/validate';

const GiB = 2 ** 30;
const ONE_GIB = { maxBufferSize: GiB, maxStorageBufferBindingSize: GiB };

describe('memory plan against the device limits', () => {
  it('refuses 4096^2 implicit on default limits, naming grid.nx/grid.ny, the scheme, the bytes and the limit', () => {
    const plan = memoryPlan(4096, 4096, 'implicit');
    const p = memoryProblems(plan, DEFAULT_LIMITS);
    expect(p.map((x) => x.path)).toEqual(['grid.nx', 'grid.ny']);
    expect(p[0].message).toMatch(/^grid\.nx, grid\.ny: 4096 x 4096 cells with time\.scheme "implicit" need a /);
    expect(p[0].message).toContain(`need a ${plan.largest.label} buffer of ${plan.largest.bytes} bytes`);
    expect(p[0].message).toContain("above this device's maxStorageBufferBindingSize of 134217728 bytes");
  });

  it('implicit fits 4096^2 on 1 GiB buffers: the finest level is matrix-free, no buffer over 1 GiB (pure plan, nothing allocated)', () => {
    const plan = memoryPlan(4096, 4096, 'implicit');
    expect(memoryProblems(plan, ONE_GIB)).toEqual([]);
    for (const b of plan.buffers) expect(b.bytes, b.label).toBeLessThanOrEqual(GiB);
    // No operator of the finest level is stored: only the coarse levels' (about a third of the cells), one buffer each.
    const cells = 4096 * 4096;
    const ops = plan.buffers.filter((b) => b.label.startsWith('multigrid operators'));
    expect(ops.reduce((s, b) => s + b.bytes, 0)).toBeLessThan((cells / 3 + 4096) * CELL_OP_BYTES);
    // the total: fields, x and b of every level, two vec2 and two vec4 (the residual's scale and its
    // float32 round-off bound, 8 B/cell of it since issue 8's sweep; the balance scale and its bound,
    // 16 B/cell) per fine cell, the coarse operators (was 209 B/cell; 121 before the balance scale)
    expect(plan.bytesPerCell).toBeLessThan(144);
    expect(plan.totalBytes).toBeLessThan(2.5 * GiB);
  });

  it('on 1 GiB buffers every scheme fits every accepted grid, cells 1:100 to 100:1 included (one buffer per coarse level)', () => {
    for (const scheme of SCHEMES) {
      for (const [nx, ny] of [[4096, 4096], [4096, 1], [1, 4096], [4096, 3], [2049, 4095]]) {
        for (const aspect of [0.01, 0.5, 1, 2, 100]) {
          const plan = memoryPlan(nx, ny, scheme, { hx: aspect, hy: 1 });
          expect(memoryProblems(plan, ONE_GIB), `${scheme} ${nx} x ${ny} cells ${aspect}:1`).toEqual([]);
        }
      }
    }
    // semi-coarsening of stretched cells halves one side per level: level 1 holds half the cells
    const stretched = memoryPlan(4096, 4096, 'implicit', { hx: 100, hy: 1 });
    expect(stretched.largest.label).toBe('multigrid operators (level 1, 4096 x 2048)');
    expect(stretched.largest.bytes).toBe(4096 * 2048 * CELL_OP_BYTES);
  });

  it('a grid that does not fit is refused before allocating, naming grid.nx/grid.ny, the scheme, the buffer, its bytes and the limit', () => {
    const v = parseScenario({ ...(presetFile('soret-cell') as object), grid: { nx: 4096, ny: 4096, width: 0.01, height: 0.01 }, time: { scheme: 'implicit', dt: 'auto' } });
    const limits = { maxBufferSize: 2 ** 28, maxStorageBufferBindingSize: 2 ** 28 }; // a device with 256 MiB buffers
    const plan = memoryPlan(4096, 4096, 'implicit', { hx: 0.01 / 4096, hy: 0.01 / 4096 });
    expect(plan.largest.bytes).toBeGreaterThan(2 ** 28);
    let err: unknown;
    try {
      assertFits(limits, v);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const problems = (err as ScenarioError).problems;
    expect(problems.map((x) => x.path)).toEqual(['grid.nx', 'grid.ny']);
    const msg = problems[0].message;
    expect(msg).toContain('4096 x 4096 cells with time.scheme "implicit"');
    expect(msg).toContain(`need a ${plan.largest.label} buffer of ${plan.largest.bytes} bytes`);
    expect(msg).toContain(`above this device's maxBufferSize of ${2 ** 28} bytes`);
    // the same grid on 1 GiB buffers passes, and so does euler on the 256 MiB device
    expect(() => assertFits(ONE_GIB, v)).not.toThrow();
    expect(() => assertFits(limits, parseScenario({ ...v.scenario, time: { ...v.scenario.time, scheme: 'euler' } }))).not.toThrow();
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
    expect(per[2]).toBeGreaterThan(per[1]);
    expect(per[2]).toBeLessThan(144); // 209 while the finest level's operator was stored; 120 before the round-off bound's 8 B/cell, 121 before the balance scale's 16
    // the jump on euler needs the multigrid buffers too
    expect(memoryPlan(64, 64, 'euler', { jump: true }).totalBytes).toBeGreaterThan(memoryPlan(64, 64, 'implicit').totalBytes - 1);
  });
});
