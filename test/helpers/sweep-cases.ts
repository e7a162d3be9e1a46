/**
 * Seed 2026's float32 counterexamples (npm run sweep -- --n 80 --seed 2026 --max-side 256
 * --max-cells 256): rkl2 at its 1001-stage cap, 2 steps, on 1-row grids. On the GPU the closed
 * total of the first drifted 2.7e-5 (CONSERVE_GPU 2e-5) and the second's c, which reaches 0.999,
 * differed from the float64 reference by 1.9e-3 of its excursion (GPU_CPU 1e-3): float32
 * round-off over 2002 stencil passes (scripts/sweep/check.ts float32Tolerance).
 */
export const RKL2_CLOSED_128x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 128,
    "ny": 1,
    "width": 0.001000000000000006,
    "height": 0.0992412633649519
  },
  "mixture": {
    "rho": 1,
    "cp": 11283.116441972747,
    "k": 1,
    "D": 9.999999999999693e-05,
    "soret": 2.210991683780657,
    "molarMass": [
      1,
      1
    ],
    "dufour": 0
  },
  "reference": {
    "T0": 62.45152882029365,
    "c0": 0.05751299323732172
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          7.812500000000048e-06
        ],
        "y": [
          0,
          0.0992412633649519
        ],
        "T": 62.45152882029365,
        "c": 0.001
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        7.812500000000048e-06
      ],
      "y": [
        0,
        0.0992412633649519
      ],
      "q": 4.361914027691199e-206
    },
    {
      "shape": "rect",
      "x": [
        0.0004296875000000026,
        0.00043750000000000267
      ],
      "y": [
        0,
        0.0992412633649519
      ],
      "q": -2.7289345269761198e-30
    }
  ],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "right": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "bottom": {
      "heat": {
        "type": "convective",
        "h": 1.0076453746085225,
        "ambient": 62.45152882029365
      },
      "mass": {
        "type": "closed"
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
      }
    }
  },
  "time": {
    "scheme": "rkl2"
  },
  "allowUnphysical": true
};

export const RKL2_NEAR_ONE_225x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 225,
    "ny": 1,
    "width": 0.1,
    "height": 0.08618319343200584
  },
  "mixture": {
    "rho": 0.999886569952643,
    "cp": 125.89254117941867,
    "k": 1,
    "D": 2.0164798511086587e-07,
    "soret": 2.5560572740527084e-285,
    "molarMass": [
      1,
      1
    ],
    "dufour": 0
  },
  "reference": {
    "T0": 50.000000000000064,
    "c0": 0.9989999999999998
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.00044444444444444447
        ],
        "y": [
          0,
          0.08618319343200584
        ],
        "T": 50.000000000000064,
        "c": 0.8989999999999998
      },
      {
        "shape": "rect",
        "x": [
          0,
          0.00044444444444444447
        ],
        "y": [
          0,
          0.08618319343200584
        ],
        "T": 50.000000000000064,
        "c": 0.8989999999999998
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.00044444444444444447
      ],
      "y": [
        0,
        0.08618319343200584
      ],
      "q": -2.2826352724745474e-122
    },
    {
      "shape": "rect",
      "x": [
        0,
        0.00044444444444444447
      ],
      "y": [
        0,
        0.08618319343200584
      ],
      "q": 3.7295101287508704e-237
    }
  ],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "right": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "concentration",
        "value": 0.8989999999999998
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 3.264510073333122e-173
      },
      "mass": {
        "type": "concentration",
        "value": 0.999
      }
    }
  },
  "time": {
    "scheme": "rkl2"
  },
  "allowUnphysical": true
};

/**
 * Sweep seed 2112 #38 (8 x 13, periodic all round, a row at c = 0.001 in c0 = 0.0026, no coupling
 * to speak of, sources of net -1e-251 W/m): its jump is refused (no steady state), then rkl2. The
 * GPU's solute changed by 1.03e-5, held to the solve's CONSERVE_SOLVE (1e-5) although no jump was
 * taken (check.ts gpuConserveTolerance).
 */
export const JUMP_THEN_RKL2_PERIODIC_8x13 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 8,
    "ny": 13,
    "width": 0.007329860253628804,
    "height": 0.0010000000000000083
  },
  "mixture": {
    "rho": 1,
    "cp": 4432.979357828364,
    "k": 1,
    "D": 1.013090305738619e-08,
    "soret": 5.1989779614420634e-241,
    "molarMass": [
      1,
      1
    ],
    "dufour": 0
  },
  "reference": {
    "T0": 1999.9999999999966,
    "c0": 0.0025997036799324585
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.007329860253628804
        ],
        "y": [
          0,
          7.692307692307756e-05
        ],
        "T": 1999.9999999999966,
        "c": 0.001
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.0009162325317036005
      ],
      "y": [
        0,
        7.692307692307756e-05
      ],
      "q": -1.5988510888885955e-244
    }
  ],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "right": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
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
    "scheme": "rkl2"
  },
  "allowUnphysical": true
};

/**
 * Sweep seed 2090 #91 (37 x 5, mass closed all round, c0 = 0.999, S_T = -10 1/K, molar masses
 * 1 : 0.002): implicit steps near c = 1 clip the logit correction in some cells, and before each
 * step shifted its state back onto its kept totals (implicit.ts keepStepTotals) the long run gained
 * 1.7e-5 of its solute in 4 steps and ended 6e-4 in c off the jump.
 */
