/**
 * Ion scenarios for the page's tests (issue 10): case (h), a K+ channel filling the domain between
 * two reservoir electrodes, isothermal at body temperature.
 */
import { exampleScenario, merge, type Json } from './scenarios';

/** Reservoirs 0.01 (left) and 0.001 (right), both electrodes at 0 V, z = 1, M1 = M2 (K+ 39 g/mol). */
export function channelScenario(grid: Json = { nx: 32, ny: 4, width: 1e-4, height: 1e-5 }): Json {
  const T = 310.15;
  const iso = { type: 'temperature', value: T };
  return merge(exampleScenario(), {
    grid,
    mixture: { soret: 0, charge: 1, molarMass: [0.039, 0.039] },
    reference: { T0: T, c0: 0.005 },
    initial: { T, c: 0.005 },
    boundaries: {
      left: { heat: iso, mass: { type: 'concentration', value: 0.01 }, electric: { type: 'voltage', value: 0 } },
      right: { heat: iso, mass: { type: 'concentration', value: 0.001 }, electric: { type: 'voltage', value: 0 } },
    },
  });
}
