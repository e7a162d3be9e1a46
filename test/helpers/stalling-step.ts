import type { Json } from './scenarios';
import { MAX_SUBSTEP_DEPTH } from '../../src/physics/implicit';
import { parseScenario } from '../../src/physics/validate';

/**
 * An implicit first step that does not converge within STEP_MAX_ITERATIONS (32): sweep seed 2062
 * draw 41 (main b0e231b), 132 x 1, S_T = -8.3 1/K, a concentration wall at c0 + 0.1 beside a
 * temperature wall; the relative residual stays ~0.3..0.6 (CPU: 0.48 after 32, 0.44 after 48;
 * it converges only at ~1/1000 of the planned dt). Before STEP_MAX_ITERATIONS rose from 16 to 32,
 * the 16 x 1 row c = 1e-6 | 1 - 1e-6 served here; it now converges in ~20 iterations.
 */
export const stallingStep = (): Json => JSON.parse(JSON.stringify(STALLING_STEP)) as Json;

const STALLING_STEP = {"version": 1, "name": "sweep", "grid": {"nx": 132, "ny": 1, "width": 0.09999999999999964, "height": 0.0010000000000000041}, "mixture": {"rho": 1, "cp": 221.5867903030991, "k": 1, "D": 2.8080686755873486e-06, "soret": -8.27735318058488, "molarMass": [1, 1], "dufour": "reciprocal"}, "reference": {"T0": 50.00000000000005, "c0": 0.15189150526886958}, "initial": {"regions": []}, "sources": [{"shape": "rect", "x": [0, 0.0007575757575757549], "y": [0, 0.0010000000000000041], "q": 1.0460635283621171e-243}, {"shape": "rect", "x": [0, 0.0007575757575757549], "y": [0, 0.0010000000000000041], "q": -1.4907147661746135e-135}], "obstacles": [{"shape": "rect", "x": [0, 0.0007575757575757549], "y": [0, 0.0010000000000000041]}, {"shape": "rect", "x": [0, 0.0007575757575757549], "y": [0, 0.0010000000000000041]}], "boundaries": {"left": {"heat": {"type": "convective", "h": 1.0000000000000036, "ambient": 50.00000000000005}, "mass": {"type": "closed"}}, "right": {"heat": {"type": "temperature", "value": 50.00000000000005}, "mass": {"type": "concentration", "value": 0.2518915052688694}}, "bottom": {"heat": {"type": "flux", "value": 0}, "mass": {"type": "closed"}}, "top": {"heat": {"type": "convective", "h": 1.0000000000000036, "ambient": 42.500000000000064}, "mass": {"type": "closed"}}}, "time": {"scheme": "implicit"}};

/**
 * A first step that converges only past 16 iterations: sweep seed 2060 draw 9 (main b0e231b),
 * 195 x 1, c0 = 0.999, a one-cell region and a concentration wall at 0.899 on the left; the cap on
 * logit c binds for 21 iterations (CPU: 6.8e-3 at iteration 26; 0.988 after 16).
 */
export const wallStepRow = (): Json => JSON.parse(JSON.stringify(WALL_STEP_ROW)) as Json;

const WALL_STEP_ROW = {"version": 1, "name": "sweep", "grid": {"nx": 195, "ny": 1, "width": 0.001000000000000006, "height": 0.03466083978797752}, "mixture": {"rho": 19952.623149688297, "cp": 15362.030303963002, "k": 1, "D": 9.482939554574611e-07, "soret": -0.09993071652144322, "molarMass": [1, 1], "dufour": "reciprocal"}, "reference": {"T0": 50.00000000000001, "c0": 0.998999999999999}, "initial": {"regions": [{"shape": "rect", "x": [0, 5.128205128205159e-06], "y": [0, 0.03466083978797752], "T": 50.00000000000001, "c": 0.898999999999999}]}, "boundaries": {"left": {"heat": {"type": "flux", "value": 0}, "mass": {"type": "concentration", "value": 0.898999999999999}}, "right": {"heat": {"type": "convective", "h": 2.885100321045483, "ambient": 50.00000000000001}, "mass": {"type": "closed"}}, "bottom": {"heat": {"type": "periodic"}, "mass": {"type": "periodic"}}, "top": {"heat": {"type": "periodic"}, "mass": {"type": "periodic"}}}, "time": {"scheme": "implicit"}};

/**
 * The stalling step (`stallingStep`) at a fixed dt 2^MAX_SUBSTEP_DEPTH times its planned one: its
 * substeps reach that depth (the planned dt is far above the explicit limit, physics/implicit.ts
 * substepDepth), and even the smallest (dt / 2^MAX_SUBSTEP_DEPTH) is the planned dt, which does
 * not converge, so the step stays a failure after every substep (CPU: 0.48 after 32 iterations at
 * the smallest).
 */
export const stallingBeyondSubsteps = (): Json => stallingStepAt(2 ** MAX_SUBSTEP_DEPTH);

/**
 * The stalling step at a fixed dt of `factor` times its planned one. At 1/8 the step at dt does not
 * converge and its substeps do from dt / 8 on (CPU: 6 substeps, 164 iterations, against 45 and 942
 * at the planned dt): the same mechanism at a sixth of the cost, for the GPU test.
 */
export const stallingStepAt = (factor: number): Json => {
  const s = stallingStep();
  return { ...s, time: { scheme: 'implicit', dt: parseScenario(s).derived.dt * factor } };
};
