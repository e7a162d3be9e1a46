/**
 * Command-line arguments of `npm run record` (docs/record.md). Parsing only; the checks shared with
 * the page are in ../options.ts, the file checks in ./files.ts.
 */
import { scanScenarioArgs, UsageError } from '../argv';
import type { Validated } from '../../physics/validate';
import { VIEW_MODES, type ViewMode } from '../../view/layout';
import { formatOfPath, parseSize, RecordOptionError, recordRequestProblems, type OptionProblem, type PlotChoice, type RecordRequest, type VideoFormat } from '../../record/options';

export { UsageError };

export interface RecordArgs {
  scenario: string;
  /** Simulated seconds, 'steady', or undefined: the scenario's time.duration (else 10 s) as a 10-second video. */
  duration?: number | 'steady';
  fps: number;
  /** Simulated seconds per video second (mutually exclusive with simPerFrame). */
  speed?: number;
  simPerFrame?: number;
  maxDuration?: number;
  width: number;
  height: number;
  /** Video file (.mp4 or .webm) and its format. */
  out?: string;
  format?: VideoFormat;
  /** PNG of the composed frame at the end. */
  snapshot?: string;
  view: ViewMode;
  plot: PlotChoice;
  sets: [string, string][];
  help: boolean;
}

export const RECORD_USAGE = `usage: npm run record -- <scenario.json | preset-id> --out FILE.mp4|FILE.webm [options]

  --duration S|steady  simulated seconds to record, or "steady" (until nothing visible changes);
                       default: the scenario's time.duration (else 10 s) as a 10-second video
  --fps N              frames per second: 24, 30, 60 or any whole number 1..120 (default 30)
  --speed X            simulated seconds per video second (default 1 when --duration is given)
  --sim-per-frame S    simulated seconds per frame (instead of --speed)
  --size WxH           frame size in pixels, 64..3840 x 64..2160 (even for MP4), or 720p, 1080p,
                       1440p, square (default 1920x1080)
  --out FILE           the video: .mp4 (H.264) or .webm (VP9)
  --snapshot FILE.png  also write the composed frame at the end (t = duration, or the steady frame)
  --view V             all (T | c | sigma side by side, default), T-sigma (T | sigma), T, c, sigma, or surface (3D)
  --plot P             time-series plot under the fields: none (default), entropy, separation
  --max-duration S     with --duration steady: the longest simulated time to wait
                       (default: 10 minutes of video)
  --set PATH=VALUE     change one scenario field, e.g. --set mixture.soret=0.01 (repeatable)

Frame k shows simulated time k * (simulated time per frame) and is stamped k / fps in the file.
stdout: one JSON summary (the sim keys plus "recording", with every frame's simulated time);
stderr: progress. Exit 0 done, 2 bad input (the option named), 3 non-finite values, 1 other failures,
130 interrupted. No partial file is left behind on failure or interruption.`;

/** The page's views (view/layout.ts VIEW_MODES), one list for the menu and the command line. */
const VIEWS: readonly ViewMode[] = Object.values(VIEW_MODES);
const PLOTS: readonly PlotChoice[] = ['none', 'entropy', 'separation'];

function number(flag: string, text: string, integer = false): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new UsageError(`${flag}: ${JSON.stringify(text)} must be ${integer ? 'a whole number' : 'a number'}`);
  }
  return v;
}

export function parseRecordArgs(argv: readonly string[]): RecordArgs {
  const out: RecordArgs = { scenario: '', fps: 30, width: 1920, height: 1080, view: 'all', plot: 'none', sets: [], help: false };
  scanScenarioArgs(argv, out, (flag, value) => {
    switch (flag) {
      case '--duration': {
        const v = value();
        out.duration = v.trim().toLowerCase() === 'steady' ? 'steady' : number('--duration', v);
        break;
      }
      case '--fps':
        out.fps = number('--fps', value());
        break;
      case '--speed':
        out.speed = number('--speed', value());
        break;
      case '--sim-per-frame':
        out.simPerFrame = number('--sim-per-frame', value());
        break;
      case '--max-duration':
        out.maxDuration = number('--max-duration', value());
        break;
      case '--size': {
        const v = value();
        const size = parseSize(v);
        if (!size) throw new UsageError(`--size: ${JSON.stringify(v)} must look like WIDTHxHEIGHT (e.g. 1920x1080) or be 720p, 1080p, 1440p or square`);
        out.width = size.width;
        out.height = size.height;
        break;
      }
      case '--out': {
        const v = value();
        const format = formatOfPath(v);
        if (!format) throw new UsageError(`--out: ${JSON.stringify(v)} must end in .mp4 (H.264) or .webm (VP9)`);
        out.out = v;
        out.format = format;
        break;
      }
      case '--snapshot': {
        const v = value();
        if (!/\.png$/i.test(v)) throw new UsageError(`--snapshot: ${JSON.stringify(v)} must end in .png`);
        out.snapshot = v;
        break;
      }
      case '--view': {
        const v = value() as ViewMode;
        if (!VIEWS.includes(v)) throw new UsageError(`--view: ${JSON.stringify(v)} must be one of ${VIEWS.join(', ')}`);
        out.view = v;
        break;
      }
      case '--plot': {
        const v = value() as PlotChoice;
        if (!PLOTS.includes(v)) throw new UsageError(`--plot: ${JSON.stringify(v)} must be one of ${PLOTS.join(', ')}`);
        out.plot = v;
        break;
      }
      default:
        return false;
    }
    return true;
  });
  if (out.help) return out;
  if (out.speed !== undefined && out.simPerFrame !== undefined) throw new UsageError('give --speed or --sim-per-frame, not both');
  if (!out.out && !out.snapshot) throw new UsageError('nothing to write: give --out FILE.mp4 (or .webm) and/or --snapshot FILE.png');
  return out;
}

/** Video length the defaults aim at when no duration is given [s] (the page's default too). */
export const DEFAULT_VIDEO_SECONDS = 10;

/**
 * The recording request the arguments ask for. Without --duration: the scenario's time.duration
 * (else 10 s) in a 10-second video unless --speed / --sim-per-frame say otherwise; with it, real
 * time (--speed 1) unless they do. Throws RecordOptionError naming the option.
 */
export function recordRequestOf(a: RecordArgs, v: Validated): RecordRequest {
  const problems: OptionProblem[] = [];
  if (a.speed !== undefined && !(a.speed > 0)) problems.push({ option: 'speed', message: `${a.speed} must be a number of simulated seconds per video second > 0` });
  const duration = a.duration ?? v.scenario.time.duration ?? DEFAULT_VIDEO_SECONDS;
  const fpsOk = Number.isInteger(a.fps) && a.fps >= 1;
  let simPerFrame: number | undefined = a.simPerFrame;
  if (simPerFrame === undefined && fpsOk) {
    if (a.speed !== undefined) simPerFrame = a.speed > 0 ? a.speed / a.fps : undefined;
    else if (a.duration === undefined && typeof duration === 'number') simPerFrame = duration / (DEFAULT_VIDEO_SECONDS * a.fps);
    else simPerFrame = 1 / a.fps;
  }
  const r: RecordRequest = { duration, fps: a.fps, width: a.width, height: a.height, format: a.format ?? 'webm', plot: a.plot };
  if (simPerFrame !== undefined) r.simPerFrame = simPerFrame;
  if (a.maxDuration !== undefined) r.maxDuration = a.maxDuration;
  problems.push(...recordRequestProblems(r));
  if (problems.length) throw new RecordOptionError(problems);
  return r;
}
