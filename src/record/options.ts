/**
 * What a recording asks for, and its validation: one set of rules for the page's Record panel and
 * for `npm run record`, so both refuse the same inputs with the same words. Pure (no DOM, no Node).
 */

/** Container and codec: MP4 holds H.264, WebM holds VP9. */
export type VideoFormat = 'mp4' | 'webm';
/** The time-series plot under the fields: none, total entropy production S(t), or separation Δc(t). */
export type PlotChoice = 'none' | 'entropy' | 'separation';

export const FORMAT_CODEC: Record<VideoFormat, { codec: 'avc' | 'vp9'; label: string; mime: string }> = {
  mp4: { codec: 'avc', label: 'MP4 (H.264)', mime: 'video/mp4' },
  webm: { codec: 'vp9', label: 'WebM (VP9)', mime: 'video/webm' },
};

/** Frame sizes a lecturer picks from [px]. */
export const SIZE_PRESETS: Record<string, { width: number; height: number; label: string }> = {
  '720p': { width: 1280, height: 720, label: '720p (1280 x 720)' },
  '1080p': { width: 1920, height: 1080, label: '1080p (1920 x 1080)' },
  '1440p': { width: 2560, height: 1440, label: '1440p (2560 x 1440)' },
  square: { width: 1080, height: 1080, label: 'square (1080 x 1080)' },
};

/** Frame rates offered in the page; the command line also takes any whole number 1..MAX_FPS. */
export const FPS_CHOICES: readonly number[] = [24, 30, 60];
export const MAX_FPS = 120;
/** Frame size limits [px]. */
export const MIN_WIDTH = 64;
export const MAX_WIDTH = 3840;
export const MIN_HEIGHT = 64;
export const MAX_HEIGHT = 2160;

/** A recording request (units in the comments). */
export interface RecordRequest {
  /** Simulated time to record [s], or 'steady': until nothing visible changes (see steady.ts). */
  duration: number | 'steady';
  /** Video frames per second [1/s]. */
  fps: number;
  /** Simulated time per video frame [s]; default 1 / fps (the video plays in simulated real time). */
  simPerFrame?: number;
  /** Frame size [px]. */
  width: number;
  height: number;
  format: VideoFormat;
  /** The time-series plot under the fields (default none). */
  plot?: PlotChoice;
  /** Restart the scenario from t = 0 before the first frame (default: record from the current state). */
  restart?: boolean;
  /** With duration 'steady': the longest simulated time to wait for it [s] (default: 10 min of video). */
  maxDuration?: number;
}

/** One refused option: which one (`fps`, `size`, `duration`, ...) and why. */
export interface OptionProblem {
  option: string;
  message: string;
}

export class RecordOptionError extends Error {
  constructor(readonly problems: OptionProblem[]) {
    super(problems.map((p) => `${p.option}: ${p.message}`).join('\n'));
    this.name = 'RecordOptionError';
  }
}

const isPositive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** "1920x1080", "1920X1080" or a preset name ("1080p", "720p", "1440p", "square"). */
export function parseSize(text: string): { width: number; height: number } | undefined {
  const preset = SIZE_PRESETS[text.trim().toLowerCase()];
  if (preset) return { width: preset.width, height: preset.height };
  const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(text);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

/** The format a file name asks for (.mp4 or .webm), or undefined. */
export function formatOfPath(path: string): VideoFormat | undefined {
  const m = /\.(mp4|webm)$/i.exec(path);
  return m ? (m[1].toLowerCase() as VideoFormat) : undefined;
}

/** Every problem with a request (empty when it is fine). */
export function recordRequestProblems(r: RecordRequest): OptionProblem[] {
  const out: OptionProblem[] = [];
  if (!(Number.isInteger(r.fps) && r.fps >= 1 && r.fps <= MAX_FPS)) {
    out.push({ option: 'fps', message: `${String(r.fps)} is not a frame rate: use ${FPS_CHOICES.join(', ')} or another whole number from 1 to ${MAX_FPS} (frames per second)` });
  }
  if (r.duration !== 'steady' && !isPositive(r.duration)) {
    out.push({ option: 'duration', message: `${String(r.duration)} must be a number of simulated seconds > 0, or "steady"` });
  }
  if (r.simPerFrame !== undefined && !isPositive(r.simPerFrame)) {
    out.push({ option: 'sim-per-frame', message: `${String(r.simPerFrame)} must be a number of simulated seconds > 0` });
  }
  if (r.maxDuration !== undefined && !isPositive(r.maxDuration)) {
    out.push({ option: 'max-duration', message: `${String(r.maxDuration)} must be a number of simulated seconds > 0` });
  }
  const { width: w, height: h } = r;
  const size = `${w}x${h}`;
  if (!Number.isInteger(w) || !Number.isInteger(h)) {
    out.push({ option: 'size', message: `${size} must be whole numbers of pixels, WIDTHxHEIGHT (e.g. 1920x1080)` });
  } else if (w < MIN_WIDTH || w > MAX_WIDTH || h < MIN_HEIGHT || h > MAX_HEIGHT) {
    out.push({ option: 'size', message: `${size} is out of range: width must be ${MIN_WIDTH}..${MAX_WIDTH} and height ${MIN_HEIGHT}..${MAX_HEIGHT} pixels` });
  } else if (r.format === 'mp4' && (w % 2 !== 0 || h % 2 !== 0)) {
    const even = `${w + (w % 2)}x${h + (h % 2)}`;
    out.push({
      option: 'size',
      message: `${size}: H.264 (MP4) needs an even width and height (its 4:2:0 colour is stored per 2x2 pixel block); use ${even}, or write WebM (.webm) instead`,
    });
  }
  if (r.format !== 'mp4' && r.format !== 'webm') out.push({ option: 'format', message: `${String(r.format)} must be mp4 or webm` });
  if (r.plot !== undefined && r.plot !== 'none' && r.plot !== 'entropy' && r.plot !== 'separation') {
    out.push({ option: 'plot', message: `${String(r.plot)} must be none, entropy or separation` });
  }
  return out;
}

/** Throws RecordOptionError listing every problem. */
export function checkRecordRequest(r: RecordRequest): RecordRequest {
  const problems = recordRequestProblems(r);
  if (problems.length) throw new RecordOptionError(problems);
  return r;
}
