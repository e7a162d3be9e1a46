/**
 * The I-V sweep (physics/iv-sweep.ts) driven against the float64 CPU reference on case (h), a
 * channel filling the domain: the measured steady currents follow GHK (the overlay the page draws
 * needs no fitted factor there), the current vanishes at the Nernst voltage, and the user's
 * scenario and fields come back after the sweep.
 */
import { describe, expect, it } from 'vitest';
import { chargePerMass } from '../../src/physics/potential';
import { electrodesOf, reversalOf, runIvSweep, sweepVoltages, type IvDriver, type WallCurrents } from '../../src/physics/iv-sweep';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario, withValue, type Validated } from '../../src/physics/validate';
import { channelScenario } from '../helpers/ion-page';

function referenceDriver(sim: ReferenceSimulation): IvDriver<{ v: Validated; c: Float64Array; T: Float64Array }> {
  return {
    async save() {
      return { v: sim.validated, c: Float64Array.from(sim.fieldNow('c')), T: Float64Array.from(sim.fieldNow('T')) };
    },
    async restore(s) {
      sim.setScenario(s.v);
      await sim.writeField('T', s.T);
      await sim.writeField('c', s.c);
    },
    async set(path, value) {
      sim.setScenario(withValue(sim.validated.scenario, path, value));
    },
    async jump() {
      const r = await sim.jumpToSteadyState();
      if (!r.converged) throw new Error(`not converged (${r.relative})`);
    },
    async currents() {
      // Wall currents from the reference's own wall-face mass fluxes (positive along +x):
      // i = (zF/M1) J1, summed over the wall's faces times their length.
      const f = sim.faceFluxes();
      const sc = sim.validated.scenario;
      const { nx, ny } = sc.grid;
      const hy = sc.grid.height / ny;
      const q = chargePerMass(sc);
      let left = 0;
      let right = 0;
      for (let j = 0; j < ny; j++) {
        left += f.jx[j * (nx + 1)] * hy * q;
        right -= f.jx[j * (nx + 1) + nx] * hy * q;
      }
      return { left, right, bottom: 0, top: 0 } satisfies WallCurrents;
    },
  };
}

describe('I-V sweep on the CPU reference (case h, channel filling the domain)', () => {
  it('steady currents follow GHK, vanish at the Nernst voltage, and the user state comes back', async () => {
    const v = parseScenario(channelScenario({ nx: 32, ny: 2, width: 1e-4, height: 5e-6 }));
    const sim = new ReferenceSimulation(v);
    const c0 = Float64Array.from(sim.fieldNow('c'));
    const e = electrodesOf(v.scenario);
    if (typeof e === 'string') throw new Error(e);
    const Vrev = reversalOf(v.scenario, e);
    const curve = await runIvSweep(referenceDriver(sim), v.scenario, sweepVoltages(Vrev, 0.06, 5));
    expect(curve.points).toHaveLength(5);
    const big = Math.max(...curve.points.map((p) => Math.abs(p.ghk)));
    for (const p of curve.points) {
      if (Math.abs(p.voltage - Vrev) < 1e-12) expect(Math.abs(p.current)).toBeLessThan(1e-3 * big);
      else expect(Math.abs(p.current / p.ghk - 1), `at ${p.voltage} V: ${p.current} vs GHK ${p.ghk}`).toBeLessThan(0.005);
    }
    expect(Math.abs(curve.fitScale - 1)).toBeLessThan(0.005);
    // Restored: the scenario object and the fields.
    expect(sim.validated).toBe(v);
    expect(Array.from(sim.fieldNow('c'))).toEqual(Array.from(c0));
  });
});
