import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseSimArgs } from '../../src/cli/args';

/** `npm run sim -- <args> --backend cpu`: exit status, parsed summary, stderr. */
function sim(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args, '--backend', 'cpu'], { encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, summary: r.status === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

describe('npm run sim -- <scenario> --measure-onsager', () => {
  it('parses the flag', () => {
    expect(parseSimArgs(['soret-cell', '--measure-onsager']).measureOnsager).toBe(true);
    expect(parseSimArgs(['soret-cell']).measureOnsager).toBe(false);
  });

  it('prints onsagerMeasured {L1q, Lq1, ratio, L11, Lqq, expected}: ratio 1 (reciprocal), 2 with D_F = 2 D_T', () => {
    const r = sim(['soret-cell', '--measure-onsager', '--set', 'grid.nx=16', '--set', 'grid.ny=8']);
    expect(r.status).toBe(0);
    expect(r.summary.steps).toBe(0); // measuring alone does not run the scenario's duration
    const m = r.summary.onsagerMeasured;
    expect(Object.keys(m)).toEqual(expect.arrayContaining(['L1q', 'Lq1', 'ratio', 'L11', 'Lqq', 'expected']));
    expect(Math.abs(m.ratio - 1)).toBeLessThan(1e-4);
    expect(Math.abs(m.L1q / m.expected.L1q - 1)).toBeLessThan(1e-4);
    expect(r.stderr).toMatch(/onsager: Lq1\/L1q: 1\.0000/);

    const u = sim(['soret-cell', '--measure-onsager', '--set', 'mixture.dufour=1e-11', '--set', 'allowUnphysical=true', '--set', 'grid.nx=16', '--set', 'grid.ny=8']);
    expect(u.status).toBe(0);
    expect(u.summary.unphysical).toBe(true);
    expect(Math.abs(u.summary.onsagerMeasured.ratio - 2)).toBeLessThan(0.02);
    expect(u.summary.onsagerMeasured.expected.ratio).toBeCloseTo(2, 12);
  });
});
