/**
 * Scenario file, version 1 (contract: docs/scenario.md). SI units throughout.
 * This schema is the single source of truth for the scenario's TypeScript type, its validation
 * messages, the page's slider ranges and the generated field table in docs/scenario-schema.md.
 */
import {
  array,
  bool,
  either,
  int,
  literal,
  num,
  obj,
  opt,
  req,
  str,
  tagged,
  tuple,
  type Infer,
} from './schema';

/**
 * Time schemes the solver offers (physics.md 4): forward Euler, RKL2 super-time-stepping, and
 * backward Euler solved by geometric multigrid.
 */
export const SCHEMES = ['euler', 'rkl2', 'implicit'] as const;
export type SchemeName = (typeof SCHEMES)[number];

/*
 * Ranges (reviewed against real materials; the second-law and stability checks in derived.ts
 * refuse the combinations that make no sense, so each range here only has to hold every real
 * material the model covers: liquids, gases, polymer solutions and colloids, molten salts, metals):
 * - temperature (0, 1e5] K: cryogenic gases (4 K helium) to molten metals and salts (~3000 K) and
 *   beyond (arcs, shock-heated gases); sliders 200..3000 K.
 * - rho (0, 1e5] kg/m^3: low-pressure gases (~1e-3) to the densest metals (osmium 22 590).
 * - cp (0, 1e6] J/(kg K): heavy metals (lead, gold ~130) to hydrogen (14 300).
 * - k (0, 1e4] W/(m K): dilute gases (~0.005) to silver (429), diamond (2200), graphene (~5000).
 * - D (0, 1] m^2/s: solid-state diffusion in metals (1e-20), polymers in solution (1e-13..1e-10),
 *   liquids (1e-9), gases at 1 bar (1e-5..1e-4) and at low pressure (up to ~1e-1).
 * - soret [-10, 10] 1/K: liquids and molten salts 1e-3..1e-2, gases 1e-4..1e-2, metals ~1e-3,
 *   polymer solutions up to ~1-2 (high molar mass polystyrene), colloids ~0.1..10.
 * - molarMass (0, 1e5] kg/mol: hydrogen (0.002) to ultra-high molar mass polymers (polystyrene in
 *   thermodiffusion studies spans 1..1e4 kg/mol; DNA and colloids as pseudo-species go higher).
 * - dufour [-10, 10] m^2/(s K): any D_T = soret * D the two ranges above allow (|D_T| <= 10).
 * - q, heat flux, h: laser and ohmic heating, nuclear fuel (~1e9 W/m^3), boiling (h ~ 1e5).
 */
const temperature = (doc: string) =>
  num(doc, { min: 0, exclusiveMin: true, max: 1e5, unit: 'K', ui: { min: 200, max: 3000, step: 0.1 } });
const massFraction = (doc: string) => num(doc, { min: 0, max: 1, unit: '-', ui: { min: 0, max: 1, step: 0.001 } });
const position = (doc: string) => num(doc, { min: -1e3, max: 1e3, unit: 'm' });

/** Geometric shapes that select cells by their centres. */
const shapeFields = {
  rect: {
    x: req(tuple('x range [x0, x1] of the rectangle', [position('x0'), position('x1')])),
    y: req(tuple('y range [y0, y1] of the rectangle', [position('y0'), position('y1')])),
  },
  circle: {
    center: req(tuple('centre [x, y] of the circle', [position('x'), position('y')])),
    radius: req(num('radius of the circle', { min: 0, exclusiveMin: true, max: 1e3, unit: 'm' })),
  },
} as const;

function shaped<const E extends Record<string, { node: import('./schema').AnyNode; required: boolean; default?: unknown }>>(
  doc: string,
  extra: E,
) {
  return tagged(doc, 'shape', {
    rect: obj('a rectangle [x0, x1] x [y0, y1]', { ...shapeFields.rect, ...extra }),
    circle: obj('a disc', { ...shapeFields.circle, ...extra }),
  });
}

export const initialRegion = shaped('cells whose centres fall inside take this starting T and/or c', {
  T: opt(temperature('starting temperature inside the region')),
  c: opt(massFraction('starting mass fraction of species 1 inside the region')),
});

