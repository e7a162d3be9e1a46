/**
 * `npm run sim -- <scenario.json | preset-id> [options]`: steps a scenario with the same WGSL
 * kernels as the page (Dawn in Node) or the CPU reference, prints progress on stderr and one JSON
 * summary on stdout. Exit 0 done, 2 bad input, 3 non-finite values.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeNpyFloat32 } from '../io/npy';
import { FIELD_NAMES, type FieldSimulation, type SimStats } from '../physics/simulation';
import { currentEntropyParts } from '../physics/entropy-parts';
import { buildSummary, type RunSummary } from '../physics/summary';
import { ScenarioError, type Validated } from '../physics/validate';
import { parseSimArgs, SIM_USAGE, UsageError, type SimArgs } from './args';
import { createNodeSimulation } from './backend';
import { loadScenarioArg } from './load';
import { makeProgress } from './progress';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;
export const EXIT_NON_FINITE = 3;

const DEFAULT_STEPS = 1000;
/** Wall time between checks for non-finite values and progress updates [s]. */
const CHECK_SECONDS = 0.5;

function stepsToRun(args: SimArgs, v: Validated): number {
  const dt = v.derived.dt;
  if (args.steps !== undefined) return args.steps;
  if (args.jump && args.until === undefined) return 0;
  const until = args.until ?? v.scenario.time.duration;
  if (until !== undefined) return Math.max(1, Math.ceil(until / dt - 1e-9));
  return DEFAULT_STEPS;
}

/** Steps `total` steps in chunks sized to ~CHECK_SECONDS, stopping at the first non-finite value. */
async function runLoop(sim: FieldSimulation, total: number, onChunk: (s: SimStats) => void): Promise<SimStats> {
  let chunk = Math.min(total, 64);
  let done = 0;
  let stats = await sim.stats();
  if (stats.nonFinite > 0) return stats;
  while (done < total) {
    const n = Math.min(chunk, total - done);
    const t0 = performance.now();
    await sim.step(n);
    stats = await sim.stats();
    done += n;
    onChunk(stats);
    if (stats.nonFinite > 0 || stats.firstNonFiniteStep !== null) break;
    const seconds = (performance.now() - t0) / 1000;
    chunk = Math.max(1, Math.min(1 << 20, Math.round((n * CHECK_SECONDS) / Math.max(seconds, 1e-4))));
  }
  return stats;
}

async function writeOutputs(dir: string, sim: FieldSimulation, summary: RunSummary, v: Validated): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const name of FIELD_NAMES) {
    const f = await sim.readField(name);
    writeFileSync(join(dir, `${name}.npy`), encodeNpyFloat32(f.data, [f.ny, f.nx]));
  }
  writeFileSync(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(v.scenario, null, 2) + '\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const err = (line: string) => process.stderr.write(line + '\n');
  let args: SimArgs;
  let v: Validated;
  try {
    args = parseSimArgs(argv);
    if (args.help) {
      process.stdout.write(SIM_USAGE + '\n');
      return EXIT_OK;
    }
    const sets: [string, string][] = [...args.sets];
    if (args.scheme !== undefined) sets.push(['time.scheme', JSON.stringify(args.scheme)]);
    v = loadScenarioArg(args.scenario, sets);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`error: ${e.message}\n\n${SIM_USAGE}`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof ScenarioError) {
      err(`error: the scenario was refused:\n${e.problems.map((p) => `  ${p.message}`).join('\n')}`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  for (const w of v.warnings) err(`warning: ${w}`);

  const sim = await createNodeSimulation(v, args.backend, err);
  const total = stepsToRun(args, v);
  const stages = v.scenario.time.scheme === 'rkl2' ? ` (${v.derived.stages} RKL2 stages)` : '';
  err(`${v.scenario.name}: ${v.scenario.grid.nx}x${v.scenario.grid.ny} cells, ${sim.backend} (${sim.adapter}), ${v.scenario.time.scheme}, dt = ${v.derived.dt.toPrecision(4)} s${stages}, ${total} steps`);
  const progress = makeProgress(process.stderr, v.scenario.name);
  const t0 = performance.now();
  if (args.jump) {
    try {
      const r = await sim.jumpToSteadyState();
      err(`steady state: ${r.iterations} iterations, ${r.passes.toFixed(0)} passes, relative residual ${r.relative.toExponential(2)}${r.converged ? '' : ' (not converged)'}`);
    } catch (e) {
      err(`error: ${(e as Error).message}`);
      sim.destroy();
      return EXIT_BAD_INPUT;
    }
  }
  const stats = await runLoop(sim, total, (s) => progress.update(total > 0 ? s.steps / total : 1, s.simTime, s.steps));
  const wallSeconds = (performance.now() - t0) / 1000;
  progress.done();
  const entropyParts = stats.nonFinite > 0 ? undefined : await currentEntropyParts(sim.validated, (f) => sim.readField(f));
  const summary = buildSummary(v, stats, { backend: sim.backend, adapter: sim.adapter, wallSeconds, solve: sim.lastSolve, entropyParts });
  if (summary.failure) err(`error: ${summary.failure.message}`);
  if (args.out) await writeOutputs(args.out, sim, summary, v);
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  sim.destroy();
  return summary.failure ? EXIT_NON_FINITE : EXIT_OK;
}

const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
