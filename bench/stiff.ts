/**
 * `npm run bench:stiff [-- --n 256] [-- --full]`: the stiff schemes on a closed Soret cell
 * (physics.md 6b) at n x n with Le = 100, all measured in one run on the same device:
 * simulated seconds per wall second of euler, rkl2 and implicit, and the wall time each needs to
 * reach 99.9% of the steady separation; the steady-state jump's wall time; each scheme's error
 * against the analytic transient. Prints the figures and writes bench/stiff-results.json.
 *
 * The cell starts from the linear temperature profile and uniform c, so the separation follows
 * physics.md 6b (with the Dufour-corrected time tau / (1 - Du Sr)); the steady separation is the
 * jump's (the discrete steady state), checked against tanh(S_T dT / 4) at the walls.
 *
 * Extrapolated, and said so in the output: forward Euler's time to 99.9% (its measured rate times
 * the simulated time needed), and RKL2's unless --full (RKL2 needs ~10^5 stages to get there at
 * 256^2: about an hour on SwiftShader, seconds on a GPU).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeShaderSources, requestNodeGpu } from '../src/gpu/node';
import { GpuSimulation } from '../src/gpu/solver';
import { soretSteadySeparation, soretTime, soretTransientCellFraction } from '../src/physics/analytic';
import { closedWallDeltaC } from '../src/physics/faces';
import type { SchemeName } from '../src/physics/scenario';
import { parseScenario, type Validated } from '../src/physics/validate';

interface Options {
  n: number;
  full: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { n: 256, full: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--full') o.full = true;
    else if (argv[i] === '--n') o.n = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (use --n N, --full)`);
  }
  if (!Number.isInteger(o.n) || o.n < 8) throw new Error(`--n must be an integer >= 8`);
  return o;
}

const TH = 305;
const TC = 295;
const SORET = 0.005; // 1/K: S_T dT = 0.05, a liquid-like separation of 1.25%
const D = 1e-9; // m^2/s
const WIDTH = 0.01; // m

/** The closed Soret cell: rho cp kappa with kappa = 100 D (Le = 100), reciprocal Dufour. */
function soretCell(n: number, scheme: SchemeName): Validated {
  const wall = (value: number) => ({ heat: { type: 'temperature', value }, mass: { type: 'closed' } });
  const insulated = { heat: { type: 'flux', value: 0 }, mass: { type: 'closed' } };
  return parseScenario({
    version: 1,
    name: `Soret cell ${n}x${n}, Le = 100`,
    grid: { nx: n, ny: n, width: WIDTH, height: WIDTH },
    mixture: { rho: 800, cp: 2000, k: 800 * 2000 * 100 * D, D, soret: SORET, molarMass: [0.134, 0.17], dufour: 'reciprocal' },
    reference: { T0: 300, c0: 0.5 },
    initial: { T: 300, c: 0.5 },
    boundaries: { left: wall(TH), right: wall(TC), bottom: insulated, top: insulated },
    time: { scheme, dt: 'auto' },
  });
}

/** The linear temperature profile at the cell centres, row-major. */
function linearT(n: number): Float64Array {
  const T = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) T[j * n + i] = TH - ((TH - TC) * (i + 0.5)) / n;
  return T;
}

/** Simulated time at which the analytic cell separation reaches `fraction` of its steady value. */
function timeToFraction(fraction: number, tau: number, n: number): number {
  let lo = 0;
  let hi = 100 * tau;
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (soretTransientCellFraction(mid, tau, n) < fraction) lo = mid;
    else hi = mid;
  }
  return hi;
}

interface SchemeResult {
  scheme: SchemeName;
  dt: number;
  stages: number;
  /** Steps, passes, simulated and wall seconds of the interleaved rate measurement. */
  steps: number;
  passes: number;
  simTime: number;
  wallSeconds: number;
  /** Simulated seconds per wall second. */
  rate: number;
  /** Wall seconds to 99.9% of the steady separation, and whether measured or extrapolated. */
  wallTo999: number;
  wallTo999Measured: boolean;
  /** Largest |separation / analytic - 1| over the steps from tau/4 on (null when none ran). */
  transientError: number | null;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const gpu = await requestNodeGpu();
  if ('error' in gpu) throw new Error(gpu.error);
  gpu.device.addEventListener('uncapturederror', (e) => {
    throw new Error((e as GPUUncapturedErrorEvent).error.message);
  });
  const ctx = { device: gpu.device, adapter: gpu.adapter, sources: nodeShaderSources() };
  const n = o.n;
  const log = (line: string) => process.stderr.write(line + '\n');
  const base = soretCell(n, 'euler');
  const margin = base.derived.dimensionless.margin;
  // Slow decay rate D (1 - Du Sr) q^2 (physics.md 6b).
  const tau = soretTime(WIDTH, D) / margin;
  const t999 = timeToFraction(0.999, tau, n);
  log(`${base.scenario.name}: ${gpu.adapter}; tau = ${tau.toPrecision(4)} s, 99.9% at t = ${t999.toPrecision(4)} s (${(t999 / tau).toFixed(2)} tau)`);

