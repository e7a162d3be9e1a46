/**
 * The property sweep (issue 8, Build 7): draws scenarios (arbitrary.ts), checks the invariants
 * (check.ts) on the CPU reference and, with a device, on the GPU, and counts them. The first
 * failing invariant is shrunk by fast-check to a minimal scenario, written to
 * `<outDir>/sweep-failure-<seed>.json` with the invariant and its figure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { GpuContext } from '../../src/gpu/solver';
import { buildScenario, drawArbitrary, type Draw, type Json } from './arbitrary';
import { checkScenario, type CheckResult } from './check';

export interface SweepOptions {
  n: number;
  seed: number;
  /** Cells per side at most (1..maxSide), and in all. */
  maxSide: number;
  maxCells: number;
  gpu?: GpuContext;
  /** Where a shrunk failure is written (default out/). */
  outDir?: string;
  /** Wall-clock budget for shrinking [ms]. */
  shrinkMs?: number;
  /** false: no steady-state jumps (draws that ask for one step only). Default true. */
  jumps?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
  /**
   * Check only these draws (1-based, in draw order: the K in "FAILED (scenario K, ...)"); the
   * others are drawn and skipped, so one failure of a large run reproduces in seconds. No shrinking.
   */
  only?: number[];
}

export interface SweepFailure {
  invariant: string;
  detail: string;
  scenario: Json;
  jump: boolean;
}

export interface SweepReport {
  seed: number;
  scenarios: number;
  refused: number;
  /** Invariant checks run, and how many per invariant (name -> [checked, failed]). */
  checked: number;
  failed: number;
  perInvariant: Record<string, [number, number]>;
  /**
   * Invariants not checked because an earlier failure or refusal of the same backend voided its
   * fields (name -> count; one failure is counted once), and their total.
   */
  skipped: number;
  perInvariantSkipped: Record<string, number>;
  /** Every failing check (scenario and figure), in draw order. */
  failures: SweepFailure[];
  /** The first failure, shrunk, and where it was written. */
  shrunk?: SweepFailure & { file: string };
}

async function check(d: Draw, o: SweepOptions): Promise<{ scenario: Json; checks: CheckResult[]; refused: boolean; skipped: string[] }> {
  const scenario = buildScenario(d);
  const r = await checkScenario(scenario, { gpu: o.gpu, jump: d.jump && o.jumps !== false });
  return { scenario, ...r };
}

