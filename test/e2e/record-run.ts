/**
 * What the recording tests share (record.test.ts, lecture-video.test.ts): `npm run record` run as
 * a user runs it (a child process), a scratch folder for its files, the small grid that keeps
 * recordings fast, and the decoded frames of a video.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** The small grid that keeps recordings fast, and its `--set` options. */
export const SMALL_GRID = { nx: 48, ny: 24 };
export const SMALL = ['--set', `grid.nx=${SMALL_GRID.nx}`, '--set', `grid.ny=${SMALL_GRID.ny}`];

/** A scratch folder named after `what`, removed after the file's tests. */
export function scratchDir(what: string): string {
  const dir = mkdtempSync(join(tmpdir(), `onsager-${what}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `npm run record -- ...args` (its exit code, stdout and stderr), killed after `timeoutMs`. */
export function record(args: string[], timeoutMs = 150_000): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/record.ts', ...args], { cwd: root, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every frame (or one image) as packed RGB, decoded by ffmpeg. */
export function rgbFrames(file: string, width: number, height: number): Uint8Array[] {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 256 * 1024 * 1024 });
  expect(r.status, String(r.stderr)).toBe(0);
  const size = width * height * 3;
  const out: Uint8Array[] = [];
  for (let o = 0; o + size <= r.stdout.length; o += size) out.push(new Uint8Array(r.stdout.buffer, r.stdout.byteOffset + o, size));
  return out;
}
