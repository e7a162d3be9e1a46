/**
 * Scenario validation: the schema's field checks, then the checks that involve several fields
 * (periodic pairs, regions on the grid, the reference temperature, the second law, reciprocity).
 * A bad scenario is refused as a whole; every message names the field path, the value and what is
 * allowed.
 */
import { cornerResolutionWarnings } from './corner-resolution';
import { deriveQuantities, imposedTemperatures, type Derived } from './derived';
import { forCellsIn, gridOf } from './grid';
import { RKL2_MAX_STAGES } from './rkl2';
import { ionWarnings } from './potential';
import { reachableWarnings } from './reachable';
import { reactionProblems } from './reaction';
import type { Problem } from './schema';
import { setPath } from './set-path';
import { SIDES, scenarioSchema, type Scenario, type Side } from './scenario';

export class ScenarioError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'ScenarioError';
    this.problems = problems;
  }
}

export interface Validated {
  scenario: Scenario;
  derived: Derived;
  /** Things a user should know that do not stop the run (e.g. dt above the stability limit). */
  warnings: string[];
}

const OPPOSITE: Record<Side, Side> = { left: 'right', right: 'left', bottom: 'top', top: 'bottom' };

function crossChecks(s: Scenario): Problem[] {
  const problems: Problem[] = [];
  for (const side of SIDES) {
    const b = s.boundaries[side];
    const other = s.boundaries[OPPOSITE[side]];
    for (const channel of ['heat', 'mass'] as const) {
      if (b[channel].type === 'periodic' && other[channel].type !== 'periodic') {
        const path = `boundaries.${OPPOSITE[side]}.${channel}.type`;
        problems.push({
          path,
          message: `${path}: "${other[channel].type}" must be "periodic" because boundaries.${side}.${channel} is periodic (opposite walls are paired)`,
        });
      }
    }
    if (b.heat.type === 'periodic' && b.electric.type === 'voltage') {
      const path = `boundaries.${side}.electric.type`;
      problems.push({ path, message: `${path}: "voltage" is not allowed on a periodic side (the potential follows the heat/mass pairing); use "insulating"` });
    }
    if ((b.heat.type === 'periodic') !== (b.mass.type === 'periodic')) {
      const path = `boundaries.${side}.${b.heat.type === 'periodic' ? 'mass' : 'heat'}.type`;
      problems.push({
        path,
        message: `${path}: must be "periodic" too: a periodic wall wraps the domain for heat and mass together`,
      });
    }
  }

  const g = gridOf(s);
  const checkShapes = (list: readonly { shape: string }[] | undefined, key: string) =>
    list?.forEach((shape, i) => {
      const sh = shape as Parameters<typeof forCellsIn>[1];
      const path = `${key}[${i}]`;
      if (sh.shape === 'rect' && (sh.x[0] >= sh.x[1] || sh.y[0] >= sh.y[1])) {
        problems.push({ path, message: `${path}: rectangle x = [${sh.x}], y = [${sh.y}] must have x0 < x1 and y0 < y1 (m)` });
      } else if (forCellsIn(g, sh) === 0) {
        problems.push({
          path,
          message: `${path}: covers no cell centre of the ${s.grid.width} m x ${s.grid.height} m grid (positions are in m)`,
        });
      }
    });
  checkShapes(s.initial?.regions, 'initial.regions');
  checkShapes(s.sources, 'sources');
  checkShapes(s.obstacles, 'obstacles');
  if (s.obstacles?.length) {
    const solid = new Uint8Array(g.nx * g.ny);
    for (const o of s.obstacles) forCellsIn(g, o, (i) => (solid[i] = 1));
    if (solid.every((v) => v === 1)) problems.push({ path: 'obstacles', message: 'obstacles: cover every cell; leave some fluid' });
  }

  problems.push(...reactionProblems(s));
  const temps = imposedTemperatures(s);
  const dT = Math.max(...temps) - Math.min(...temps);
  if (s.reference.T0 - dT / 2 <= 0) {
    problems.push({
      path: 'reference.T0',
      message: `reference.T0: ${s.reference.T0} must be > dT/2 = ${dT / 2} K (half the span of imposed temperatures)`,
    });
  }
  return problems;
}

