/**
 * The fine reference of a refused run on a stiff grid (scripts/sweep/refusal.ts): forward Euler's
 * prefix within its budget before the implicit substitute. Sweep seed 2064 #70 (verbatim): 250 x 1,
 * rkl2, soret 0.0628 1/K at c0 = 0.0025, where the validator's bound holds; the right wall imposes
 * c = 0.1025, where the bound is 0.059 1/K, so the cells beside it go beyond the second-law bound
 * (k_eff < 0) at once and T runs away. Both backends refuse ("beyond the second-law bound"); the
 * implicit substitute's first step (1.1e-3 s) from that discontinuous start did not converge, and
 * the refusal counted as unjustified. Forward Euler at a tenth of its step reaches the same kind.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { stepsRefusalJustified } from '../../scripts/sweep/refusal';

const seed2064draw70 = {"version": 1, "name": "sweep", "grid": {"nx": 250, "ny": 1, "width": 0.029681800765017172, "height": 0.008791600650531228}, "mixture": {"rho": 1, "cp": 163.6006959057966, "k": 1, "D": 9.999999999999776e-05, "soret": 0.06275967842115993, "molarMass": [0.0019952623149689153, 1], "dufour": "reciprocal"}, "reference": {"T0": 576.7349674909992, "c0": 0.0024953708016485056}, "initial": {"regions": [{"shape": "rect", "x": [0, 0.0001187272030600687], "y": [0, 0.008791600650531228], "T": 576.7349674909992, "c": 0.001}]}, "sources": [{"shape": "rect", "x": [0, 0.0001187272030600687], "y": [0, 0.008791600650531228], "q": 6546.298315821136}], "obstacles": [], "boundaries": {"left": {"heat": {"type": "convective", "h": 3.3690678268368246, "ambient": 576.7349674909992}, "mass": {"type": "concentration", "value": 0.001}}, "right": {"heat": {"type": "convective", "h": 33690.67826836801, "ambient": 576.7349674909992}, "mass": {"type": "concentration", "value": 0.10249537080164836}}, "bottom": {"heat": {"type": "periodic"}, "mass": {"type": "periodic"}}, "top": {"heat": {"type": "periodic"}, "mass": {"type": "periodic"}}}, "time": {"scheme": "rkl2"}, "allowUnphysical": false};

describe('sweep: a refusal on a stiff grid is judged by forward Euler as far as its budget reaches', () => {
  it('seed 2064 #70: rkl2 refused beyond the second-law bound; forward Euler at a tenth of its step gets there too (was: implicit substitute not converged, "inconclusive")', async () => {
    const v = parseScenario(seed2064draw70);
    const start = new ReferenceSimulation(v);
    const j = await stepsRefusalJustified(v, 'second law', { T: start.fieldNow('T'), c: start.fieldNow('c') }, 0.228);
    start.destroy();
    expect(j.justified).toBe(true);
    expect(j.detail).toMatch(/^the fine reference \(forward Euler, [0-9]+ steps of [0-9.e+-]+ s\) reaches it too: T reached .*beyond the second-law bound/);
  });
});
