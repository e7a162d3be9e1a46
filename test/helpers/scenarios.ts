/**
 * Scenario builders for tests: a plain JSON scenario with every v1 key, overridable in part.
 */
import { parseScenario, validateScenario, type Validated } from '../../src/physics/validate';

export type Json = Record<string, unknown>;

const closed = { type: 'closed' };
const insulated = { type: 'flux', value: 0 };

/** The scenario.md example (a liquid Soret cell). */
export function exampleScenario(): Json {
  return {
    version: 1,
    name: 'Soret cell',
    description: 'One to four sentences shown beside the simulation.',
    grid: { nx: 128, ny: 64, width: 0.01, height: 0.005 },
    mixture: { rho: 800, cp: 2000, k: 0.13, D: 1e-9, soret: 0.005, molarMass: [0.134, 0.17], dufour: 'reciprocal' },
    reference: { T0: 300, c0: 0.5 },
    initial: { T: 300, c: 0.5 },
    boundaries: {
      left: { heat: { type: 'temperature', value: 305 }, mass: closed },
      right: { heat: { type: 'temperature', value: 295 }, mass: closed },
      bottom: { heat: insulated, mass: closed },
      top: { heat: insulated, mass: closed },
    },
    time: { scheme: 'euler', dt: 'auto' },
    allowUnphysical: false,
  };
}

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Tagged unions (a wall's heat and mass) are replaced whole, never merged across types. */
const REPLACED = new Set(['heat', 'mass', 'electric']);

/** Deep merge of plain objects (arrays, scalars and wall conditions replace). */
export function merge(base: Json, patch: Json): Json {
  const out: Json = structuredClone(base);
  for (const [k, v] of Object.entries(patch)) {
    out[k] = isObject(v) && isObject(out[k]) && !REPLACED.has(k) ? merge(out[k] as Json, v) : structuredClone(v);
  }
  return out;
}

/** The problems validation reports for the example scenario with `patch` merged in (or applied); throws if it is accepted. */
export function refused(patch: Json | ((s: Json) => Json)) {
  const input = typeof patch === 'function' ? patch(exampleScenario()) : merge(exampleScenario(), patch);
  const r = validateScenario(input);
  if (r.ok) throw new Error('accepted a bad scenario');
  return r.problems;
}

export const scenario = (patch: Json = {}): Validated => parseScenario(merge(exampleScenario(), patch));

/** Walls for a 1-D problem along x: given left/right, insulated and closed top/bottom. */
export function xWalls(left: Json, right: Json): Json {
  return {
    left,
    right,
    bottom: { heat: insulated, mass: closed },
    top: { heat: insulated, mass: closed },
  };
}

export const CLOSED = closed;
export const INSULATED = insulated;
