/**
 * The lecture video of `no2-box` (issue 11): `npm run record` as a user runs it (the built page in
 * headless Chromium, SwiftShader WebGPU), the file checked with ffprobe/ffmpeg, and what it shows:
 * the box heating as NO2 dimerises, from 298 K to its equilibrium near 378 K.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FrameRegions } from '../../src/record/compose';
import { record, rgbFrames, scratchDir } from './record-run';

const tmp = scratchDir('no2-video');

/** Mean colour of a region. */
function meanColour(img: Uint8Array, width: number, r: { x: number; y: number; w: number; h: number }): number[] {
  const m = [0, 0, 0];
  for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) for (let c = 0; c < 3; c++) m[c] += img[(y * width + x) * 3 + c];
  return m.map((v) => v / (r.w * r.h));
}

describe('no2-box lecture video', () => {
  it('records 10 s of dimerisation: a valid H.264 file whose T pane changes colour as the box heats to ~378 K', () => {
    const file = join(tmp, 'no2-box.mp4');
    const r = record(['no2-box', '--duration', '10', '--speed', '5', '--fps', '8', '--view', 'T', '--size', '320x180', '--out', file], 240_000);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { T: { mean: number }; c: { mean: number }; nonFinite: number; recording: { frames: number; regions: FrameRegions } };
    // The run itself: NO2 -> N2O4 releases heat until the hotter gas stops favouring the dimer.
    expect(summary.nonFinite).toBe(0);
    expect(summary.T.mean).toBeGreaterThan(370);
    expect(summary.T.mean).toBeLessThan(385);
    expect(summary.c.mean).toBeLessThan(0.95);
    // The file: 16 frames of 320x180 H.264 over 2 s, decoding without a complaint.
    const probe = spawnSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,nb_read_frames', '-show_entries', 'format=duration', '-of', 'json', file], { encoding: 'utf8' });
    expect(probe.status, probe.stderr).toBe(0);
    const j = JSON.parse(probe.stdout) as { streams: { codec_name: string; width: number; height: number; nb_read_frames: string }[]; format: { duration: string } };
    expect(j.streams[0]).toMatchObject({ codec_name: 'h264', width: 320, height: 180, nb_read_frames: String(summary.recording.frames) });
    expect(summary.recording.frames).toBe(16);
    expect(Number(j.format.duration)).toBeCloseTo(2, 6);
    const decode = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
    expect(decode.status).toBe(0);
    expect(decode.stderr).toBe('');
    // What it shows: the T pane (its middle) is one colour at t = 0 and another at the end.
    const frames = rgbFrames(file, 320, 180);
    expect(frames).toHaveLength(16);
    const v = summary.recording.regions.view;
    const pane = { x: v.x + Math.round(v.w * 0.3), y: v.y + Math.round(v.h * 0.3), w: Math.round(v.w * 0.4), h: Math.round(v.h * 0.3) };
    const first = meanColour(frames[0], 320, pane);
    const last = meanColour(frames[frames.length - 1], 320, pane);
    const change = Math.hypot(first[0] - last[0], first[1] - last[1], first[2] - last[2]);
    console.log(`no2-box T pane: first ${first.map((x) => x.toFixed(0))}, last ${last.map((x) => x.toFixed(0))}, change ${change.toFixed(1)}`);
    expect(change).toBeGreaterThan(40);
  });
});