export async function runSweep(o: SweepOptions): Promise<SweepReport> {
  const arb = drawArbitrary({ maxSide: o.maxSide, maxCells: o.maxCells });
  const report: SweepReport = { seed: o.seed, scenarios: 0, refused: 0, checked: 0, failed: 0, perInvariant: {}, skipped: 0, perInvariantSkipped: {}, failures: [] };
  const t0 = performance.now();
  let drawn = 0;
  // Pass 1: every draw, every invariant counted (the property never fails here).
  await fc.assert(
    fc.asyncProperty(arb, async (d) => {
      drawn++;
      if (o.only && !o.only.includes(drawn)) return true;
      const t1 = performance.now();
      const r = await check(d, o);
      const took = (performance.now() - t1) / 1000;
      if (o.log && took > 5) o.log(`slow (${took.toFixed(1)} s): ${d.nx}x${d.ny} ${d.scheme}${d.jump ? ' + jump' : ''}`);
      report.scenarios++;
      if (r.refused) report.refused++;
      for (const name of r.skipped) {
        report.perInvariantSkipped[name] = (report.perInvariantSkipped[name] ?? 0) + 1;
        report.skipped++;
      }
      for (const c of r.checks) {
        const row = (report.perInvariant[c.name] ??= [0, 0]);
        row[0]++;
        report.checked++;
        if (!c.ok) {
          row[1]++;
          report.failed++;
          report.failures.push({ invariant: c.name, detail: c.detail, scenario: r.scenario, jump: d.jump && o.jumps !== false });
          o.log?.(`FAILED (scenario ${drawn}, ${d.nx}x${d.ny} ${d.scheme}${d.jump && o.jumps !== false ? ' + jump' : ''}) ${c.name}: ${c.detail}`);
        } else if (o.only) o.log?.(`ok (scenario ${drawn}) ${c.name}: ${c.detail}`);
      }
      if (o.only && r.skipped.length) o.log?.(`skipped (scenario ${drawn}): ${r.skipped.join('; ')}`);
      if (o.log && report.scenarios % 10 === 0) o.log(`${report.scenarios}/${o.n} scenarios, ${report.checked} checks, ${report.failed} failed (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      return true;
    }),
    { numRuns: o.n, seed: o.seed },
  );
  if (report.failures.length) {
    const dir = o.outDir ?? 'out';
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `sweep-failures-${o.seed}.json`), JSON.stringify(report.failures, null, 1) + '\n');
  }
  // Pass 2: the same draws again (same seed), failing on the first failure's invariant; fast-check
  // shrinks that draw to a minimal one.
  if (report.failures.length && !o.only) {
    const invariant = report.failures[0].invariant;
    let last: SweepFailure | null = null;
    const out = await fc.check(
      fc.asyncProperty(arb, async (d) => {
        const r = await check(d, o);
        const bad = r.checks.find((c) => c.name === invariant && !c.ok);
        if (bad) last = { invariant, detail: bad.detail, scenario: r.scenario, jump: d.jump && o.jumps !== false };
        return !bad;
      }),
      { numRuns: o.n, seed: o.seed, interruptAfterTimeLimit: o.shrinkMs ?? 120_000, markInterruptAsFailure: false },
    );
    const example = out.counterexample?.[0];
    if (example) {
      const r = await check(example, o);
      const bad = r.checks.find((c) => c.name === invariant && !c.ok);
      if (bad) last = { invariant, detail: bad.detail, scenario: r.scenario, jump: example.jump && o.jumps !== false };
    }
    const found = last ?? report.failures[0];
    const dir = o.outDir ?? 'out';
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `sweep-failure-${o.seed}.json`);
    writeFileSync(file, JSON.stringify({ invariant: found.invariant, detail: found.detail, jump: found.jump, scenario: found.scenario }, null, 2) + '\n');
    report.shrunk = { ...found, file };
  }
  return report;
}

/** The report as text lines (the command line and the CI test print it). */
export function reportLines(r: SweepReport): string[] {
  const lines = [
    `seed ${r.seed}: ${r.scenarios} scenarios (${r.refused} refused by validation), ${r.checked} invariant checks, ${r.failed} failed, ${r.skipped} skipped after a failure or refusal`,
    ...[...new Set([...Object.keys(r.perInvariant), ...Object.keys(r.perInvariantSkipped)])].sort().map((name) => {
      const [n, f] = r.perInvariant[name] ?? [0, 0];
      const k = r.perInvariantSkipped[name] ?? 0;
      return `  ${name}: ${n} checked${f ? `, ${f} FAILED` : ''}${k ? `, ${k} skipped` : ''}`;
    }),
  ];
  const seen = new Set<string>();
  for (const f of r.failures) {
    if (seen.has(f.invariant)) continue;
    seen.add(f.invariant);
    const g = f.scenario.grid as { nx: number; ny: number; width: number; height: number };
    const t = (f.scenario.time as { scheme: string }).scheme;
    lines.push(`  first "${f.invariant}" failure: ${g.nx}x${g.ny} cells, ${g.width.toPrecision(3)} x ${g.height.toPrecision(3)} m, ${t}${f.jump ? ' + jump' : ''}: ${f.detail}`);
  }
  if (r.shrunk) lines.push(`shrunk "${r.shrunk.invariant}" to ${r.shrunk.file}: ${r.shrunk.detail}`);
  return lines;
}
