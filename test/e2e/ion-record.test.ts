/**
 * The ion channel reaching zero current, recorded from the command line (issue 10, Show): the
 * ion-channel preset with the applied voltage set to the Nernst voltage of its reservoirs, recorded
 * by `npm run record` (c | phi view, equipotentials and current arrows as the preset opens) for
 * eight relaxation times; the final state's wall current (the summary on stdout) is below 1 % of
 * the steady current at 0 V (`npm run sim -- --jump`), and the video is valid (ffprobe: codec,
 * size, every frame).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electrodesOf, reversalOf } from '../../src/physics/iv-sweep';
import { presetFile } from '../../src/physics/presets';
import { parseScenario } from '../../src/physics/validate';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'onsager-ion-record-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const GRID = { nx: 48, ny: 24 };
const SMALL = ['--set', `grid.nx=${GRID.nx}`, '--set', `grid.ny=${GRID.ny}`];

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, encoding: 'utf8', timeout: 400_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('recording the ion channel (npm run record)', () => {
  it('reaches zero current at the Nernst voltage; the video is valid', () => {
    const raw = presetFile('ion-channel') as Record<string, unknown>;
    raw.grid = { ...(raw.grid as object), ...GRID };
    const v = parseScenario(raw);
    const e = electrodesOf(v.scenario);
    if (typeof e === 'string') throw new Error(e);
    const Vrev = reversalOf(v.scenario, e);
    const atRev = ['--set', `boundaries.${e.from}.electric.value=${e.phiTo + Vrev}`];
    // The scale: the steady current with no voltage applied (the jump, CPU reference).
    const zero = run('src/cli/sim.ts', ['ion-channel', '--jump', '--backend', 'cpu', ...SMALL, '--set', `boundaries.${e.from}.electric.value=${e.phiTo}`]);
    expect(zero.code, zero.stderr).toBe(0);
    const I0 = JSON.parse(zero.stdout).current[e.from] as number;
    expect(Math.abs(I0)).toBeGreaterThan(0);

    const duration = 8 * v.derived.tauSlow;
    const file = join(tmp, 'channel.mp4');
    const r = run('src/cli/record.ts', ['ion-channel', '--duration', String(duration), '--sim-per-frame', String(duration / 16), '--fps', '8', '--size', '320x180', '--view', 'c-phi', '--out', file, ...SMALL, ...atRev]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { current: Record<string, number>; simTime: number; recording: { frames: number } };
    // The last frame is of the state 15 frame-times on (seven relaxation times and more).
    expect(summary.simTime).toBeGreaterThan(7 * v.derived.tauSlow);
    expect(Math.abs(summary.current[e.from]), `final ${summary.current[e.from]} A/m against ${I0} A/m at 0 V`).toBeLessThan(1e-2 * Math.abs(I0));

    const probe = spawnSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames', '-of', 'json', file], { encoding: 'utf8' });
    expect(probe.status, probe.stderr).toBe(0);
    const stream = JSON.parse(probe.stdout).streams[0];
    expect(stream).toMatchObject({ codec_name: 'h264', width: 320, height: 180 });
    expect(Number(stream.nb_read_frames)).toBe(summary.recording.frames);
  });
});
