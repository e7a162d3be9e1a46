import { describe, expect, it } from 'vitest';
import { heatWallScale } from '../../src/physics/multigrid';
import { presetFile } from '../../src/physics/presets';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { report } from '../helpers/report';
import { merge, type Json } from '../helpers/scenarios';

/**
 * reactive-conduction (Da ~ 100, latent heat on the mass flux) at 128 x 2: before the coarse heat
 * walls counted the reaction's latent-heat conduction (multigrid.ts heatWallScale) the V-cycle
 * diverged (x16 per cycle) and the jump left a relative residual of 0.35 after 60 iterations.
 */
const coarse = (patch: Json = {}) =>
  parseScenario(merge(presetFile('reactive-conduction') as Json, merge({ grid: { nx: 128, ny: 2 }, time: { scheme: 'implicit', dt: 'auto' } }, patch)));

describe('reactive-conduction: the steady-state jump (CPU reference)', () => {
  it('converges and equals the long-run state (30 implicit steps of 2 tauSlow, within 1e-3 of the spans: the sweep invariant)', () => {
    const jumped = new ReferenceSimulation(coarse());
    const rep = jumped.jumpNow();
    report('reactive-conduction 128x2 jump (iterations, relative residual)', `${rep.iterations} ${rep.relative.toExponential(2)}`);
    expect(rep.converged).toBe(true);
    expect(rep.relative).toBeLessThan(1e-5);
    const T = jumped.fieldNow('T');
    const c = jumped.fieldNow('c');
    const tauSlow = coarse().derived.tauSlow;
    const stepped = new ReferenceSimulation(coarse({ time: { dt: 2 * tauSlow } }));
    stepped.advance(30);
    const Ts = stepped.fieldNow('T');
    const cs = stepped.fieldNow('c');
    // scripts/sweep/check.ts jumpIsLongRun: field difference over the steady span, JUMP_LONG_RUN = 1e-3.
    const cSpan = Math.max(...cs) - Math.min(...cs);
    const TSpan = Math.max(...Ts) - Math.min(...Ts);
    let d = 0;
    for (let i = 0; i < T.length; i++) d = Math.max(d, Math.abs(Ts[i] - T[i]) / TSpan, Math.abs(cs[i] - c[i]) / cSpan);
    report('reactive-conduction 128x2: jump vs 30 steps of 2 tauSlow (relative to the spans)', d);
    expect(d).toBeLessThan(1e-3);
    // Steady: what enters at the hot wall leaves at the cold one, up to the jump's residual
    // (JUMP_TOLERANCE 1e-5 relative; measured 2e-3 of the heat flow with the stiff reaction).
    const s = jumped.statsNow();
    report('reactive-conduction 128x2 jump: heat imbalance over heat in', (s.heatIn.left + s.heatIn.right) / s.heatIn.left);
    expect(Math.abs(s.heatIn.left + s.heatIn.right)).toBeLessThan(5e-3 * s.heatIn.left);
  });
});

describe('heatWallScale (coarse heat walls)', () => {
  it('is the rediscretisation 1 / (1 + (w - 1) f) without a reaction, and nearer 1 the more latent heat the interior carries', () => {
    for (const [w, f] of [[1, 1], [2, 1], [2, 0.3], [2, 0]]) expect(heatWallScale(w, f, 5, 3, 0, 0, 0, 0)).toBe(1 / (1 + (w - 1) * f));
    // A rank-one reaction block [a, b; c, d] (ad = bc) as in reactive-conduction's level 0.
    const [a, b, c, d] = [6e6, -1.33e8, -9.65, (-1.33e8 * -9.65) / 6e6];
    const slow = heatWallScale(2, 1, 2.29e6, 1.18e3, a * 1e-9, b * 1e-9, c * 1e-9, d * 1e-9);
    const fast = heatWallScale(2, 1, 2.29e6, 1.18e3, a, b, c, d);
    expect(slow).toBeCloseTo(0.5, 6);
    expect(fast).toBeGreaterThan(0.6);
    expect(fast).toBeLessThan(1);
  });
});
