/**
 * `npx tsx scripts/diagnose-jacobian.ts FILE [--march SECONDS] [--iterations N]`: a diagnosis tool
 * for jumps that do not converge (docs/architecture.md, "Still failing"), not part of the program.
 * FILE is a scenario, or a sweep failure file (its first entry's scenario). Optionally marches the
 * float64 reference with explicit Euler for SECONDS (towards the steady state), then takes the
 * jump's Newton-like iteration (dt = infinity, logit step capped as cellStepScale does) from there
 * twice, each linear system solved exactly (dense, small grids only):
 *   frozen: the operator the multigrid inverts (frozen face mobility, implicit.ts assemble);
 *   exact-mass: the same with its mass rows replaced by the exact Jacobian (central differences of
 *     the residual in (T, logit c)), i.e. with d m_f / d z (dz + S_T dT) per face added.
 * Prints the relative residual (implicit.ts residualReport, against the state it starts from) of
 * each iteration. Seed 2079 #70 after `--march 1`: frozen diverges from 4.8e-3, exact-mass
 * converges quadratically (4.8e-3, 2.1e-4, 1.7e-7, 4e-13).
 */
import { readFileSync } from 'node:fs';
import type { FaceConstants } from '../src/physics/faces';
import { cellStepScale, NO_T_STEP_CAP, residualReport, type ImplicitCpu, type ResidualSums } from '../src/physics/implicit';
import { ReferenceSimulation } from '../src/physics/reference';
import { validateScenario } from '../src/physics/validate';
import { solveDense } from '../bench/dense';

/** The reference's internals this tool reads (private in reference.ts). */
interface Inside {
  implicitSolver(): ImplicitCpu;
  fc: FaceConstants;
  solid: Uint32Array;
  u: Float64Array;
  v: Float64Array;
  g: { nx: number; ny: number };
  simTime: number;
  step(n: number): Promise<void>;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const k = args.indexOf(name);
  return k >= 0 ? Number(args[k + 1]) : fallback;
};
const file = args[0];
if (!file) {
  process.stderr.write('usage: npx tsx scripts/diagnose-jacobian.ts FILE [--march SECONDS] [--iterations N]\n');
  process.exit(2);
}
const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
const raw = Array.isArray(parsed) ? (parsed[0] as { scenario: unknown }).scenario : parsed;
const march = option('--march', 0);
const iterations = option('--iterations', 20);

const logit = (c: number) => Math.log(c / (1 - c));
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

async function run(mode: 'frozen' | 'exact-mass'): Promise<string> {
  const scenario = raw as { time?: object };
  const euler = validateScenario({ ...scenario, time: { scheme: 'euler' } });
  const plain = validateScenario(raw);
  const r = march > 0 && euler.ok ? euler : plain;
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  const sim = new ReferenceSimulation(r.value) as unknown as Inside;
  while (sim.simTime < march) await sim.step(100);
  const solver = sim.implicitSolver();
  const mg = solver.mg;
  const { fc, solid } = sim;
  const u = sim.u.slice();
  const v = sim.v.slice();
  const n = u.length;
  const N = 2 * n;
  const residual = (uu: Float64Array, vv: Float64Array): { sums: ResidualSums; R: number[] } => {
    const sums = solver.assemble(uu, vv, Infinity, 1);
    return { sums, R: Array.from(mg.b.subarray(0, N), (b) => -b) };
  };
  const scale = residual(u, v).sums;
  const history: string[] = [];
  for (let it = 0; it <= iterations; it++) {
    const { sums, R } = residual(u, v);
    const rel = residualReport(sums, scale).relative;
    history.push(rel.toExponential(2));
    if (!(rel > 1e-12) || it === iterations) break;
    // The frozen operator A from the multigrid's own residual: b - A x with b = 0 and x a unit vector.
    const A = Array.from({ length: N }, () => new Array<number>(N).fill(0));
    const b = mg.b.slice();
    mg.b.fill(0);
    for (let col = 0; col < N; col++) {
      mg.x.fill(0);
      mg.x[col] = 1;
      for (let j = 0; j < sim.g.ny; j++) {
        for (let i = 0; i < sim.g.nx; i++) {
          const [r0, r1] = mg.residualAt(0, i, j);
          const P = j * sim.g.nx + i;
          A[2 * P][col] = -r0;
          A[2 * P + 1][col] = -r1;
        }
      }
    }
    mg.b.set(b);
    mg.x.fill(0);
    if (mode === 'exact-mass') {
      for (let col = 0; col < N; col++) {
        const P = col >> 1;
        const up = u.slice();
        const vp = v.slice();
        const um = u.slice();
        const vm = v.slice();
        let h: number;
        if (col % 2 === 0) {
          h = 1e-6 * Math.max(1, Math.abs(fc.T0 + u[P]));
          up[P] += h;
          um[P] -= h;
        } else {
          h = 1e-6;
          const z = logit(fc.c0 + v[P]);
          vp[P] = sigmoid(z + h) - fc.c0;
          vm[P] = sigmoid(z - h) - fc.c0;
        }
        const Rp = residual(up, vp).R;
        const Rm = residual(um, vm).R;
        for (let row = 1; row < N; row += 2) A[row][col] = (Rp[row] - Rm[row]) / (2 * h);
      }
    }
    const x = solveDense(A, R.map((q) => -q));
    for (let P = 0; P < n; P++) {
      if (solid[P]) continue;
      const s = cellStepScale(x[2 * P], x[2 * P + 1], fc.T0 + u[P], NO_T_STEP_CAP);
      u[P] += s * x[2 * P];
      v[P] = sigmoid(logit(fc.c0 + v[P]) + s * x[2 * P + 1]) - fc.c0;
    }
  }
  return `${mode}: ${history.join(' ')}`;
}

process.stdout.write(`start: explicit Euler to t = ${march} s\n`);
for (const mode of ['frozen', 'exact-mass'] as const) process.stdout.write((await run(mode)) + '\n');
