import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadScenarioArg } from '../../src/cli/load';
import { scenarioSchema } from '../../src/physics/scenario';
import { checkPath, setPath } from '../../src/physics/set-path';
import { ScenarioError, withValue } from '../../src/physics/validate';
import { exampleScenario } from '../helpers/scenarios';

const PROTO_PATHS = ['__proto__.polluted', 'constructor.prototype.x', 'mixture.__proto__.x', 'mixture.constructor', 'prototype', 'boundaries.left.heat.__proto__.x', 'sources.__proto__'];

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).problems.map((p) => p.message).join('\n');
  }
  throw new Error('accepted');
}

describe('the one dotted-path setter', () => {
  it('sets known fields, through tagged walls, list items and tuples, without touching the original', () => {
    const base = exampleScenario();
    const before = JSON.stringify(base);
    expect(withValue(base, 'mixture.soret', 0.01).scenario.mixture.soret).toBe(0.01);
    const w = withValue(base, 'boundaries.left.heat.value', 310).scenario.boundaries.left.heat;
    expect(w).toEqual({ type: 'temperature', value: 310 });
    expect(withValue(base, 'mixture.molarMass.1', 0.05).scenario.mixture.molarMass[1]).toBe(0.05);
    const src = withValue(base, 'sources', [{ shape: 'circle', center: [0.005, 0.0025], radius: 0.001, q: 1e5 }]);
    expect(withValue(src.scenario, 'sources.0.q', 2e5).scenario.sources[0].q).toBe(2e5);
    expect(JSON.stringify(base)).toBe(before);
  });

  it.each(PROTO_PATHS)('refuses %s naming the path and what is allowed, and pollutes nothing', (path) => {
    const msg = refusal(() => withValue(exampleScenario(), path, 1));
    expect(msg.startsWith(`${path}: `)).toBe(true);
    expect(msg).toMatch(/is not a field|unknown field/);
    expect(msg).toMatch(/allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('refuses unknown segments, indices past the end and paths below a number', () => {
    expect(refusal(() => withValue(exampleScenario(), 'mixture.rhoo', 1))).toMatch(/mixture.rhoo: unknown field "rhoo" \(mixture: allowed keys here are rho, cp, k, D, soret, molarMass, dufour(, charge)?\)/);
    expect(refusal(() => withValue(exampleScenario(), 'sources.3.q', 1))).toMatch(/sources.3.q: unknown field "3" \(sources: allowed here: an index 0\.\.0\)/);
    expect(refusal(() => withValue(exampleScenario(), 'mixture.molarMass.2', 1))).toMatch(/index 0\.\.1/);
    expect(refusal(() => withValue(exampleScenario(), 'mixture.D.x', 1))).toMatch(/mixture.D.x: unknown field "x".*no fields below it/);
    expect(refusal(() => withValue(exampleScenario(), 'grid..nx', 1))).toMatch(/not a field path/);
    expect(checkPath(scenarioSchema, exampleScenario(), 'boundaries.top.mass.type')).toBeNull();
  });

  it('never writes a prototype even when handed hostile JSON keys', () => {
    const raw = JSON.parse('{"mixture": {"__proto__": {"polluted": 1}}}') as unknown;
    const r = setPath(scenarioSchema, raw, 'mixture.soret', 0.01);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('is the command line --set too', () => {
    expect(loadScenarioArg('soret-cell', [['mixture.soret', '0.01']]).scenario.mixture.soret).toBe(0.01);
    expect(refusal(() => loadScenarioArg('soret-cell', [['__proto__.polluted', '1']]))).toMatch(/^--set __proto__.polluted: "__proto__" is not a field/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the command line exits 2 for prototype paths', () => {
    for (const kv of ['__proto__.polluted=1', 'constructor.prototype.x=1', 'mixture.__proto__.x=1', 'mixture.constructor=1']) {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', 'soret-cell', '--backend', 'cpu', '--steps', '1', '--set', kv], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, kv).toBe(2);
      expect(r.stderr).toContain(`--set ${kv.split('=')[0]}: `);
    }
  }, 120_000);
});
