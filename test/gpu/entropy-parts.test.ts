import { describe, expect, it } from 'vitest';
import { entropyParts } from '../../src/physics/entropy-parts';
import { gpuSim } from '../helpers/gpu';
import { report } from '../helpers/report';
import { caseScenario, wallCases } from '../helpers/wallcases';

describe('entropy production parts from the GPU fields', () => {
  it.each([wallCases[0], wallCases[2]])('%s: heat + mass from the float32 copy = the GPU sigma to float32 round-off', async (name, patch) => {
    const v = caseScenario(patch);
    const gpu = await gpuSim(v);
    await gpu.step(100);
    const u = await gpu.readDeviation('T');
    const c = await gpu.readDeviation('c');
    const sigma = (await gpu.readField('sigma')).data;
    gpu.destroy();
    const parts = entropyParts(v, u, c);
    let scale = 0;
    let worst = 0;
    for (let k = 0; k < sigma.length; k++) {
      scale = Math.max(scale, Math.abs(sigma[k]));
      worst = Math.max(worst, Math.abs(parts.heat[k] + parts.mass[k] - sigma[k]));
    }
    report(`sigma parts vs GPU sigma, ${name}: max |heat + mass - sigma| / max sigma`, (worst / scale).toExponential(2));
    expect(scale).toBeGreaterThan(0);
    expect(worst / scale).toBeLessThan(2e-5);
  });
});
