/**
 * A float32 jump that stalls above its tolerance is not a result (physics/run-checks.ts
 * solveAccepted). Sweep seed 2101 #7, shrunk: 6 x 32 cells of 667:1 (0.0167 m x 3.9e-5 m), a
 * convective wall on the left, periodic top and bottom. The GPU jump stalled after 5 iterations
 * at 7.7e-5, within JUMP_ROUND_OFF_MARGIN of its round-off bound, and was accepted with T and c
 * 0.69 of their span off the float64 steady state (T = the ambient 1545 K, c = 0.101 everywhere):
 * the short faces' rounding, ~1e7 W/m^3 per cell, hides the wall's residual from a uniform offset
 * of hundreds of kelvin. Not accepted, the stall is retaken along the coupling ladder, whose jumps
 * converge (relative residual 0; T 5e-8 of the span off).
 */
import { describe, expect, it } from 'vitest';
import { ReferenceSimulation } from '../../src/physics/reference';
import { solveAccepted } from '../../src/physics/run-checks';
import { parseScenario } from '../../src/physics/validate';
import { gpuSim } from '../helpers/gpu';
import { gpuGap, type FieldGap } from '../helpers/gpu-cpu';
import { report } from '../helpers/report';

// The shrunk draw as the sweep wrote it (its denormal source and D_F, 0 in float32, left in: without
// them the GPU jump converges).
const draw2101 = parseScenario({
  "version": 1,
  "name": "seed 2101 #7, shrunk",
  "grid": {
    "nx": 6,
    "ny": 32,
    "width": 0.1,
    "height": 0.0012592757702805095
  },
  "mixture": {
    "rho": 1,
    "cp": 125.89254117941675,
    "k": 125.85008569984205,
    "D": 9.999999999999918e-05,
    "soret": -0.8549296078804148,
    "molarMass": [
      1,
      1
    ],
    "dufour": 1.4642140856982682e-96
  },
  "reference": {
    "T0": 1817.8799547464591,
    "c0": 0.0010000000000000037
  },
  "initial": {
    "regions": []
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.016666666666666666
      ],
      "y": [
        0,
        3.935236782126592e-05
      ],
      "q": 4.693829745074656e-170
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.016666666666666666
      ],
      "y": [
        0,
        3.935236782126592e-05
      ]
    },
    {
      "shape": "rect",
      "x": [
        0,
        0.016666666666666666
      ],
      "y": [
        0,
        3.935236782126592e-05
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "convective",
        "h": 125.85008569984205,
        "ambient": 1545.1979615344906
      },
      "mass": {
        "type": "closed"
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "concentration",
        "value": 0.10099999999999963
      }
    },
    "bottom": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "top": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    }
  },
  "time": {
    "scheme": "euler"
  },
  "allowUnphysical": true
});

describe('a float32 jump stalled above its tolerance', () => {
  it('seed 2101 #7 (667:1 cells, a convective wall): refused, or converged onto the float64 steady state; never accepted off it', async () => {
    const gpu = await gpuSim(draw2101);
    const rep = await gpu.jumpToSteadyState();
    const cpu = new ReferenceSimulation(draw2101);
    expect(cpu.jumpNow().converged).toBe(true);
    const { T0, c0 } = draw2101.scenario.reference;
    // Of the start's distance from the steady state (uniform): the CPU field's excursion from T0, c0.
    const off = (g: FieldGap) => g.diff / g.excursion;
    const dT = off(await gpuGap(gpu, cpu.fieldNow('T'), 'T', T0));
    const dc = off(await gpuGap(gpu, cpu.fieldNow('c'), 'c', c0));
    report('GPU jump seed 2101 #7 (shrunk): accepted, iterations, relative residual, T and c off (of the start distance)', `${solveAccepted(rep)} ${rep.iterations} ${rep.relative.toExponential(2)}${rep.stalled ? ' (stalled)' : ''} ${dT.toExponential(2)} ${dc.toExponential(2)}`);
    if (solveAccepted(rep)) {
      expect(dT).toBeLessThan(1e-3);
      expect(dc).toBeLessThan(1e-3);
    } else {
      // Refused: the state left is the jump's start (the last good state).
      expect(dT).toBeGreaterThan(0.99);
    }
    gpu.destroy();
    cpu.destroy();
  }, 300_000);
});
