/**
 * `npm run sim -- <scenario.json | preset-id> [options]`: steps a scenario with the same WGSL
 * kernels as the page (Dawn in Node) or the CPU reference, prints progress on stderr and one JSON
 * summary on stdout. Exit 0 done, 2 bad input, 3 a failure (non-finite, T <= 0, c outside [0, 1],
 * a solve that did not converge, a GPU error, a state beyond the second law; `failure` in the summary).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeNpyFloat32 } from '../io/npy';
import { advanceAdaptive, isAccuracyControlled, type DtLimit } from '../physics/adaptive';
import { FIELD_NAMES, type FieldSimulation, type SimStats } from '../physics/simulation';
import { assessRun, firstOffendingCell, worstSecondLawCell, type RunFailure } from '../physics/run-checks';
import { currentEntropyParts } from '../physics/entropy-parts';
import { buildSummary, type RunSummary } from '../physics/summary';
import { GpuError } from '../gpu/error-scope';
import { ScenarioError, type Validated } from '../physics/validate';
import { parseSimArgs, SIM_USAGE, UsageError, type SimArgs } from './args';
import { createNodeSimulation } from './backend';
import { loadScenarioArg } from './load';
import { makeProgress } from './progress';
import { potentialOf } from '../physics/potential';

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;
/** A result the program cannot stand behind (run-checks.ts); the summary carries `failure`. */
export const EXIT_FAILURE = 3;
/** The former name of EXIT_FAILURE. */
export const EXIT_NON_FINITE = EXIT_FAILURE;

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

/**
 * Steps `total` steps in chunks sized to ~CHECK_SECONDS, stopping at the first check that fails
 * (run-checks.ts: non-finite, T <= 0, c outside [0, 1], a GPU error, ...). The checks use the
 * readback stats each chunk already has: no extra stall.
 */
async function runLoop(sim: FieldSimulation, total: number, failed: (s: SimStats) => boolean, onChunk: (s: SimStats) => void): Promise<SimStats> {
  let chunk = Math.min(total, 64);
  let done = 0;
  let stats = await sim.stats();
  if (failed(stats)) return stats;
  while (done < total) {
    const n = Math.min(chunk, total - done);
    const t0 = performance.now();
    await sim.step(n);
    stats = await sim.stats();
    done += n;
    onChunk(stats);
    if (failed(stats)) break;
    const seconds = (performance.now() - t0) / 1000;
    chunk = Math.max(1, Math.min(1 << 20, Math.round((n * CHECK_SECONDS) / Math.max(seconds, 1e-4))));
  }
  return stats;
}

/** Names the failure's cell: one read of the fields, only after a failure. */
async function locateFailure(sim: FieldSimulation, v: Validated, failure: RunFailure): Promise<void> {
  const [T, c, sigma] = await Promise.all(FIELD_NAMES.map((n) => sim.readField(n)));
  const cell = firstOffendingCell(v.scenario, { T: T.data, c: c.data, sigma: sigma.data }) ?? worstSecondLawCell(v, { T: T.data, c: c.data });
  if (cell) {
    failure.cell = cell;
    failure.message += ` (first at cell i = ${cell.i}, j = ${cell.j})`;
  }
}

async function writeOutputs(dir: string, sim: FieldSimulation, summary: RunSummary, v: Validated): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const name of FIELD_NAMES) {
    const f = await sim.readField(name);
    writeFileSync(join(dir, `${name}.npy`), encodeNpyFloat32(f.data, [f.ny, f.nx]));
  }
  if (potentialOf(v.scenario)) {
    const f = await sim.readField('phi');
    writeFileSync(join(dir, 'phi.npy'), encodeNpyFloat32(f.data, [f.ny, f.nx]));
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

  let gpuError: string | null = null;
  let sim: FieldSimulation;
  try {
    sim = await createNodeSimulation(v, args.backend, err, (m) => (gpuError ??= m));
  } catch (e) {
    if (e instanceof ScenarioError) {
      err(`error: the scenario was refused:\n${e.problems.map((p) => `  ${p.message}`).join('\n')}`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof GpuError) {
      err(`error: ${e.message}`);
      return EXIT_FAILURE;
    }
    throw e;
  }
  const total = stepsToRun(args, v);
  const stages = v.scenario.time.scheme === 'rkl2' ? ` (${v.derived.stages} RKL2 stages)` : '';
  const steering = isAccuracyControlled(v) && args.steps === undefined && (args.until ?? v.scenario.time.duration) !== undefined && total > 0;
  const stepping = steering ? `dt accuracy-controlled (at most ${v.derived.dt.toPrecision(4)} s)` : `dt = ${v.derived.dt.toPrecision(4)} s${stages}, ${total} steps`;
  err(`${v.scenario.name}: ${v.scenario.grid.nx}x${v.scenario.grid.ny} cells, ${sim.backend} (${sim.adapter}), ${v.scenario.time.scheme}, ${stepping}`);
  const progress = makeProgress(process.stderr, v.scenario.name);
  const t0 = performance.now();
  if (args.jump) {
    try {
      const r = await sim.jumpToSteadyState();
      err(`steady state: ${r.iterations} iterations, ${r.passes.toFixed(0)} passes, relative residual ${r.relative.toExponential(2)}${r.converged ? '' : ' (not converged)'}`);
    } catch (e) {
      err(`error: ${(e as Error).message}`);
      sim.destroy();
      return e instanceof GpuError ? EXIT_FAILURE : EXIT_BAD_INPUT;
    }
  }
  const failed = (s: SimStats) => assessRun(v, s, sim.lastSolve, gpuError).failure !== null;
  // rkl2 and implicit with dt "auto" run to a time with accuracy-controlled steps (physics/adaptive.ts).
  const until = args.until ?? v.scenario.time.duration;
  let stats: SimStats;
  let ran: { validated: Validated; dtLimitedBy?: DtLimit } = { validated: v };
  if (steering && until !== undefined) {
    ran = await advanceAdaptive(sim, v, until, async () => {
      const s = await sim.stats();
      progress.update(s.simTime / until, s.simTime, s.steps);
      return !failed(s);
    });
    stats = await sim.stats();
  } else {
    stats = await runLoop(sim, total, failed, (s) => progress.update(total > 0 ? s.steps / total : 1, s.simTime, s.steps));
  }
  const wallSeconds = (performance.now() - t0) / 1000;
  progress.done();
  const entropyParts = stats.nonFinite > 0 ? undefined : await currentEntropyParts(ran.validated, (f) => sim.readField(f));
  const summary = buildSummary(ran.validated, stats, { backend: sim.backend, adapter: sim.adapter, wallSeconds, solve: sim.lastSolve, gpuError, dtLimitedBy: ran.dtLimitedBy, entropyParts });
  if (summary.failure && !gpuError) await locateFailure(sim, v, summary.failure);
  if (summary.failure) err(`error: ${summary.failure.message}`);
  for (const w of summary.warnings.slice(v.warnings.length)) err(`warning: ${w}`);
  if (args.out) await writeOutputs(args.out, sim, summary, v);
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  sim.destroy();
  return summary.failure ? EXIT_FAILURE : EXIT_OK;
}

const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
