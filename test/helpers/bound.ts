/**
 * Issue 8, symptom 2: dufour-gas on 32 x 16 with S_T = 0.0201, 97 % of its second-law bound
 * (Du = 147, margin 0.26), run to t = 0.5 s.
 */
import { presetFile } from '../../src/physics/presets';
import type { SchemeName } from '../../src/physics/scenario';
import { parseScenario, withValue, type Validated } from '../../src/physics/validate';

export const NEAR_BOUND_UNTIL = 0.5;

export function nearBoundGas(scheme: SchemeName, dt: number | 'auto' = 'auto'): Validated {
  let s = parseScenario(presetFile('dufour-gas')).scenario;
  const edits: [string, unknown][] = [
    ['grid.nx', 32],
    ['grid.ny', 16],
    ['mixture.soret', 0.0201],
    ['time.scheme', scheme],
    ['time.dt', dt],
  ];
  let v: Validated | undefined;
  for (const [path, value] of edits) {
    v = withValue(s, path, value);
    s = v.scenario;
  }
  return v!;
}