  const create = async (scheme: SchemeName) => {
    const sim = await GpuSimulation.create(ctx, soretCell(n, scheme));
    await sim.writeField('T', linearT(n));
    return sim;
  };

  // The steady-state jump: the discrete steady separation every scheme is measured against.
  const jumpSim = await create('euler');
  await jumpSim.stats();
  const j0 = performance.now();
  const jump = await jumpSim.jumpToSteadyState();
  const jumpWall = (performance.now() - j0) / 1000;
  const sepInf = (await jumpSim.stats()).separation;
  const c = (await jumpSim.readField('c')).data;
  const T = (await jumpSim.readField('T')).data;
  let wallSep = 0;
  for (let j = 0; j < n; j++) {
    const hot = j * n;
    const cold = hot + n - 1;
    wallSep += c[cold] + closedWallDeltaC(c[cold], SORET, TC - T[cold]) - (c[hot] + closedWallDeltaC(c[hot], SORET, TH - T[hot]));
  }
  wallSep /= n;
  const exactSep = soretSteadySeparation(SORET, TH - TC);
  const jumpError = Math.abs(wallSep / exactSep - 1);
  jumpSim.destroy();
  log(`jump: ${jumpWall.toFixed(2)} s, ${jump.iterations} iterations, ${jump.passes.toFixed(0)} passes, relative residual ${jump.relative.toExponential(2)}; wall separation ${wallSep.toPrecision(6)} vs tanh(S_T dT/4) = ${exactSep.toPrecision(6)}`);

  /** A simulation of `scheme` whose pipelines have compiled (a throwaway copy took one step). */
  const ready = async (scheme: SchemeName) => {
    const warm = await create(scheme);
    await warm.step(1);
    await warm.stats();
    warm.destroy();
    const sim = await create(scheme);
    await sim.stats();
    return sim;
  };
  const schemes: SchemeName[] = ['euler', 'rkl2', 'implicit'];

