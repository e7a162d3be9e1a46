/**
 * Loads a scenario named on a command line: a JSON file, or a preset id; applies PATH=VALUE
 * edits; validates the whole. Shared by `sim`, `record` and the benchmarks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isPresetId, PRESET_IDS, presetFile } from '../physics/presets';
import type { Problem } from '../physics/schema';
import { scenarioSchema } from '../physics/scenario';
import { setPath } from '../physics/set-path';
import { parseValueText, ScenarioError, validateScenario, type Validated } from '../physics/validate';

export function loadScenarioArg(nameOrPath: string, sets: readonly (readonly [string, string])[] = []): Validated {
  let raw: unknown;
  if (nameOrPath.endsWith('.json') || existsSync(nameOrPath)) {
    let text: string;
    try {
      text = readFileSync(nameOrPath, 'utf8');
    } catch (e) {
      throw new ScenarioError([{ path: nameOrPath, message: `${nameOrPath}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }]);
    }
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new ScenarioError([{ path: nameOrPath, message: `${nameOrPath}: not valid JSON: ${(e as Error).message}` }]);
    }
  } else if (isPresetId(nameOrPath)) {
    raw = presetFile(nameOrPath);
  } else {
    throw new ScenarioError([
      { path: nameOrPath, message: `${JSON.stringify(nameOrPath)} is neither a scenario file nor a preset; presets are ${PRESET_IDS.join(', ')}` },
    ]);
  }
  const problems: Problem[] = [];
  for (const [path, text] of sets) {
    const r = setPath(scenarioSchema, raw, path, parseValueText(text));
    if (r.ok) raw = r.value;
    else problems.push({ path: r.problem.path, message: `--set ${r.problem.message}` });
  }
  if (problems.length) throw new ScenarioError(problems);
  const r = validateScenario(raw);
  if (!r.ok) throw new ScenarioError(r.problems);
  return r.value;
}
