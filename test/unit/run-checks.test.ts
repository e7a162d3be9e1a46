import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessRun, C_ROUNDOFF, firstOffendingCell } from '../../src/physics/run-checks';
import type { SimStats } from '../../src/physics/simulation';
import { buildSummary } from '../../src/physics/summary';
import { parseScenario } from '../../src/physics/validate';
import { exampleScenario, merge, type Json } from '../helpers/scenarios';

const small = () => merge(exampleScenario(), { grid: { nx: 16, ny: 8 } });
const bound = parseScenario(small()).derived.secondLaw.maxSoret;
/** 90 % of the second-law bound over the walls' span (295..305 K): broken above about 339 K. */
const nearBound = (q: number): Json =>
  merge(small(), { mixture: { soret: 0.9 * bound }, sources: [{ shape: 'rect', x: [0, 0.01], y: [0, 0.005], q }] });

function stats(v: ReturnType<typeof parseScenario>, patch: Partial<SimStats>): SimStats {
  const T0 = v.scenario.reference.T0;
  return {
    simTime: 10,
    steps: 10,
    passes: 10,
    entropyProduction: 0,
    solute: 0,
    energy: 0,
    separation: 0,
    heatIn: { left: 0, right: 0, bottom: 0, top: 0 },
    T: { min: T0 - 5, max: T0 + 5, mean: T0 },
    c: { min: 0.49, max: 0.51, mean: 0.5 },
    sigma: { min: 0, max: 1, mean: 0.5 },
    nonFinite: 0,
    firstNonFiniteStep: null,
    ...patch,
  };
}

