/**
 * The host's float64 polish of a GPU jump (physics/reference.ts polishJump; gpu/jump-polish.ts):
 * from a state off the steady state in its slow mode (what a float32 jump's floor leaves where a
 * weak wall pins that mode, sweep 2368 #86), Newton's own step first, back to the float64 steady
 * state within a few iterations, the jump's totals kept.
 */
import { describe, expect, it } from 'vitest';
import { JUMP_POLISH_ITERATIONS } from '../../src/physics/newton';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { report } from '../helpers/report';
import { SLOW_MODE_JUMP_256x1, WEAK_PIN_JUMP_249x1 } from '../helpers/sweep-cases';

describe('polishJump (CPU reference)', () => {
  for (const [name, scenario, channel] of [
    ['sweep 2368 #86 (249 x 1, T pinned by a weak convective wall)', WEAK_PIN_JUMP_249x1, 0],
    ['sweep 2162 #50 (256 x 1, c leaving through weak walls)', SLOW_MODE_JUMP_256x1, 1],
  ] as const) {
    it(`${name}: from the steady state off in its slow mode, back to it in at most JUMP_POLISH_ITERATIONS`, () => {
      const v = parseScenario(scenario);
      const sim = new ReferenceSimulation(v);
      const start = sim.deviationPairs();
      expect(sim.jumpNow().converged).toBe(true);
      const steady = sim.deviationPairs();
      const solid = (sim as unknown as { solid: Uint32Array }).solid;
      // the slow mode off: a uniform shift of the channel over the fluid cells (1e-5 K in T, 1e-6 in
      // c), the state rounded as the GPU's float32 deviations are
      const shift = channel === 0 ? 1e-5 : 1e-6;
      const off = Float64Array.from(steady, (x, k) => Math.fround(x + (k % 2 === channel && !solid[k >> 1] ? shift : 0)));
      const polish = new ReferenceSimulation(v);
      polish.putDeviationPairs(off);
      const rep = polish.polishJump(start);
      const got = polish.deviationPairs();
      let worst = 0;
      for (let k = channel; k < got.length; k += 2) if (!solid[k >> 1]) worst = Math.max(worst, Math.abs(got[k] - steady[k]));
      report(`polishJump, ${name}: iterations, relative residual, largest difference from the reference's jump`, `${rep.iterations} ${rep.relative.toExponential(2)} ${worst.toExponential(2)}`);
      expect(rep.converged).toBe(true);
      expect(rep.iterations).toBeLessThanOrEqual(JUMP_POLISH_ITERATIONS);
      // back within the reference jump's own stop (it ends 1.3e-8 K off in 2368 #86's slow mode), a
      // hundredth of the shift at most
      expect(worst).toBeLessThan(shift / 100);
      sim.destroy();
      polish.destroy();
    });
  }
});
