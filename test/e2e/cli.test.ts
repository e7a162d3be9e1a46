/**
 * The command line as a user runs it: a child process, its stdout, stderr, exit status and files.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpyFloat32 } from '../../src/io/npy';
import { presetFile } from '../../src/physics/presets';
import { validateScenario } from '../../src/physics/validate';
import { exampleScenario, merge, type Json } from '../helpers/scenarios';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'onsager-cli-'));

function sim(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SUMMARY_KEYS = [
  'scenario',
  'backend',
  'adapter',
  'simTime',
  'steps',
  'passes',
  'wallSeconds',
  'entropyProduction',
  'solute',
  'energy',
  'separation',
  'heatIn',
  'T',
  'c',
  'sigma',
  'nonFinite',
  'dimensionless',
  'unphysical',
];

const small = ['--set', 'grid.nx=32', '--set', 'grid.ny=16'];

describe('npm run sim', () => {
  it('runs a preset, prints one JSON summary with the contract keys, and writes the fields', () => {
    const out = join(tmp, 'run');
    const r = sim(['soret-cell', '--steps', '40', ...small, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    for (const k of SUMMARY_KEYS) expect(summary, k).toHaveProperty(k);
    expect(Object.keys(summary.heatIn).sort()).toEqual(['bottom', 'left', 'right', 'top']);
    expect(Object.keys(summary.dimensionless).sort()).toEqual(['Du', 'Le', 'Sr', 'margin']);
    expect(summary.backend).toBe('gpu');
    expect(summary.steps).toBe(40);
    expect(summary.simTime).toBeCloseTo(40 * summary.dt, 9);
    expect(summary.nonFinite).toBe(0);
    expect(summary.unphysical).toBe(false);
    expect(r.stderr).toMatch(/Soret cell: 32x16 cells, gpu/);
    const T = decodeNpyFloat32(new Uint8Array(readFileSync(join(out, 'T.npy'))));
    expect(T.shape).toEqual([16, 32]);
    // hot wall on the left, cold on the right; row 0 is the bottom
    expect(T.data[0]).toBeGreaterThan(T.data[31]);
    expect(decodeNpyFloat32(new Uint8Array(readFileSync(join(out, 'sigma.npy')))).shape).toEqual([16, 32]);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(summary);
    expect(validateScenario(JSON.parse(readFileSync(join(out, 'scenario.json'), 'utf8'))).ok).toBe(true);
  });

  it('gives the same physics on the CPU reference', () => {
    const gpu = JSON.parse(sim(['hot-spot', '--steps', '30', ...small]).stdout);
    const cpu = JSON.parse(sim(['hot-spot', '--steps', '30', ...small, '--backend', 'cpu']).stdout);
    expect(cpu.backend).toBe('cpu');
    expect(cpu.entropyProduction / gpu.entropyProduction).toBeCloseTo(1, 4);
    expect(cpu.T.max).toBeCloseTo(gpu.T.max, 3);
  });

  it('runs to a simulated time with --until and applies --set edits', () => {
    const r = sim(['dufour-gas', '--until', '0.002', ...small, '--set', 'mixture.soret=0.002']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.simTime).toBeGreaterThanOrEqual(0.002 - 1e-12);
    expect(s.simTime).toBeLessThan(0.002 + 2 * s.dt);
    expect(s.dimensionless.Sr).toBeCloseTo(0.25 * 0.002 * 1, 12); // no imposed temperature span: dT = 1 K
  });

  it('falls back to the CPU reference, saying so, when no adapter is found', () => {
    const r = sim(['ness-rod', '--steps', '5', ...small], { VK_ICD_FILENAMES: '/nonexistent_icd.json' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/no WebGPU adapter was found.*falling back to the CPU reference/);
    expect(JSON.parse(r.stdout).backend).toBe('cpu');
  });

  const bad: [string, Json, RegExp][] = [
    ['negative D', { mixture: { D: -1e-9 } }, /mixture\.D: -1e-9 must be a finite number > 0/],
    ['nx = 0', { grid: { nx: 0 } }, /grid\.nx: 0 must be an integer >= 1/],
    ['T0 <= 0', { reference: { T0: -3 } }, /reference\.T0: -3 must be/],
    ['unknown wall type', { boundaries: { top: { heat: { type: 'adiabatic' }, mass: { type: 'closed' } } } }, /boundaries\.top\.heat\.type: "adiabatic"/],
    ['second law', { mixture: { soret: 3 } }, /mixture\.soret: the second law is broken/],
    ['reciprocity', { mixture: { dufour: 1e-12 } }, /mixture\.dufour: .*reciprocity/],
    ['bad mass fraction', { initial: { c: 1.5 } }, /initial\.c: 1.5 must be a finite number >= 0 and <= 1/],
    ['negative h', { boundaries: { right: { heat: { type: 'convective', h: -5, ambient: 300 }, mass: { type: 'closed' } } } }, /boundaries\.right\.heat\.h: -5 must be/],
    ['unknown scheme', { time: { scheme: 'rk4' } }, /time\.scheme: "rk4" must be one of/],
    ['a string dt', { time: { dt: 'fast' } }, /time\.dt: "fast" must be/],
  ];

  it.each(bad)('refuses a scenario file with %s: exit 2, the field named on stderr, nothing on stdout', (_, patch, message) => {
    const file = join(tmp, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(merge(exampleScenario(), patch)));
    const r = sim([file, '--steps', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('refuses missing walls, broken JSON, unknown presets and bad options with exit 2', () => {
    const noTop = exampleScenario();
    delete (noTop.boundaries as Json).top;
    const f1 = join(tmp, 'no-top.json');
    writeFileSync(f1, JSON.stringify(noTop));
    expect(sim([f1]).stderr).toMatch(/boundaries\.top: missing/);
    const f2 = join(tmp, 'broken.json');
    writeFileSync(f2, '{"version": 1,');
    const broken = sim([f2]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/not valid JSON/);
    const unknown = sim(['soret-cel']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/neither a scenario file nor a preset; presets are coffee-cooling, ness-rod, heat-sink-fin, salt-dissolving, .*soret-cell/);
    expect(sim(['soret-cell', '--steps', '0']).stderr).toMatch(/--steps: "0" must be a whole number > 0/);
    expect(sim(['soret-cell', '--set', 'mixture.D=-1']).stderr).toMatch(/mixture\.D: -1 must be/);
    expect(sim(['soret-cell', '--set', 'mixture.D=NaN']).stderr).toMatch(/mixture\.D: NaN must be a finite number/);
    expect(sim(['soret-cell', '--frobnicate']).code).toBe(2);
  });

  it('stops a run that blows up with exit 3, names the step, and still prints the summary', () => {
    const file = join(tmp, 'unstable.json');
    const base = presetFile('soret-cell') as Json;
    writeFileSync(file, JSON.stringify(merge(base, { grid: { nx: 32, ny: 16 }, time: { dt: 1.5 } })));
    const r = sim([file, '--steps', '5000']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/warning: time\.dt: 1.5 s is above the explicit stability limit/);
    expect(r.stderr).toMatch(/non-finite values first appeared at step \d+/);
    const s = JSON.parse(r.stdout);
    expect(s.nonFinite).toBeGreaterThan(0);
    expect(s.failure.step).toBeGreaterThan(0);
    expect(s.failure.step).toBeLessThan(5000);
    expect(s.steps).toBeLessThan(5000); // it stopped early
    expect(r.stderr).toContain(`step ${s.failure.step} `);
  });
});