export const CLOSED_NEAR_ONE_37x5 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 37,
    "ny": 5,
    "width": 0.033259758720433075,
    "height": 0.0031523554349036477
  },
  "mixture": {
    "rho": 0.010000000000000021,
    "cp": 608.7159681917501,
    "k": 0.005011872336272781,
    "D": 1.000000000000041e-12,
    "soret": -10,
    "molarMass": [
      1,
      0.0019952623149689075
    ],
    "dufour": 2.7648969876352943e-60
  },
  "reference": {
    "T0": 50.000000000000064,
    "c0": 0.9989999999999996
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.0008989123978495426
        ],
        "y": [
          0,
          0.0006304710869807295
        ],
        "T": 50.000000000000064,
        "c": 0.8989999999999996
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.0008989123978495426
      ],
      "y": [
        0,
        0.0006304710869807295
      ],
      "q": -3.397887239457684e-190
    },
    {
      "shape": "rect",
      "x": [
        0,
        0.0008989123978495426
      ],
      "y": [
        0,
        0.0006304710869807295
      ],
      "q": -2.9793959715908544e-302
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.0008989123978495426
      ],
      "y": [
        0,
        0.0006304710869807295
      ]
    },
    {
      "shape": "rect",
      "x": [
        0,
        0.0008989123978495426
      ],
      "y": [
        0,
        0.0006304710869807295
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "temperature",
        "value": 50.000000000000064
      },
      "mass": {
        "type": "closed"
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": -5.982261333672816e-296
      },
      "mass": {
        "type": "closed"
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 0.0753443880696847
      },
      "mass": {
        "type": "closed"
      }
    }
  },
  "time": {
    "scheme": "euler"
  },
  "allowUnphysical": true
};

/**
 * Sweep seed 2126 #66 (7 x 2 cells of 1:197, periodic in y, a sink, S_T = -10 1/K with an explicit
 * antisymmetric D_F): the plain ladder (rungs, relaxations) ends at 2.2e-2 on a state 7 K off;
 * with Anderson mixing (anderson.ts) the jump converges on the CPU.
 */
export const STRONG_SORET_7x2 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 7,
    "ny": 2,
    "width": 0.001631293080584679,
    "height": 0.09191037121477968
  },
  "mixture": {
    "rho": 1,
    "cp": 125.89254117941778,
    "k": 1,
    "D": 3.1130129997233766e-08,
    "soret": -10,
    "molarMass": [
      0.0019952623149689075,
      1
    ],
    "dufour": 3.1130129997233717e-07
  },
  "reference": {
    "T0": 1999.9999999999982,
    "c0": 0.0038215078344617692
  },
  "initial": {
    "regions": []
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.00023304186865495414
      ],
      "y": [
        0,
        0.04595518560738984
      ],
      "q": -8.63155060928986
    }
  ],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": -1.075e-320
      },
      "mass": {
        "type": "closed"
      }
    },
    "right": {
      "heat": {
        "type": "convective",
        "h": 1.0880164956174119,
        "ambient": 1999.9999999999982
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
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
};

/**
 * Sweep seed 2117 #34 (172 x 1, S_T = -10 1/K, c0 = 0.0014, a source): the plain ladder ends at
 * 9.0e-3 on both backends; mixed, the jump converges on both (anderson.ts, depth 5 on the GPU's
 * float32 states: depth 10 stalled at 1.9e-5).
 */
export const STRONG_SORET_172x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 172,
    "ny": 1,
    "width": 0.0295521825586846,
    "height": 0.003894036610903082
  },
  "mixture": {
    "rho": 1,
    "cp": 8390.938624742903,
    "k": 398.1071705534973,
    "D": 1.0000000000000287e-12,
    "soret": -10,
    "molarMass": [
      1,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 1999.9999999999964,
    "c0": 0.0013864028961356467
  },
  "initial": {
    "regions": []
  },
  "sources": [],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": -269426.57772429293
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
      }
    },
    "bottom": {
      "heat": {
        "type": "convective",
        "h": 1347.1328886214676,
        "ambient": 1999.9999999999964
      },
      "mass": {
        "type": "closed"
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 1.5778397122256321e-46
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/**
 * Sweep seed 2137 #89 (8 x 24 forward Euler, D_F = -D_T with S_T = -1.2 1/K, k = 1 W/(m K), rho cp =
 * 2e8 J/(m^3 K); zero-flux heat walls that fix c = 0.32 beside a row at c = 0.52): at 0.9 of the
 * bulk explicit limit c went to -364 in one step (derived.ts wallMassDiffusivity).
 */
export const ANTISYMMETRIC_WALL_8x24 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 8,
    "ny": 24,
    "width": 0.06503655543315928,
    "height": 0.09711915005029127
  },
  "mixture": {
    "rho": 19952.623149688014,
    "cp": 10646.970141608394,
    "k": 1,
    "D": 9.999999999999693e-05,
    "soret": -1.1915455252576659,
    "molarMass": [
      1,
      1
    ],
    "dufour": 0.00011915455252576282
  },
  "reference": {
    "T0": 407.9786698622485,
    "c0": 0.42128384627427956
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.00812956942914491
        ],
        "y": [
          0,
          0.00404663125209547
        ],
        "T": 407.9786698622485,
        "c": 0.3212838462742795
      },
      {
        "shape": "rect",
        "x": [
          0,
          0.06503655543315928
        ],
        "y": [
          0,
          0.00404663125209547
        ],
        "T": 407.9786698622485,
        "c": 0.5212838462742793
      }
    ]
  },
  "sources": [],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": -1.66e-321
      },
      "mass": {
        "type": "concentration",
        "value": 0.3212838462742795
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": -2.583284191015533e-177
      },
      "mass": {
        "type": "concentration",
        "value": 0.3212838462742795
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
};

