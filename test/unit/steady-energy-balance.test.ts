/**
 * A steady state must balance the heat: with no wall at a fixed temperature, heat that sources and
 * fixed-flux walls draw out comes in through the convective walls, h (T_ambient - T_wall) each, so
 * their mean wall temperature is fixed by the balance (physics/steady.ts convectiveWallsBelowZero).
 * Sweep 2301 #84 (run ac): 4 x 1, 24 464 W/m^2 drawn out at the bottom, h = 17.3 W/(m^2 K) to
 * 471 K on top: the mean would be -942 K. The jump ended unconverged (relative residual 0.15 on
 * both backends) instead of being refused; now the jump is refused before it starts, naming
 * boundaries, and a run of time steps from that state stays allowed.
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { steadyStateProblems } from '../../src/physics/steady';
import { parseScenario } from '../../src/physics/validate';

const SINK_4x1 = {"version": 1, "name": "sweep", "grid": {"nx": 4, "ny": 1, "width": 0.0010000000000000122, "height": 0.005777747976949342}, "mixture": {"rho": 1, "cp": 1458.2530164014129, "k": 1, "D": 2.4136771233869127e-11, "soret": 10, "molarMass": [1, 9999.999999999969], "dufour": -1.2357500545470017e-159}, "reference": {"T0": 471.16412472499354, "c0": 0.0010000000000000035}, "initial": {"regions": []}, "sources": [{"shape": "rect", "x": [0, 0.00025000000000000304], "y": [0, 0.005777747976949342], "q": 2.243130375588045e-110}], "obstacles": [{"shape": "rect", "x": [0, 0.00025000000000000304], "y": [0, 0.005777747976949342]}, {"shape": "rect", "x": [0, 0.00025000000000000304], "y": [0, 0.005777747976949342]}], "boundaries": {"left": {"heat": {"type": "periodic"}, "mass": {"type": "periodic"}}, "right": {"heat": {"type": "periodic"}, "mass": {"type": "periodic"}}, "bottom": {"heat": {"type": "flux", "value": -24464.417274934534}, "mass": {"type": "closed"}}, "top": {"heat": {"type": "convective", "h": 17.30778157838586, "ambient": 471.16412472499354}, "mass": {"type": "concentration", "value": 0.001}}}, "time": {"scheme": "euler"}, "allowUnphysical": true};

/** The heat flux drawn out through the bottom wall [W/m^2]. */
const DRAWN = -SINK_4x1.boundaries.bottom.heat.value;

/** The scenario with the top wall's h scaled by `factor` (the mean wall temperature rises with it). */
const withH = (factor: number) => {
  const s = JSON.parse(JSON.stringify(SINK_4x1));
  s.boundaries.top.heat.h *= factor;
  return parseScenario(s);
};

describe('no steady state above 0 K: the convective walls cannot supply the heat drawn out', () => {
  it('sweep 2301 #84: the jump is refused naming boundaries, with the mean wall temperature the balance asks for', () => {
    const problems = steadyStateProblems(withH(1));
    expect(problems.length).toBe(1);
    expect(problems[0]).toMatch(/^boundaries: no steady state above 0 K: .* their mean temperature would be -942\.[0-9] K/);
    const sim = new ReferenceSimulation(withH(1));
    expect(() => sim.jumpNow()).toThrow(/no steady state above 0 K/);
    sim.destroy();
  });

  it('the rule turns at a mean wall temperature of 0 K: h just above the balance allows the jump, just below refuses it', () => {
    // mean = T_amb - q / h, 0 K at h = q / T_amb
    const top = withH(1).scenario.boundaries.top.heat as { h: number; ambient: number };
    const atZero = DRAWN / top.ambient / top.h;
    expect(steadyStateProblems(withH(atZero * 1.001))).toEqual([]);
    const below = steadyStateProblems(withH(atZero * 0.999));
    expect(below.length).toBe(1);
    expect(below[0]).toMatch(/their mean temperature would be -0\.[0-9]+ K/);
  });

  it('a fixed-temperature wall lifts the rule (it can supply any heat), as does heat put in', () => {
    const s = JSON.parse(JSON.stringify(SINK_4x1));
    s.boundaries.top.heat = { type: 'temperature', value: 471 };
    expect(steadyStateProblems(parseScenario(s))).toEqual([]);
    const t = JSON.parse(JSON.stringify(SINK_4x1));
    t.boundaries.bottom.heat.value = DRAWN;
    expect(steadyStateProblems(parseScenario(t))).toEqual([]);
  });
});