/** Validates anything (parsed JSON, a page edit) as a scenario; never throws. */
export function validateScenario(input: unknown): { ok: true; value: Validated } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const parsed = scenarioSchema.parse(input, '', problems);
  if (!parsed || problems.length) return { ok: false, problems };
  const s = parsed;
  if (!s.initial) s.initial = { regions: [] };
  const cross = crossChecks(s);
  if (cross.length) return { ok: false, problems: cross };
  const derived = deriveQuantities(s);
  if (s.time.scheme === 'rkl2' && derived.stages > RKL2_MAX_STAGES) {
    return {
      ok: false,
      problems: [
        {
          path: 'time.dt',
          message:
            `time.dt: ${s.time.dt} s needs ${derived.stages} RKL2 stages; at most ${RKL2_MAX_STAGES} are allowed ` +
            `(dt <= ${((s.time.safety * derived.dtLimit * (RKL2_MAX_STAGES ** 2 + RKL2_MAX_STAGES - 2)) / 4).toPrecision(4)} s here); use "implicit" for longer steps`,
        },
      ],
    };
  }
  if (s.time.scheme === 'rkl2' && derived.lambdaComplex) {
    return {
      ok: false,
      problems: [
        {
          path: 'time.scheme',
          message:
            'time.scheme: "rkl2" needs real transport eigenvalues (its stability interval lies on the real axis); ' +
            `mixture.dufour = ${s.mixture.dufour} makes them complex (unphysical): use "euler" or "implicit"`,
        },
      ],
    };
  }
  if (derived.unphysical && !s.allowUnphysical) {
    return {
      ok: false,
      problems: derived.unphysicalReasons.map((m) => ({
        path: m.slice(0, m.indexOf(':')),
        message: `${m}. Set "allowUnphysical": true to run it anyway (flagged in every output).`,
      })),
    };
  }
  const warnings: string[] = [];
  if (derived.unphysical) warnings.push(...derived.unphysicalReasons.map((r) => `UNPHYSICAL: ${r}`));
  warnings.push(...reachableWarnings(s, derived));
  warnings.push(...ionWarnings(s));
  warnings.push(...cornerResolutionWarnings(s, derived));
  if (derived.dtAboveLimit) {
    warnings.push(
      `time.dt: ${derived.dt} s is above the explicit stability limit ${derived.dtLimit.toPrecision(4)} s; forward Euler will blow up`,
    );
  }
  return { ok: true, value: { scenario: s, derived, warnings } };
}

/** Like validateScenario, but throws a ScenarioError listing every problem. */
export function parseScenario(input: unknown): Validated {
  const r = validateScenario(input);
  if (!r.ok) throw new ScenarioError(r.problems);
  return r.value;
}

/**
 * Returns a copy of `scenario` with `value` at dotted `path` (e.g. `mixture.soret`), validated as a
 * whole. The original is never touched, so a refused edit loses nothing. The one setter of the
 * page, the command line and the embed slider: the path must be one the schema knows
 * (`set-path.ts`; `__proto__`, `constructor`, `prototype` and unknown segments are refused).
 */
export function withValue(scenario: unknown, path: string, value: unknown): Validated {
  const r = setPath(scenarioSchema, scenario, path, value);
  if (!r.ok) throw new ScenarioError([r.problem]);
  return parseScenario(r.value);
}

/** Parses a command-line or URL value: JSON where it parses (numbers, true, "strings", objects), else the raw text. */
export function parseValueText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (/^[+-]?(nan|inf(inity)?)$/i.test(text)) return Number(text.replace(/inf$/i, 'Infinity'));
    return text;
  }
}