/**
 * Sweep seed 2079 #70 (8 x 14, S_T = 10 1/K, c fixed at 0.757 on both y walls, a heat flux in at
 * the bottom: a thermophoretic through-flux on every face): the frozen-mobility iteration does not
 * contract at its steady state (eigenvalues of A^-1 J at -0.33 +- 130i); the plain and the mixed
 * ladder end at 2.9e-2; exact Newton under pseudo-transient continuation converges (newton.ts).
 */
export const STRONG_SORET_8x14 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 8,
    "ny": 14,
    "width": 0.001015901453028234,
    "height": 0.002862361265156094
  },
  "mixture": {
    "rho": 1,
    "cp": 1617.6824162020591,
    "k": 1,
    "D": 7.855221276802378e-08,
    "soret": 10,
    "molarMass": [
      1,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 194.89652301427967,
    "c0": 0.8572615875133929
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.00012698768162852924
        ],
        "y": [
          0,
          0.00020445437608257816
        ],
        "T": 194.89652301427967,
        "c": 0.7572615875133929
      },
      {
        "shape": "rect",
        "x": [
          0,
          0.00012698768162852924
        ],
        "y": [
          0,
          0.00020445437608257816
        ],
        "T": 194.89652301427967,
        "c": 0.7572615875133929
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.00012698768162852924
      ],
      "y": [
        0,
        0.00020445437608257816
      ],
      "q": -7.520757965909267e-277
    },
    {
      "shape": "rect",
      "x": [
        0,
        0.00012698768162852924
      ],
      "y": [
        0,
        0.00020445437608257816
      ],
      "q": 619.8170269917003
    }
  ],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "right": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": 20426.826486242084
      },
      "mass": {
        "type": "concentration",
        "value": 0.7572615875133929
      }
    },
    "top": {
      "heat": {
        "type": "temperature",
        "value": 194.89652301427967
      },
      "mass": {
        "type": "concentration",
        "value": 0.7572615875133929
      }
    }
  },
  "time": {
    "scheme": "rkl2"
  },
  "allowUnphysical": false
};

/**
 * Sweep seed 2114 #5 (8 x 10, S_T = 10 1/K, 100 K across, c0 = 1e-3): the model's evolution takes c
 * below 0 (below C_MIN its coefficients clamp c and the Soret drift no longer vanishes with c); the
 * exact jump's pseudo-time path leaves [0, 1] (c -1.6e-5), and so does the long run.
 */
