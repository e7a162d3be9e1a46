/**
 * The recording plan: how many frames, how many solver steps per frame, and the time step that
 * makes each frame's simulated time exact.
 *
 * Frame k shows the state at t0 + k * simPerFrame. Each frame advances a whole number of steps n;
 * the time step is lowered (never raised) to dt = simPerFrame / n with n = ceil(simPerFrame / dt0),
 * dt0 being the scenario's own step, so that n * dt is the simulated time per frame exactly (up to
 * float64 round-off) and the captions say round numbers. A lower dt is always inside the stability
 * limit when dt0 was. The recording runs this dt on the solver only; the user's scenario keeps its own.
 */
import { withValue, type Validated } from '../physics/validate';
import type { RecordRequest } from './options';

/** Video length allowed for a recording "until steady" when no max duration is given [s]. */
export const STEADY_CAP_VIDEO_SECONDS = 600;

export interface RecordingPlan {
  /** Frames per second of the video [1/s]. */
  fps: number;
  /** Frames to record; undefined: until steady (then at most `maxFrames`). */
  frames: number | undefined;
  /** Upper bound on the frame count (equals `frames` when it is fixed). */
  maxFrames: number;
  /** Simulated time per frame [s]. */
  simPerFrame: number;
  /** Solver steps per frame. */
  stepsPerFrame: number;
  /** Time step while recording [s]: simPerFrame / stepsPerFrame. */
  dt: number;
  /** The scenario's own time step [s]. */
  scenarioDt: number;
}

export function planRecording(v: Validated, r: RecordRequest): RecordingPlan {
  const simPerFrame = r.simPerFrame ?? 1 / r.fps;
  const dt0 = v.derived.dt;
  const stepsPerFrame = Math.max(1, Math.ceil(simPerFrame / dt0 - 1e-9));
  const dt = simPerFrame / stepsPerFrame;
  const frames = r.duration === 'steady' ? undefined : Math.max(1, Math.round(r.duration / simPerFrame));
  const cap = r.maxDuration !== undefined ? Math.max(1, Math.round(r.maxDuration / simPerFrame)) : Math.round(STEADY_CAP_VIDEO_SECONDS * r.fps);
  return { fps: r.fps, frames, maxFrames: frames ?? cap, simPerFrame, stepsPerFrame, dt, scenarioDt: dt0 };
}

/** The scenario the solver runs while recording: the same, with time.dt = plan.dt. */
export function recordingScenario(v: Validated, plan: RecordingPlan): Validated {
  if (v.scenario.time.dt === plan.dt) return v;
  return withValue(v.scenario, 'time.dt', plan.dt);
}

/** Simulated time shown by frame k [s]. */
export function frameTime(t0: number, plan: RecordingPlan, k: number): number {
  return t0 + k * plan.simPerFrame;
}

/** One line describing the plan, for the command line and the panel. */
export function describePlan(plan: RecordingPlan): string {
  const count = plan.frames === undefined ? `until steady (at most ${plan.maxFrames} frames)` : `${plan.frames} frames`;
  const video = plan.frames === undefined ? '' : `, ${fmtSeconds(plan.frames / plan.fps)} of video`;
  return (
    `${count}${video} at ${plan.fps} fps; ${fmtG(plan.simPerFrame)} s simulated per frame = ` +
    `${plan.stepsPerFrame} step${plan.stepsPerFrame === 1 ? '' : 's'} of dt = ${fmtG(plan.dt)} s` +
    (plan.dt < plan.scenarioDt * (1 - 1e-12) ? ` (the scenario's ${fmtG(plan.scenarioDt)} s lowered to a whole number of steps per frame)` : '')
  );
}

function fmtG(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

function fmtSeconds(s: number): string {
  return s < 120 ? `${fmtG(s)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/**
 * A warning when a fixed-length video would last less than one second (undefined otherwise):
 * the duration is simulated time, and at a high speed a few simulated seconds make a few frames.
 */
export function shortVideoWarning(plan: RecordingPlan): string | undefined {
  if (plan.frames === undefined) return undefined;
  const seconds = plan.frames / plan.fps;
  if (seconds >= 1) return undefined;
  const speed = plan.simPerFrame * plan.fps;
  const needed = speed * 1;
  return (
    `the video will last only ${fmtSeconds(seconds)} (${plan.frames} frame${plan.frames === 1 ? '' : 's'} at ${plan.fps} fps): ` +
    `--duration is SIMULATED seconds, and at ${fmtG(speed)} simulated s per video second it gives ${fmtSeconds(seconds)} of video; ` +
    `for at least 1 s of video ask for --duration ${fmtG(needed)} or more, or a lower --speed`
  );
}
