/**
 * Keys that every JavaScript object inherits (__proto__, constructor, toString) are not fields: a
 * scenario file naming one as a key, or as a tagged variant's type, is refused like any unknown
 * key, naming its path (issue 8, symptom 4 / Build 6, for files as well as dotted paths).
 */
import { describe, expect, it } from 'vitest';
import { presetFile } from '../../src/physics/presets';
import { validateScenario } from '../../src/physics/validate';

const soret = () => JSON.stringify(presetFile('soret-cell'));

function problemsOf(json: string): string[] {
  const r = validateScenario(JSON.parse(json));
  return r.ok ? [] : r.problems.map((p) => p.message);
}

describe('inherited keys are not fields', () => {
  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    it(`refuses "${key}" as a key at the top and inside an object, naming the path`, () => {
      expect(problemsOf(soret().replace('{', `{"${key}":{"polluted":1},`))).toEqual([expect.stringMatching(new RegExp(`^${key}: unknown key; allowed keys here are version`))]);
      expect(problemsOf(soret().replace('"mixture":{', `"mixture":{"${key}":1,`)).join('\n')).toMatch(new RegExp(`mixture\\.${key}: unknown key`));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('refuses an inherited name as a variant type with the allowed types, instead of crashing', () => {
    const file = presetFile('soret-cell') as { boundaries: { left: { heat: { type: string } } } };
    for (const type of ['constructor', 'toString']) {
      const bad = structuredClone(file);
      bad.boundaries.left.heat.type = type;
      const messages = problemsOf(JSON.stringify(bad));
      expect(messages).toEqual([expect.stringMatching(/^boundaries\.left\.heat\.type: "(constructor|toString)"; must be one of "temperature"/)]);
    }
  });

  it('still accepts the preset itself', () => {
    expect(problemsOf(soret())).toEqual([]);
  });
});