export const SORET_BELOW_ZERO_8x10 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 8,
    "ny": 10,
    "width": 0.03209778716232995,
    "height": 0.1
  },
  "mixture": {
    "rho": 1,
    "cp": 125.89254117941816,
    "k": 1,
    "D": 9.172407286351673e-12,
    "soret": 10,
    "molarMass": [
      9999.999999999825,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 706.1852446477023,
    "c0": 0.02699690055289109
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.004012223395291244
        ],
        "y": [
          0,
          0.01
        ],
        "T": 706.1852446477023,
        "c": 0.001
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.004012223395291244
      ],
      "y": [
        0,
        0.01
      ],
      "q": 6.228491883266757e-236
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.004012223395291244
      ],
      "y": [
        0,
        0.01
      ]
    },
    {
      "shape": "rect",
      "x": [
        0,
        0.004012223395291244
      ],
      "y": [
        0,
        0.01
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "temperature",
        "value": 812.1130313448574
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "right": {
      "heat": {
        "type": "temperature",
        "value": 706.1852446477023
      },
      "mass": {
        "type": "closed"
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/** Sweep seed 2115 #64 (shrunk; 5 x 13, S_T at 99 % of its second-law bound): the GPU's first implicit step goes non-finite in float32, the CPU's converges. */
export const NON_FINITE_STEP_5x13 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 5,
    "ny": 13,
    "width": 0.013654078906451815,
    "height": 0.03211880671243678
  },
  "mixture": {
    "rho": 1,
    "cp": 178.88437938540534,
    "k": 0.005011872336272781,
    "D": 9.126080866740581e-05,
    "soret": -0.0013297316080740185,
    "molarMass": [
      0.001995262314968901,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 1999.9999999999973,
    "c0": 0.06008242530105328
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.002730815781290363
        ],
        "y": [
          0,
          0.002470677439418214
        ],
        "T": 1999.9999999999973,
        "c": 0.11389278095034677
      }
    ]
  },
  "sources": [],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.002730815781290363
      ],
      "y": [
        0,
        0.002470677439418214
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "convective",
        "h": 0.015604167306539832,
        "ambient": 1999.9999999999973
      },
      "mass": {
        "type": "closed"
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": 4.63319633665845e-47
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
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
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/** Sweep seed 2170 #31 (221 x 1, heat let in through a flux wall, no wall fixing T; dt = 3.6e7 s): T rises by 6.7e11 K per step; the GPU's float32 steps are retaken exactly on the host. */
export const HEATED_FLUX_221x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 221,
    "ny": 1,
    "width": 0.0014464853446123098,
    "height": 0.08430814718987878
  },
  "mixture": {
    "rho": 1,
    "cp": 740.9746110822489,
    "k": 398.1071705534896,
    "D": 1.0000000000000614e-12,
    "soret": 4.827182163498822e-35,
    "molarMass": [
      1,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 1999.9999999999984,
    "c0": 0.0012293493505703425
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          6.5451825548068316e-06
        ],
        "y": [
          0,
          0.08430814718987878
        ],
        "T": 1999.9999999999984,
        "c": 0.001
      }
    ]
  },
  "sources": [],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": 19867.094135030224
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": 8.865405e-318
      },
      "mass": {
        "type": "closed"
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
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/** Sweep seed 2145 #61 (17 x 11, S_T = 8.3 1/K, lowest second-law margin 0.020): the CPU's multigrid step at dt converged to 9.8e-3 while 5.3e-2 off in c. */
export const NEAR_BOUND_17x11 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 17,
    "ny": 11,
    "width": 0.023283007843899858,
    "height": 0.07564530365158438
  },
  "mixture": {
    "rho": 1,
    "cp": 231.1979791870247,
    "k": 1,
    "D": 1.6876774481995062e-05,
    "soret": 8.299532264950223,
    "molarMass": [
      1,
      9999.999999999949
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 1021.7924283356257,
    "c0": 0.20321854007917334
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.0013695886966999917
        ],
        "y": [
          0,
          0.006876845786507671
        ],
        "T": 1021.7924283356257,
        "c": 0.10321854007917333
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.0013695886966999917
      ],
      "y": [
        0,
        0.006876845786507671
      ],
      "q": 1.5743543614812566e-271
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0.021913419147199867,
        0.023283007843899858
      ],
      "y": [
        0,
        0.006876845786507671
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "temperature",
        "value": 1021.7924283356257
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
        "value": 0.10321854007917333
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
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/** Sweep seed 2209 #24 (248 x 1, cells 1037:1, pure diffusion, T uniform): the second (BDF2) step rose on both backends, by 1.3-fold on the GPU. */
export const STRETCHED_BDF2_248x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 248,
    "ny": 1,
    "width": 0.0042045648427898995,
    "height": 0.017579285407881506
  },
  "mixture": {
    "rho": 19952.623149688585,
    "cp": 707.1586780638904,
    "k": 1,
    "D": 7.383682001568044e-08,
    "soret": 8.067276161265283e-30,
    "molarMass": [
      1,
      1
    ],
    "dufour": 0
  },
  "reference": {
    "T0": 50.00000000000012,
    "c0": 0.20121179122067895
  },
  "initial": {
    "regions": []
  },
  "sources": [],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        1.6953890495120563e-05
      ],
      "y": [
        0,
        0.017579285407881506
      ]
    },
    {
      "shape": "rect",
      "x": [
        0,
        1.6953890495120563e-05
      ],
      "y": [
        0,
        0.017579285407881506
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "convective",
        "h": 5.688513365575483,
        "ambient": 50.00000000000012
      },
      "mass": {
        "type": "concentration",
        "value": 0.10121179122067894
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": -1.4e-322
      },
      "mass": {
        "type": "concentration",
        "value": 0.10121179122067894
      }
    },
    "bottom": {
      "heat": {
        "type": "convective",
        "h": 5.688513365575483,
        "ambient": 50.00000000000012
      },
      "mass": {
        "type": "concentration",
        "value": 0.10121179122067894
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": true
};

/** Sweep seed 2219 #4 (256 x 1, S_T = -10 1/K, c ~ 0.003, 360 W/m^2 drawn out through k = 1 W/(m K)): RKL2 at tau_slow / 20 turned a smooth state into an odd-even oscillation, c = -0.048 at step 2. */
export const RKL2_DRIFT_256x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 256,
    "ny": 1,
    "width": 0.0907765136213817,
    "height": 0.09999999999999995
  },
  "mixture": {
    "rho": 1,
    "cp": 15848.931924610655,
    "k": 1,
    "D": 9.999999999999816e-05,
    "soret": -10,
    "molarMass": [
      9999.999999999836,
      9999.99999999996
    ],
    "dufour": 6.2359863419057475e-217
  },
  "reference": {
    "T0": 119.9689166799036,
    "c0": 0.0036905808349371257
  },
  "initial": {
    "regions": []
  },
  "sources": [],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": -359.9067500397102
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": -1.0478487575721386e-86
      },
      "mass": {
        "type": "closed"
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
    "scheme": "rkl2"
  },
  "allowUnphysical": true
};

/**
 * Sweep 2219 #59 (256 x 1, cells 2154:1, implicit, margin 2e-4): c is pulled down uniformly through
 * the weak bottom wall while the strong x faces hold it uniform; its mean is the slow mode. Before
 * the balance check the GPU's steps stopped at their float32 round-off bound with the mean of c
 * 1.6 % of its change off: GPU = CPU 1.3e-2 of c's excursion.
 */