export const heatSource = shaped('a volumetric heat source over the cells whose centres fall inside', {
  q: req(num('volumetric heat release (negative: a sink)', { min: -1e12, max: 1e12, unit: 'W/m^3', ui: { min: -1e8, max: 1e8 } })),
});

export const obstacle = shaped('solid cells: no heat and no mass pass through their faces', {});

export const heatWall = tagged('heat condition at this wall', 'type', {
  temperature: obj('fixed wall temperature', { value: req(temperature('wall temperature')) }),
  flux: obj('fixed heat flux into the domain (0 = insulated)', {
    value: req(num('heat flux into the domain', { min: -1e9, max: 1e9, unit: 'W/m^2', ui: { min: -1e5, max: 1e5 } })),
  }),
  convective: obj('Robin wall: heat leaves at h (T_wall - ambient)', {
    h: req(num('heat transfer coefficient', { min: 0, max: 1e9, unit: 'W/(m^2 K)', ui: { min: 0.1, max: 1e5, log: true } })),
    ambient: req(temperature('ambient temperature')),
  }),
  periodic: obj('paired with the opposite wall', {}),
});

export const massWall = tagged('mass condition at this wall', 'type', {
  closed: obj('no mass passes (J1.n = 0)', {}),
  concentration: obj('a reservoir at fixed mass fraction', { value: req(massFraction('reservoir mass fraction')) }),
  periodic: obj('paired with the opposite wall', {}),
});

/** Electric condition at a wall (physics.md 8; matters only with mixture.charge != 0). */
export const electricWall = tagged('electric condition at this wall (periodic sides follow their heat/mass pairing)', 'type', {
  voltage: obj('an electrode at a fixed potential', {
    value: req(num('wall potential phi', { min: -10, max: 10, unit: 'V', ui: { min: -0.2, max: 0.2, step: 0.0005 } })),
  }),
  insulating: obj('no current passes (zero normal gradient of phi)', {}),
});

const wall = (side: string) =>
  obj(`the ${side} wall`, { heat: req(heatWall), mass: req(massWall), electric: opt(electricWall, { type: 'insulating' }) });

