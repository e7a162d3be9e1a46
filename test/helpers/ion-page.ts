/**
 * Ion scenarios for the page's tests (issue 10): case (h), a K+ channel filling the domain between
 * two reservoir electrodes, isothermal at body temperature.
 */
import { exampleScenario, merge, type Json } from './scenarios';

/** Reservoirs 1e-3 (left) and 1e-4 (right) (dilute: GHK within 0.1 %), both electrodes at 0 V, z = 1, M1 = M2 (K+ 39 g/mol). */
export function channelScenario(grid: Json = { nx: 32, ny: 4, width: 1e-4, height: 1e-5 }): Json {
  const T = 310.15;
  const iso = { type: 'temperature', value: T };
  return merge(exampleScenario(), {
    grid,
    mixture: { soret: 0, charge: 1, molarMass: [0.039, 0.039] },
    reference: { T0: T, c0: 5e-4 },
    initial: { T, c: 5e-4 },
    boundaries: {
      left: { heat: iso, mass: { type: 'concentration', value: 1e-3 }, electric: { type: 'voltage', value: 0 } },
      right: { heat: iso, mass: { type: 'concentration', value: 1e-4 }, electric: { type: 'voltage', value: 0 } },
    },
  });
}