export const STRETCHED_MEAN_256x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 256,
    "ny": 1,
    "width": 0.0012477936767872851,
    "height": 0.010498995991294904
  },
  "mixture": {
    "rho": 1,
    "cp": 15848.931924610883,
    "k": 1,
    "D": 9.999999999999715e-05,
    "soret": 0.03467683690544176,
    "molarMass": [
      1,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 1999.9999999999982,
    "c0": 0.9989999999999993
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          4.874194049950333e-06
        ],
        "y": [
          0,
          0.010498995991294904
        ],
        "T": 1999.9999999999982,
        "c": 0.8989999999999994
      },
      {
        "shape": "rect",
        "x": [
          0,
          4.874194049950333e-06
        ],
        "y": [
          0,
          0.010498995991294904
        ],
        "T": 1999.9999999999982,
        "c": 0.8989999999999994
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        4.874194049950333e-06
      ],
      "y": [
        0,
        0.010498995991294904
      ],
      "q": 1.406417198715615e-28
    },
    {
      "shape": "rect",
      "x": [
        0,
        4.874194049950333e-06
      ],
      "y": [
        0,
        0.010498995991294904
      ],
      "q": -7.617751030206338e-287
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        4.874194049950333e-06
      ],
      "y": [
        0,
        0.010498995991294904
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": 9.4115e-320
      },
      "mass": {
        "type": "concentration",
        "value": 0.999
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": 5.330670852205712e-198
      },
      "mass": {
        "type": "closed"
      }
    },
    "bottom": {
      "heat": {
        "type": "convective",
        "h": 9.524720276387724,
        "ambient": 1999.9999999999982
      },
      "mass": {
        "type": "concentration",
        "value": 0.8989999999999994
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/**
 * Sweep 2238 #16 (221 x 1, cells 1894:1, T0 = 50 K heated to 1.4e5 K through a flux wall at dt = 5e7 s,
 * S_T = -10 1/K, D = 1e-12 m^2/s): the time term is 2e-12 of the x faces'. The GPU's float32 step at dt
 * did not converge while the multigrid was asked for the mean mode the kept total sets anyway.
 */
export const HEATED_STRETCHED_221x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 221,
    "ny": 1,
    "width": 0.011670084112473635,
    "height": 0.09999999999999923
  },
  "mixture": {
    "rho": 1,
    "cp": 178.21140884380856,
    "k": 0.005011872336272797,
    "D": 1.000000000000041e-12,
    "soret": -10,
    "molarMass": [
      1,
      1
    ],
    "dufour": -3.463349788841034e-257
  },
  "reference": {
    "T0": 50.000000000000114,
    "c0": 0.030634333214787434
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          5.2805810463681606e-05
        ],
        "y": [
          0,
          0.09999999999999923
        ],
        "T": 50.000000000000114,
        "c": 0.001
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        5.2805810463681606e-05
      ],
      "y": [
        0,
        0.09999999999999923
      ],
      "q": -3.161403179962495e-71
    },
    {
      "shape": "rect",
      "x": [
        0,
        5.2805810463681606e-05
      ],
      "y": [
        0,
        0.09999999999999923
      ],
      "q": 2.1175085903845852e-129
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        5.2805810463681606e-05
      ],
      "y": [
        0,
        0.09999999999999923
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": 7.5160726061538165e-59
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": 0.025059361681364203
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": true
};

/**
 * Sweep 2264 #8 (7 x 29, implicit + jump): the jump converges to a state beyond the second-law bound
 * (T to 2811 K, k_eff < 0), refused, and the long run reaches it too; the two states are 75 x the span
 * apart, neither one the model defines.
 */
export const JUMP_BEYOND_BOUND_7x29 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 7,
    "ny": 29,
    "width": 0.09999999999999959,
    "height": 0.09999999999999974
  },
  "mixture": {
    "rho": 1,
    "cp": 368.01368521905397,
    "k": 0.005011872336272786,
    "D": 4.564877655641858e-05,
    "soret": 0.005106543729771269,
    "molarMass": [
      1,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 1415.1216175200739,
    "c0": 0.9989999999999999
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.014285714285714226
        ],
        "y": [
          0,
          0.003448275862068957
        ],
        "T": 1415.1216175200739,
        "c": 0.8989999999999999
      },
      {
        "shape": "rect",
        "x": [
          0,
          0.09999999999999959
        ],
        "y": [
          0,
          0.003448275862068957
        ],
        "T": 1415.1216175200739,
        "c": 0.8989999999999999
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.014285714285714226
      ],
      "y": [
        0,
        0.003448275862068957
      ],
      "q": -9.557626085989833e-263
    },
    {
      "shape": "rect",
      "x": [
        0,
        0.09999999999999959
      ],
      "y": [
        0.09655172413793078,
        0.09999999999999974
      ],
      "q": -4.407303745827903e-123
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.014285714285714226
      ],
      "y": [
        0,
        0.003448275862068957
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": 0.7092408887310467
      },
      "mass": {
        "type": "closed"
      }
    },
    "right": {
      "heat": {
        "type": "temperature",
        "value": 1415.1216175200739
      },
      "mass": {
        "type": "closed"
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 5.165642290602263e-277
      },
      "mass": {
        "type": "concentration",
        "value": 0.8989999999999999
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/**
 * Sweep seed 2285 #94 (run aa; 65 x 3, S_T = 1.98 1/K at T0 = 1763 K, molar masses 1e4 : 1,
 * reciprocal Dufour, margin 0.083; c = 0.999 beside a wall at 0.899): the first implicit step
 * (dt = tau_slow / 20 = 6.1 s, 41 800 explicit limits) converges only as substeps of dt / 4096 or
 * shorter while the wall's front is one cell wide; below dt / 1024 both backends failed it.
 */
export const WALL_FRONT_65x3 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 65,
    "ny": 3,
    "width": 0.09999999999999995,
    "height": 0.09999999999999953
  },
  "mixture": {
    "rho": 1,
    "cp": 125.89254117941726,
    "k": 1,
    "D": 9.999999999999897e-05,
    "soret": 1.9764705257973605,
    "molarMass": [
      9999.999999999887,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 1762.6686444139384,
    "c0": 0.9989999999999994
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.0015384615384615376
        ],
        "y": [
          0,
          0.03333333333333318
        ],
        "T": 1762.6686444139384,
        "c": 0.8989999999999995
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.0015384615384615376
      ],
      "y": [
        0,
        0.03333333333333318
      ],
      "q": 6.869169388646364e-135
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.0015384615384615376
      ],
      "y": [
        0,
        0.03333333333333318
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "convective",
        "h": 9999.999999999944,
        "ambient": 1762.6686444139384
      },
      "mass": {
        "type": "concentration",
        "value": 0.999
      }
    },
    "right": {
      "heat": {
        "type": "temperature",
        "value": 1762.6686444139384
      },
      "mass": {
        "type": "concentration",
        "value": 0.8989999999999995
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
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/**
 * Sweep 2334 #81, shrunk: 7 x 3, S_T = -10 1/K, D_F = -D_T (unphysical, opposite signs), an
 * obstacle in one corner; the right wall fixes c (0.001) but not T. After the jump the state is
 * uniform (T = T0, c = 0.001); two RKL2 super-steps of 167 stages from it reached c = -0.0030
 * (run af: -0.025 at the drawn size) while forward Euler stays uniform (derived.ts
 * realTransportSpectrum).
 */
export const OPPOSITE_COUPLING_7x3 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 7,
    "ny": 3,
    "width": 0.1,
    "height": 0.015487419773836258
  },
  "mixture": {
    "rho": 1,
    "cp": 15848.931924610883,
    "k": 1,
    "D": 1.451545489550493e-08,
    "soret": -10,
    "molarMass": [
      0.001995262314968887,
      1
    ],
    "dufour": 1.4515454895504927e-07
  },
  "reference": {
    "T0": 460.49447387487595,
    "c0": 0.007676507954076869
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.014285714285714287
        ],
        "y": [
          0,
          0.005162473257945419
        ],
        "T": 460.49447387487595,
        "c": 0.001
      },
      {
        "shape": "rect",
        "x": [
          0,
          0.014285714285714287
        ],
        "y": [
          0,
          0.005162473257945419
        ],
        "T": 460.49447387487595,
        "c": 0.001
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0.08571428571428572,
        0.1
      ],
      "y": [
        0,
        0.005162473257945419
      ],
      "q": 2.2621363627905942e-169
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.014285714285714287
      ],
      "y": [
        0,
        0.005162473257945419
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "convective",
        "h": 9999.999999999949,
        "ambient": 460.49447387487595
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
        "value": 0.001
      }
    },
    "bottom": {
      "heat": {
        "type": "temperature",
        "value": 460.49447387487595
      },
      "mass": {
        "type": "closed"
      }
    },
    "top": {
      "heat": {
        "type": "temperature",
        "value": 460.49447387487595
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    }
  },
  "time": {
    "scheme": "rkl2"
  },
  "allowUnphysical": true
};

