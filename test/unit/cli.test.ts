import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSimArgs, UsageError } from '../../src/cli/args';
import { stallingStep } from '../helpers/stalling-step';
import { rkl2Stages, rkl2Substeps } from '../../src/physics/rkl2';

/** Runs `npm run sim` (the CPU reference) and returns its exit status, summary and stderr. */
function sim(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args, '--backend', 'cpu'], { encoding: 'utf8', timeout: 90_000 });
  return { status: r.status, summary: r.status === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

describe('command line: schemes and the steady-state jump', () => {
  it('parses --scheme and --jump', () => {
    const a = parseSimArgs(['soret-cell', '--scheme', 'rkl2', '--jump']);
    expect(a.scheme).toBe('rkl2');
    expect(a.jump).toBe(true);
    expect(parseSimArgs(['soret-cell']).jump).toBe(false);
    expect(() => parseSimArgs(['soret-cell', '--scheme'])).toThrow(UsageError);
  });

  it('runs rkl2 steps and reports the stages as passes', () => {
    const r = sim(['soret-cell', '--scheme', 'rkl2', '--steps', '1', '--set', 'grid.nx=32', '--set', 'grid.ny=16']);
    expect(r.status).toBe(0);
    expect(r.summary.scheme).toBe('rkl2');
    expect(r.summary.steps).toBe(1);
    expect(r.summary.passesPerStep).toBeGreaterThan(50); // 87 stages: a step of tau/20 on 32 x 16 cells
    // the first step from the preset's start is taken as the ramp of substeps (physics/rkl2.ts rkl2Substeps)
    const dtFE = 0.9 * r.summary.dtLimit;
    expect(r.summary.passes).toBe(rkl2Substeps(r.summary.dt, 0, dtFE).reduce((sum, h) => sum + rkl2Stages(h, dtFE), 0));
    expect(r.summary.passes).toBeGreaterThan(r.summary.passesPerStep);
    expect(r.stderr).toMatch(/rkl2, dt = .* s \(\d+ RKL2 stages\)/);
  });

  it('jumps to the Soret steady state with --jump, reporting the residual', () => {
    const r = sim(['soret-cell', '--scheme', 'implicit', '--jump', '--set', 'grid.nx=32', '--set', 'grid.ny=16']);
    expect(r.status).toBe(0);
    expect(r.summary.steps).toBe(0);
    expect(r.summary.solve.converged).toBe(true);
    expect(r.summary.solve.relative).toBeLessThan(1e-5);
    // c_cold - c_hot ~ tanh(S_T dT / 4) = tanh(0.0125) at the walls, a bit less between the end cells
    expect(r.summary.separation).toBeGreaterThan(0.0124 * (1 - 2 / 32));
    expect(r.summary.separation).toBeLessThan(0.0125);
    expect(r.stderr).toMatch(/steady state: \d+ iterations/);
  });

  it('an implicit step that does not converge at dt is retaken as substeps: exit 0, and the summary\'s solve says so', () => {
    // The stalling step (sweep seed 2062 draw 41): before, exit 3 ("relative residual 0.48 after 32 iterations").
    const dir = mkdtempSync(join(tmpdir(), 'substeps-cli-'));
    const file = join(dir, 'stalling.json');
    writeFileSync(file, JSON.stringify(stallingStep()));
    const r = sim([file, '--steps', '1']);
    expect(r.status).toBe(0);
    expect(r.summary.solve.converged).toBe(true);
    expect(r.summary.solve.substeps).toBeGreaterThan(2);
    expect(r.summary.solve.smallestSubstep).toBeLessThan(r.summary.dt / 2);
    expect(r.summary.steps).toBe(1);
  });

  it('refuses an unknown scheme, naming the field', () => {
    const r = sim(['soret-cell', '--scheme', 'leapfrog']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/time.scheme: "leapfrog" must be one of "euler", "rkl2", "implicit"/);
  });
});

describe('command line: ions (physics.md 8)', () => {
  it('ion-channel --jump: exit 0, current and potential keys, steady current through the pore, phi.npy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ions-cli-'));
    const r = sim(['ion-channel', '--jump', '--set', 'grid.nx=48', '--set', 'grid.ny=24', '--out', dir]);
    expect(r.status).toBe(0);
    expect(r.summary.solve.converged).toBe(true);
    expect(r.summary.potential).toEqual({ min: -0.07, max: 0 });
    const I = r.summary.current;
    expect(Object.keys(I).sort()).toEqual(['bottom', 'left', 'right', 'top']);
    // -70 mV is above the K+ Nernst voltage (-89 mV): a net outward (left -> right) current, the same at both electrodes
    expect(I.left).toBeGreaterThan(0);
    expect(Math.abs(I.left + I.right)).toBeLessThan(1e-6 * I.left);
    const phi = readFileSync(join(dir, 'phi.npy'));
    expect(phi.length).toBeGreaterThan(48 * 24 * 4);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).current.left).toBe(I.left);
  });

  it('nernst-cell --jump: no current, and a neutral preset has neither key nor phi.npy', () => {
    const r = sim(['nernst-cell', '--jump', '--set', 'grid.nx=32', '--set', 'grid.ny=4']);
    expect(r.status).toBe(0);
    expect(Math.max(...Object.values(r.summary.current as Record<string, number>).map(Math.abs))).toBe(0);
    expect(r.summary.c.max / r.summary.c.min).toBeGreaterThan(6); // Boltzmann: ~exp(1.95)
    const dir = mkdtempSync(join(tmpdir(), 'ions-cli-'));
    const n = sim(['ness-rod', '--steps', '1', '--set', 'grid.nx=16', '--set', 'grid.ny=4', '--out', dir]);
    expect(n.status).toBe(0);
    expect(n.summary.current).toBeUndefined();
    expect(n.summary.potential).toBeUndefined();
    expect(existsSync(join(dir, 'phi.npy'))).toBe(false);
  });
});