  // 1. Rates, interleaved: a round steps every scheme in turn, so that load from elsewhere on the
  // machine weighs on all of them alike. Euler takes as many steps as fill about 2 s.
  const rateSims = new Map<SchemeName, GpuSimulation>();
  for (const sc of schemes) rateSims.set(sc, await ready(sc));
  const acc = new Map(schemes.map((sc) => [sc, { wall: 0, sim: 0, steps: 0, passes: 0 }]));
  let eulerChunk = 20;
  const rounds = 5; // rkl2 reaches tau/4 after 5 steps of tau/20
  const rkl2Error: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const sc of schemes) {
      const sim = rateSims.get(sc)!;
      const a = acc.get(sc)!;
      const n0 = sc === 'euler' ? eulerChunk : 1;
      const [t0, p0, s0] = [performance.now(), sim.passes, sim.simTime];
      await sim.step(n0);
      const s = await sim.stats();
      const w = (performance.now() - t0) / 1000;
      a.wall += w;
      a.sim += sim.simTime - s0;
      a.steps += n0;
      a.passes += sim.passes - p0;
      if (sc === 'euler') eulerChunk = Math.max(1, Math.round((n0 * 2) / w));
      if (sc === 'rkl2' && s.simTime >= tau / 4) rkl2Error.push(Math.abs(s.separation / (sepInf * soretTransientCellFraction(s.simTime, tau, n)) - 1));
      if (s.nonFinite > 0) throw new Error(`${sc}: non-finite values at step ${s.firstNonFiniteStep}`);
    }
  }
  for (const sim of rateSims.values()) sim.destroy();
  const rate = (sc: SchemeName) => acc.get(sc)!.sim / acc.get(sc)!.wall;
  for (const sc of schemes) {
    const a = acc.get(sc)!;
    log(`rate ${sc}: ${a.steps} steps, ${a.passes.toFixed(0)} passes in ${a.wall.toFixed(1)} s: ${rate(sc).toPrecision(4)} sim s / wall s`);
  }

  /** 2. A run to 99.9% of the steady separation, timed, with the transient error from tau/4 on. */
  const toSteady = async (scheme: SchemeName) => {
    const sim = await ready(scheme);
    let wall = 0;
    let error = 0;
    while (true) {
      const t0 = performance.now();
      await sim.step(1);
      const s = await sim.stats();
      wall += (performance.now() - t0) / 1000;
      if (s.simTime >= tau / 4) error = Math.max(error, Math.abs(s.separation / (sepInf * soretTransientCellFraction(s.simTime, tau, n)) - 1));
      if (s.nonFinite > 0) throw new Error(`${scheme}: non-finite values at step ${s.firstNonFiniteStep}`);
      if (s.separation >= 0.999 * sepInf) break;
    }
    const out = { wall, error, steps: sim.steps, passes: sim.passes, simTime: sim.simTime };
    sim.destroy();
    log(`to 99.9% ${scheme}: ${out.steps} steps, ${out.passes.toFixed(0)} passes, t = ${out.simTime.toPrecision(4)} s in ${wall.toFixed(1)} wall s; transient error ${error.toExponential(2)}`);
    return out;
  };
  const implicitRun = await toSteady('implicit');
  const rkl2Run = o.full ? await toSteady('rkl2') : null;

  const result = (scheme: SchemeName, run: Awaited<ReturnType<typeof toSteady>> | null, quickError: number | null): SchemeResult => {
    const v = soretCell(n, scheme);
    const a = acc.get(scheme)!;
    return {
      scheme,
      dt: v.derived.dt,
      stages: v.derived.stages,
      steps: a.steps,
      passes: a.passes,
      simTime: a.sim,
      wallSeconds: a.wall,
      rate: rate(scheme),
      wallTo999: run ? run.wall : t999 / rate(scheme),
      wallTo999Measured: run !== null,
      transientError: run ? run.error : quickError,
    };
  };
  const euler = result('euler', null, null);
  const rkl2 = result('rkl2', rkl2Run, rkl2Error.length ? Math.max(...rkl2Error) : null);
  const implicit = result('implicit', implicitRun, null);

  const results = {
    grid: `${n}x${n}`,
    adapter: gpu.adapter,
    Le: base.derived.dimensionless.Le,
    margin,
    tau,
    simTimeTo999: t999,
    steadySeparation: { cells: sepInf, walls: wallSep, analyticWalls: exactSep, relativeError: jumpError },
    jump: { wallSeconds: jumpWall, ...jump },
    schemes: { euler, rkl2, implicit },
    ratios: {
      rateRkl2OverEuler: rkl2.rate / euler.rate,
      rateImplicitOverEuler: implicit.rate / euler.rate,
      to999EulerOverRkl2: euler.wallTo999 / rkl2.wallTo999,
      to999EulerOverImplicit: euler.wallTo999 / implicit.wallTo999,
      to999EulerOverJump: euler.wallTo999 / jumpWall,
    },
    notes: [
      'rates: simulated s per wall s over 5 interleaved rounds (every scheme stepped in turn, so outside load weighs on all alike)',
      `euler's time to 99.9% is extrapolated from its measured rate (${euler.steps} steps)`,
      rkl2.wallTo999Measured ? "rkl2's time to 99.9% is measured" : `rkl2's time to 99.9% is extrapolated from its measured rate over ${rkl2.steps} steps (run with --full to measure it)`,
      "implicit's time to 99.9% is measured (steps of tau/20: backward Euler, then BDF2)",
      'error: largest |separation / analytic - 1| over the steps from tau/4 on (rkl2 without --full: at tau/4 only); jump: relative error of the wall separation against tanh(S_T dT / 4)',
    ],
  };
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toPrecision(2)}%`);
  const rows = [
    ['scheme', 'dt [s]', 'stages', 'sim s / wall s', 'x euler', 'wall s to 99.9%', 'x euler', 'error'],
    ...[euler, rkl2, implicit].map((r) => [
      r.scheme,
      r.dt.toPrecision(4),
      String(r.stages),
      r.rate.toPrecision(4),
      (r.rate / euler.rate).toPrecision(4),
      `${r.wallTo999.toPrecision(4)}${r.wallTo999Measured ? '' : ' (extrapolated)'}`,
      (euler.wallTo999 / r.wallTo999).toPrecision(4),
      pct(r.transientError),
    ]),
    ['jump', 'inf', '-', '-', '-', jumpWall.toPrecision(4), (euler.wallTo999 / jumpWall).toPrecision(4), pct(jumpError)],
  ];
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  for (const r of rows) process.stdout.write(r.map((c, k) => c.padEnd(widths[k])).join('  ') + '\n');
  for (const note of results.notes) process.stdout.write(`note: ${note}\n`);
  const out = join(dirname(fileURLToPath(import.meta.url)), 'stiff-results.json');
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`wrote ${out}\n`);
}

await main();
process.exit(0);