/**
 * Sweep 2243 #82 (255 x 1, S_T = -2.1 1/K, implicit at tau_slow / 20): the multigrid's outer
 * iteration barely contracts, and both steps ended "converged" above STEP_LOOSE, the GPU's after 6
 * iterations at 3.3e-3, the CPU's after 10 at 2.2e-3: c 1.8e-2 of its excursion apart. Both are now
 * retaken with exact corrections (newton.ts retakeExactlyAtDt).
 */
export const LOOSE_STEPS_255x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 255,
    "ny": 1,
    "width": 0.004538830284436695,
    "height": 0.036894030139964215
  },
  "mixture": {
    "rho": 1,
    "cp": 2104.8881618601463,
    "k": 1,
    "D": 1.0479411071974915e-07,
    "soret": -2.133114416692642,
    "molarMass": [
      1,
      1
    ],
    "dufour": -1.765023053265073e-217
  },
  "reference": {
    "T0": 1999.9999999999984,
    "c0": 0.0018004803481641992
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          1.7799334448771354e-05
        ],
        "y": [
          0,
          0.036894030139964215
        ],
        "T": 1999.9999999999984,
        "c": 0.001
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        1.7799334448771354e-05
      ],
      "y": [
        0,
        0.036894030139964215
      ],
      "q": 7.442039267938949e-286
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        1.7799334448771354e-05
      ],
      "y": [
        0,
        0.036894030139964215
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "convective",
        "h": 2.7104656124752924,
        "ambient": 1999.9999999999984
      },
      "mass": {
        "type": "closed"
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": 542.093122495057
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "bottom": {
      "heat": {
        "type": "convective",
        "h": 2.7104656124752924,
        "ambient": 1999.9999999999984
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": true
};

/**
 * Sweep 2348 #7 (3 x 3, D = 1e-12 m^2/s, S_T = -10 1/K at 2000 K): tau_slow = 1.0e9 s, so the long
 * run's steps of 2 tau_slow exceeded the schema's largest time.dt and no long run was set up; the
 * jump's refusal (c below 0 on its pseudo-time path) went unjudged (scripts/sweep/refusal.ts
 * longRunSchedule, LONGEST_DT).
 */
export const SLOW_SORET_3x3 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 3,
    "ny": 3,
    "width": 0.09922942128873372,
    "height": 0.0015793324384542323
  },
  "mixture": {
    "rho": 1,
    "cp": 3674.807194548878,
    "k": 1,
    "D": 1.0000000000000367e-12,
    "soret": -10,
    "molarMass": [
      1,
      1.0108719090714888
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 1999.9999999999977,
    "c0": 0.0010000000000000005
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0.06615294752582247,
          0.09922942128873372
        ],
        "y": [
          0,
          0.0015793324384542323
        ],
        "T": 1999.9999999999977,
        "c": 0.001
      },
      {
        "shape": "rect",
        "x": [
          0,
          0.033076473762911236
        ],
        "y": [
          0,
          0.0015793324384542323
        ],
        "T": 1999.9999999999977,
        "c": 0.001
      }
    ]
  },
  "sources": [],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.033076473762911236
      ],
      "y": [
        0,
        0.0005264441461514108
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "right": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": 6046.5937643044535
      },
      "mass": {
        "type": "closed"
      }
    },
    "top": {
      "heat": {
        "type": "temperature",
        "value": 2299.9999999999964
      },
      "mass": {
        "type": "closed"
      }
    }
  },
  "time": {
    "scheme": "euler"
  },
  "allowUnphysical": false
};

/**
 * Sweep 2353 #71 (run ah, verbatim): 6 x 24, cells 231:1, S_T = -10 1/K at 50 K, implicit. Its second
 * step ended at dt at a relative residual of 8.7e-3 on the GPU (converged loosely: retaken exactly)
 * and 1.6e-2 on the CPU (failed narrowly: taken as 2 multigrid substeps), c 7.1e-2 of its excursion
 * apart; a narrow failure is retaken exactly at dt too (newton.ts STEP_NEAR_MISS).
 */