export const scenarioSchema = obj('a scenario', {
  version: req(literal('format version', [1] as const)),
  name: opt(str('shown as the title', 200), 'Untitled'),
  description: opt(str('one to four sentences shown beside the simulation'), ''),
  source: opt(str('where the material data come from (a citation), or "illustrative"', 500)),
  grid: req(
    obj('the cell grid', {
      nx: req(int('cells along x', { min: 1, max: 4096, unit: 'cells', ui: { min: 8, max: 1024, step: 1 } })),
      ny: req(int('cells along y', { min: 1, max: 4096, unit: 'cells', ui: { min: 1, max: 1024, step: 1 } })),
      width: req(num('domain size along x', { min: 0, exclusiveMin: true, max: 1e3, unit: 'm', ui: { min: 1e-5, max: 10, log: true } })),
      height: req(num('domain size along y', { min: 0, exclusiveMin: true, max: 1e3, unit: 'm', ui: { min: 1e-5, max: 10, log: true } })),
    }),
  ),
  mixture: req(
    obj('the binary mixture (or a conductor, with soret = 0)', {
      rho: req(num('density', { min: 0, exclusiveMin: true, max: 1e5, unit: 'kg/m^3', ui: { min: 1e-2, max: 3e4, log: true } })),
      cp: req(num('specific heat', { min: 0, exclusiveMin: true, max: 1e6, unit: 'J/(kg K)', ui: { min: 100, max: 2e4, log: true } })),
      k: req(num('thermal conductivity', { min: 0, exclusiveMin: true, max: 1e4, unit: 'W/(m K)', ui: { min: 1e-3, max: 5000, log: true } })),
      D: req(num('mass diffusivity', { min: 0, exclusiveMin: true, max: 1, unit: 'm^2/s', ui: { min: 1e-14, max: 1e-3, log: true } })),
      soret: req(num('Soret coefficient S_T = D_T / D', { min: -10, max: 10, unit: '1/K', ui: { min: -0.05, max: 0.05, step: 1e-5 } })),
      molarMass: req(
        tuple('molar masses of species 1 and 2 (ideal-mixture thermodynamic factor)', [
          num('molar mass of species 1', { min: 0, exclusiveMin: true, max: 1e5, unit: 'kg/mol', ui: { min: 1e-3, max: 1e4, log: true } }),
          num('molar mass of species 2', { min: 0, exclusiveMin: true, max: 1e5, unit: 'kg/mol', ui: { min: 1e-3, max: 1e4, log: true } }),
        ]),
      ),
      dufour: opt(
        either('"reciprocal" (D_F = D_T, Onsager) or an explicit D_F (unphysical unless equal to D_T)', [
          literal('Onsager reciprocity', ['reciprocal'] as const),
          num('Dufour coefficient D_F', { min: -10, max: 10, unit: 'm^2/(s K)' }),
        ]),
        'reciprocal',
      ),
      charge: opt(int('charge number z of species 1 (species 2 neutral; 0 = no electric force)', { min: -3, max: 3, unit: '-', ui: { min: -3, max: 3, step: 1 } }), 0),
    }),
  ),
  reference: req(
    obj('the reference state the fields are stored as deviations from', {
      T0: req(temperature('reference temperature')),
      c0: req(num('reference mass fraction of species 1', { min: 1e-6, max: 1 - 1e-6, unit: '-', ui: { min: 0.01, max: 0.99, step: 0.001 } })),
    }),
  ),
  initial: opt(
    obj('the starting state (defaults to the reference state)', {
      T: opt(temperature('uniform starting temperature (default T0)')),
      c: opt(massFraction('uniform starting mass fraction (default c0)')),
      regions: opt(array('regions painted over the uniform start, in order', initialRegion, { maxItems: 64 }), []),
    }),
  ),
  sources: opt(array('volumetric heat sources', heatSource, { maxItems: 64 }), []),
  obstacles: opt(array('solid obstacles', obstacle, { maxItems: 64 }), []),
  boundaries: req(
    obj('wall conditions, per side, separately for heat and mass', {
      left: req(wall('left (x = 0)')),
      right: req(wall('right (x = width)')),
      bottom: req(wall('bottom (y = 0)')),
      top: req(wall('top (y = height)')),
    }),
  ),
  time: opt(
    obj('time integration', {
      scheme: opt(literal('time scheme', SCHEMES), 'euler'),
      dt: opt(
        either('time step', [
          literal('euler: the stability limit times the safety factor; rkl2, implicit: a twentieth of the slowest relaxation time (docs/architecture.md)', ['auto'] as const),
          num('a fixed time step (euler may exceed the stability limit, to show why it exists; rkl2 takes as many stages as it needs)', { min: 0, exclusiveMin: true, max: 1e9, unit: 's' }),
        ]),
        'auto',
      ),
      safety: opt(num('fraction of the explicit stability limit used by euler (dt "auto") and as the explicit base step of rkl2', { min: 0, exclusiveMin: true, max: 1, unit: '-' }), 0.9),
      duration: opt(num('default run length for the command line and the recorder', { min: 0, exclusiveMin: true, max: 1e12, unit: 's' })),
    }),
    { scheme: 'euler', dt: 'auto', safety: 0.9 },
  ),
  allowUnphysical: opt(bool('run a scenario that breaks the second law or reciprocity (flagged in every output)'), false),
});

/** A scenario as parsed (defaults of the schema filled in). */
export type Scenario = Infer<typeof scenarioSchema>;
export type Side = 'left' | 'right' | 'bottom' | 'top';
export const SIDES: readonly Side[] = ['left', 'right', 'bottom', 'top'];
export type HeatWall = Infer<typeof heatWall>;
export type MassWall = Infer<typeof massWall>;
export type ElectricWall = Infer<typeof electricWall>;
export type Shape = Infer<typeof obstacle>;
export type InitialRegion = Infer<typeof initialRegion>;
export type HeatSource = Infer<typeof heatSource>;