function sim(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args, '--backend', 'cpu'], { encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, summary: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

function file(s: Json): string {
  const f = join(mkdtempSync(join(tmpdir(), 'onsager-checks-')), 'scenario.json');
  writeFileSync(f, JSON.stringify(s));
  return f;
}

describe('failure semantics: one rule (run-checks.ts)', () => {
  const v = parseScenario(small());

  it('stands behind a state within the checked span', () => {
    expect(assessRun(v, stats(v, {}), null)).toEqual({ failure: null, warnings: [] });
  });

  it.each([
    ['T <= 0 K', { T: { min: -1, max: 300, mean: 200 } }, /T fell to -1\.0000 K <= 0 K by step 10/],
    ['c < 0 beyond round-off', { c: { min: -10 * C_ROUNDOFF, max: 0.5, mean: 0.4 } }, /c reached -0\.0001.*outside \[0, 1\] beyond round-off/],
    ['c > 1 beyond round-off', { c: { min: 0.5, max: 1.001, mean: 0.6 } }, /c reached 1\.001/],
    ['non-finite', { nonFinite: 3, firstNonFiniteStep: 7 }, /non-finite values first appeared at step 7/],
  ] as [string, Partial<SimStats>, RegExp][])('%s is a failure', (_, patch, message) => {
    const a = assessRun(v, stats(v, patch), null);
    expect(a.failure?.message).toMatch(message);
    expect(buildSummary(v, stats(v, patch), { backend: 'cpu', adapter: 'test', wallSeconds: 0 }).failure?.message).toMatch(message);
  });

  it('c within round-off of [0, 1] is not', () => {
    expect(assessRun(v, stats(v, { c: { min: -C_ROUNDOFF / 2, max: 1 + C_ROUNDOFF / 2, mean: 0.5 } }), null).failure).toBeNull();
  });

  it('a solve that did not converge, and a GPU error, are failures', () => {
    const solve = { iterations: 3, vCycles: 12, residual: { heat: 1, mass: 0 }, relative: 0.7, converged: false, stalled: true, passes: 100 };
    expect(assessRun(v, stats(v, {}), solve).failure?.message).toMatch(/did not converge: relative residual 0\.700 after 3 iterations \(stalled\)/);
    // A stall above the tolerance is not a result, even near the float32 floor (solveAccepted: seed 2101 #7).
    expect(assessRun(v, stats(v, {}), { ...solve, relative: 2e-5 }).failure?.message).toMatch(/did not converge: relative residual 0\.0000200 after 3 iterations \(stalled\)/);
    expect(assessRun(v, stats(v, {}), { ...solve, relative: 2e-6, converged: true, stalled: false }).failure).toBeNull();
    expect(assessRun(v, stats(v, {}), null, 'WebGPU error: out of memory').failure?.message).toBe('WebGPU error: out of memory');
  });

  it('names the first offending fluid cell', () => {
    const T = new Float64Array(16 * 8).fill(300);
    const c = new Float64Array(16 * 8).fill(0.5);
    const sigma = new Float64Array(16 * 8);
    expect(firstOffendingCell(v.scenario, { T, c, sigma })).toBeNull();
    T[2 * 16 + 5] = -1;
    c[3 * 16 + 1] = 1.2;
    expect(firstOffendingCell(v.scenario, { T, c, sigma })).toEqual({ i: 5, j: 2 });
  });
});

describe('reached states: sources can heat past the walls\' span', () => {
  it('validation estimates the reachable temperatures and warns where the second law would break there', () => {
    const w = parseScenario(nearBound(4e5));
    expect(w.derived.secondLaw.ok).toBe(true); // physical over the imposed span
    expect(w.derived.reachableT.hi).toBeGreaterThan(340);
    expect(w.warnings.join('\n')).toMatch(/sources: may heat the fluid to about \d+ K \(estimate\), where the second law would break/);
    expect(parseScenario(small()).warnings).toEqual([]); // no sources: no warning
  });

  it('the command line stops a run whose reached states pass the second-law bound (exit 3, failure with its cell)', () => {
    // 450 steps: past the crossing (~339 K, near step 390) whatever chunks the progress loop takes
    const r = sim([file(merge(nearBound(4e5), { time: { scheme: 'euler' } })), '--steps', '450']);
    expect(r.status).toBe(3);
    expect(r.summary.failure.message).toMatch(/T reached \[\d+\.\d+, \d+\.\d+\] K, beyond the imposed span \[295\.00, 305\.00\] K validation checked; .* k_eff = -.* < 0: beyond the second-law bound/);
    expect(r.summary.T.max).toBeGreaterThan(339);
    expect(r.summary.failure.cell).toEqual({ i: expect.any(Number), j: expect.any(Number) });
    expect(r.summary.failure.step).toBeGreaterThan(0);
    expect(r.summary.T.max).toBeGreaterThan(305);
  }, 60_000);

  it('a weaker source heats past the span and stays within the bound: exit 0', () => {
    const r = sim([file(merge(nearBound(2e5), { time: { scheme: 'euler' } })), '--until', '1500']);
    expect(r.status).toBe(0);
    expect(r.summary.failure).toBeUndefined();
    expect(r.summary.T.max).toBeGreaterThan(310);
  }, 60_000);

  it('a heat sink that drives T below 0 K is a failure naming the cell', () => {
    // 64 steps: one check at the end (T is about -90 K there, before anything turns non-finite)
    const r = sim([file(merge(nearBound(-1e7), { mixture: { soret: 0 } })), '--steps', '64']);
    expect(r.status).toBe(3);
    expect(r.summary.failure.message).toMatch(/T fell to -\d+.* K <= 0 K by step \d+/);
    expect(r.summary.failure.cell).toEqual({ i: expect.any(Number), j: expect.any(Number) });
  }, 60_000);

  it('the stretched-cell jump of symptom 1 now converges to the rod (it printed -4e11 K with exit 0)', () => {
    const r = sim(['ness-rod', '--jump', '--set', 'grid.nx=32', '--set', 'grid.ny=16']);
    expect(r.status).toBe(0);
    expect(r.summary.failure).toBeUndefined();
    expect(r.summary.solve.converged).toBe(true);
    expect(r.summary.T.min).toBeGreaterThan(0);
  }, 60_000);
});