export const NEAR_MISS_6x24 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 6,
    "ny": 24,
    "width": 0.09999999999999944,
    "height": 0.0017302080929408972
  },
  "mixture": {
    "rho": 1,
    "cp": 125.89254117941688,
    "k": 1,
    "D": 6.350638513044445e-07,
    "soret": -10,
    "molarMass": [
      1,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 50.00000000000003,
    "c0": 0.36908754589420323
  },
  "initial": {
    "regions": []
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.016666666666666573
      ],
      "y": [
        0,
        7.209200387253738e-05
      ],
      "q": 1.1370978884349454e-111
    }
  ],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "temperature",
        "value": 57.500000000000014
      },
      "mass": {
        "type": "closed"
      }
    },
    "right": {
      "heat": {
        "type": "temperature",
        "value": 50.00000000000003
      },
      "mass": {
        "type": "concentration",
        "value": 0.26908754589420325
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
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/**
 * Sweep 2368 #86 (run ai, verbatim): 249 x 1, cells 200:1, a convective wall of h = 4.3 W/(m^2 K)
 * along the long side the only pin of T. The float32 jump stopped at 1.6e-7 with T 1.7e-5 K off the
 * float64 steady state (4 float32 roundings of T); polished on the host (gpu/jump-polish.ts).
 */
export const WEAK_PIN_JUMP_249x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 249,
    "ny": 1,
    "width": 0.02340683077705515,
    "height": 0.018781852926237158
  },
  "mixture": {
    "rho": 1,
    "cp": 125.89254117941701,
    "k": 1,
    "D": 9.999999999999897e-05,
    "soret": 1.0022341840571365,
    "molarMass": [
      1,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 68.51393104072845,
    "c0": 0.34121851958686755
  },
  "initial": {
    "regions": []
  },
  "sources": [],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0.00018800667290807348,
        0.0002820100093621102
      ],
      "y": [
        0,
        0.018781852926237158
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "concentration",
        "value": 0.24121851958686755
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "concentration",
        "value": 0.24121851958686755
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "concentration",
        "value": 0.24121851958686755
      }
    },
    "top": {
      "heat": {
        "type": "convective",
        "h": 4.2722571437576375,
        "ambient": 68.51393104072845
      },
      "mass": {
        "type": "concentration",
        "value": 0.24121851958686755
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/**
 * Sweep 2162 #50 (run t, verbatim): 256 x 1, the slow mode of c leaving through walls (h/dx)^2 =
 * 6.5e4 weaker than the cells' coupling. The float32 jump's residual stopped at 2.9e-6 with c 6e-7
 * off, 2.6e-3 of its excursion; polished on the host (gpu/jump-polish.ts).
 */
export const SLOW_MODE_JUMP_256x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 256,
    "ny": 1,
    "width": 0.09999999999999949,
    "height": 0.09999999999999984
  },
  "mixture": {
    "rho": 1,
    "cp": 125.89254117941765,
    "k": 1,
    "D": 7.572961889429605e-07,
    "soret": -2.5092719593261113e-279,
    "molarMass": [
      1,
      1
    ],
    "dufour": 0
  },
  "reference": {
    "T0": 1996.8674985076516,
    "c0": 0.0012357305836465987
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.000390624999999998
        ],
        "y": [
          0,
          0.09999999999999984
        ],
        "T": 1996.8674985076516,
        "c": 0.001
      },
      {
        "shape": "rect",
        "x": [
          0,
          0.000390624999999998
        ],
        "y": [
          0,
          0.09999999999999984
        ],
        "T": 1996.8674985076516,
        "c": 0.001
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.003124999999999984
      ],
      "y": [
        0,
        0.09999999999999984
      ],
      "q": 2.1076750260803616e-200
    },
    {
      "shape": "rect",
      "x": [
        0,
        0.000390624999999998
      ],
      "y": [
        0,
        0.09999999999999984
      ],
      "q": 1.1660703382678564e-155
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.000390624999999998
      ],
      "y": [
        0,
        0.09999999999999984
      ]
    },
    {
      "shape": "rect",
      "x": [
        0.002343749999999988,
        0.002734374999999986
      ],
      "y": [
        0,
        0.09999999999999984
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "right": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": -1.2826e-320
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "top": {
      "heat": {
        "type": "temperature",
        "value": 1996.8674985076516
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": true
};

/**
 * Sweep 2328 #60 (run ae, verbatim): 183 x 1, cells 1:183, 8e6 W/m^2 let in across the short side,
 * S_T = 10 1/K at 2000 K, implicit. Its first step fails at dt (0.46 on both backends) and is taken
 * as 32 multigrid substeps, accepted loosely (GPU 1.8e-3, CPU 9.8e-3: c 3.7e-3 of its excursion
 * apart); its second step ends at dt at 0.124 on the GPU and 0.093 on the CPU, either side of
 * STEP_NEAR_MISS (GPU substeps, CPU the exact step at dt: c 4.4e-2 apart). Both steps the GPU's
 * multigrid did not solve cleanly: replayed on the host (newton.ts stepClean).
 */
export const LOOSE_SUBSTEPS_183x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 183,
    "ny": 1,
    "width": 0.0010000000000000041,
    "height": 0.0010000000000000072
  },
  "mixture": {
    "rho": 1,
    "cp": 6899.490282375708,
    "k": 398.1071705534929,
    "D": 2.5557006609408187e-08,
    "soret": 10,
    "molarMass": [
      1,
      0.9999999999601099
    ],
    "dufour": 0
  },
  "reference": {
    "T0": 1999.999999999998,
    "c0": 0.0010000000000000009
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          5.464480874316963e-06
        ],
        "y": [
          0,
          0.0010000000000000072
        ],
        "T": 1999.999999999998,
        "c": 0.001
      },
      {
        "shape": "rect",
        "x": [
          0,
          5.464480874316963e-06
        ],
        "y": [
          0,
          0.0010000000000000072
        ],
        "T": 1999.999999999998,
        "c": 0.001
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        5.464480874316963e-06
      ],
      "y": [
        0,
        0.0010000000000000072
      ],
      "q": 9.774808956656681e-25
    }
  ],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "temperature",
        "value": 1999.999999999998
      },
      "mass": {
        "type": "closed"
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": -1.6089113738747975e-251
      },
      "mass": {
        "type": "closed"
      }
    },
    "bottom": {
      "heat": {
        "type": "flux",
        "value": 1.7946229168846605e-11
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": 7962143.4110697815
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": true
};

/**
 * Sweep 2403 #14 (run am, verbatim): 251 x 1, cells 1:2367, implicit (its jump refused: cells beyond
 * 1000:1). Its second step (BDF2) ended at dt at 5.6e-4 on the GPU (clean within STEP_LOOSE: it
 * stood) and 1.3e-3 on the CPU (loose: retaken exactly), c 3.6e-3 of its excursion apart; the GPU's
 * bound for a step standing unreplayed is a tenth of STEP_LOOSE (newton.ts FLOAT32_STEP_CLEAN).
 */
export const STRETCHED_LOOSE_251x1 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 251,
    "ny": 1,
    "width": 0.010605431039144025,
    "height": 0.0999999999999999
  },
  "mixture": {
    "rho": 0.01000000000000005,
    "cp": 125.89254117941867,
    "k": 1,
    "D": 3.8633646392078573e-07,
    "soret": 10,
    "molarMass": [
      1,
      1
    ],
    "dufour": "reciprocal"
  },
  "reference": {
    "T0": 60.07511546740474,
    "c0": 0.0012178502561894348
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          4.225271330336265e-05
        ],
        "y": [
          0,
          0.0999999999999999
        ],
        "T": 60.07511546740474,
        "c": 0.10121785025618908
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        4.225271330336265e-05
      ],
      "y": [
        0,
        0.0999999999999999
      ],
      "q": -3.08413135357782e-92
    },
    {
      "shape": "rect",
      "x": [
        0,
        4.225271330336265e-05
      ],
      "y": [
        0,
        0.0999999999999999
      ],
      "q": -2.3838651041862777e-149
    }
  ],
  "obstacles": [],
  "boundaries": {
    "left": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "right": {
      "heat": {
        "type": "periodic"
      },
      "mass": {
        "type": "periodic"
      }
    },
    "bottom": {
      "heat": {
        "type": "convective",
        "h": 1.000000000000001,
        "ambient": 60.07511546740474
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    },
    "top": {
      "heat": {
        "type": "flux",
        "value": -6.007511546740469
      },
      "mass": {
        "type": "concentration",
        "value": 0.001
      }
    }
  },
  "time": {
    "scheme": "implicit"
  },
  "allowUnphysical": false
};

