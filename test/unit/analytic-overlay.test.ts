/**
 * The profile plot's analytic overlay for ions (the Nernst cell): logit c = a - z F phi / (R T)
 * with phi linear between the electrodes, solute conserved; the CPU reference's steady state (the
 * jump) lies on it. Before, the overlay ignored the potential and drew c flat at its mean.
 */
import { describe, expect, it } from 'vitest';
import { nernstRatio } from '../../src/physics/analytic';
import { presetFile } from '../../src/physics/presets';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario, withValue } from '../../src/physics/validate';
import { analyticProfile } from '../../src/ui/analytic-overlay';
import { report } from '../helpers/report';

describe('analytic profile overlay with ions', () => {
  it('the Nernst cell: the Boltzmann profile the jump reaches', async () => {
    const base = parseScenario(presetFile('nernst-cell')).scenario;
    const v = withValue(withValue(base, 'grid.nx', 32).scenario, 'grid.ny', 4);
    const p = analyticProfile(v, 'c', 'x');
    expect(p).toBeDefined();
    const s = v.scenario;
    const W = s.grid.width;
    const dphi = (s.boundaries.right.electric as { value: number }).value - (s.boundaries.left.electric as { value: number }).value;
    // Dilute: c(W) / c(0) is the Nernst ratio (logit ~ ln c for c ~ 4e-3: within 1 %).
    expect(Math.abs(p!.at(W) / p!.at(0) / nernstRatio(s.mixture.charge ?? 0, dphi, s.reference.T0) - 1)).toBeLessThan(0.01);
    const sim = new ReferenceSimulation(v);
    const solve = await sim.jumpToSteadyState();
    expect(solve.converged).toBe(true);
    const c = (await sim.readField('c')).data;
    const nx = s.grid.nx;
    let worst = 0;
    for (let i = 0; i < nx; i++) worst = Math.max(worst, Math.abs(c[i] / p!.at(((i + 0.5) * W) / nx) - 1));
    report('Nernst cell 32x4: jump steady c against the analytic overlay, worst relative deviation', worst);
    expect(worst).toBeLessThan(5e-3);
  });

  it('no overlay with a reaction (reactive-conduction: its steady T is not linear)', () => {
    const v = parseScenario(presetFile('reactive-conduction'));
    expect(v.scenario.reaction).toBeDefined();
    expect(analyticProfile(v, 'T', 'x')).toBeUndefined();
    expect(analyticProfile(v, 'c', 'x')).toBeUndefined();
  });
});