/**
 * Sweep 2419 #44 (run an, verbatim): 3 x 6, heated through a flux wall (82 W/m^2) with no wall fixing
 * T, S_T = -9.5 1/K at c0 = 0.999, a wall holding c = 0.899, unphysical (D_F = -5.5e-97, not D_T).
 * T rises 648 K/s and the Soret separation with it: implicit steps of 30 s take c below 0 at t =
 * 1.4e3 s; the first step of 6.9e3 s fails on both backends (1 024 substeps not covering it), rightly.
 */
export const HEATED_SEPARATION_3x6 = {
  "version": 1,
  "name": "sweep",
  "grid": {
    "nx": 3,
    "ny": 6,
    "width": 0.001000000000000002,
    "height": 0.09999999999999949
  },
  "mixture": {
    "rho": 1,
    "cp": 125.89254117941803,
    "k": 1,
    "D": 7.380728796359639e-09,
    "soret": -9.476894716031769,
    "molarMass": [
      1,
      1
    ],
    "dufour": -5.549091720781726e-97
  },
  "reference": {
    "T0": 1686.7954224990542,
    "c0": 0.9989999999999996
  },
  "initial": {
    "regions": [
      {
        "shape": "rect",
        "x": [
          0,
          0.00033333333333333397
        ],
        "y": [
          0,
          0.016666666666666583
        ],
        "T": 1686.7954224990542,
        "c": 0.999
      }
    ]
  },
  "sources": [
    {
      "shape": "rect",
      "x": [
        0,
        0.00033333333333333397
      ],
      "y": [
        0,
        0.016666666666666583
      ],
      "q": 8.348267914400127e-302
    },
    {
      "shape": "rect",
      "x": [
        0,
        0.00033333333333333397
      ],
      "y": [
        0,
        0.016666666666666583
      ],
      "q": -1.2307371168121363e-86
    }
  ],
  "obstacles": [
    {
      "shape": "rect",
      "x": [
        0,
        0.00033333333333333397
      ],
      "y": [
        0.08333333333333291,
        0.0999999999999995
      ]
    }
  ],
  "boundaries": {
    "left": {
      "heat": {
        "type": "flux",
        "value": 81.6024492290294
      },
      "mass": {
        "type": "concentration",
        "value": 0.8989999999999996
      }
    },
    "right": {
      "heat": {
        "type": "flux",
        "value": 0
      },
      "mass": {
        "type": "closed"
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
    "scheme": "implicit"
  },
  "allowUnphysical": true
};
