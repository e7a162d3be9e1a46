/**
 * One recording at a time, for the Record panel and `window.onsager.record` alike: the defaults a
 * lecturer starts from, the format choice (MP4/H.264 where the browser can encode it, else
 * WebM/VP9, and why), where the bytes go (a file chosen with the save picker and written as the
 * recording runs, else memory with the size shown), progress, and Cancel.
 */
import type { Validated } from '../physics/validate';
import type { ByteSink, VideoDestination } from '../record/encoder';
import { checkRecordRequest, FORMAT_CODEC, RecordOptionError, SIZE_PRESETS, type RecordRequest, type VideoFormat } from '../record/options';
import { record, simulateOnly, snapshotFrame, type RecordHost, type RecordProgress, type RecordResult } from '../record/recorder';
import { Emitter } from './emitter';

import type { PageRecordRequest } from '../record/page-api';

export type { PageRecordRequest };

/** Video length the page's defaults aim at [s]. */
export const DEFAULT_VIDEO_SECONDS = 10;
export const DEFAULT_FPS = 30;

export type RecordEvents = {
  progress: RecordProgress;
  /** A recording started (with its format note and where the bytes go) or ended. */
  state: { running: boolean; note?: string; destination?: 'file' | 'memory' | 'none' };
};

export class RecordController {
  readonly events = new Emitter<RecordEvents>();
  private cancelRequested = false;
  private active = false;

  constructor(private readonly host: RecordHost) {}

  get busy(): boolean {
    return this.active;
  }

  /** The defaults for a scenario: its own duration (else 10 s) in a 10-second 1080p video at 30 fps. */
  static defaults(v: Validated): Required<Omit<PageRecordRequest, 'maxDuration'>> {
    const duration = v.scenario.time.duration ?? DEFAULT_VIDEO_SECONDS;
    const { width, height } = SIZE_PRESETS['1080p'];
    return { duration, fps: DEFAULT_FPS, simPerFrame: duration / (DEFAULT_VIDEO_SECONDS * DEFAULT_FPS), width, height, format: 'auto', plot: 'none', restart: false };
  }

  /**
   * Fills in defaults, checks the request (RecordOptionError naming the option), and resolves
   * 'auto' to a format this browser can encode at this size, with a note saying which and why.
   */
  async resolve(r: PageRecordRequest): Promise<{ request: RecordRequest; note: string }> {
    const d = RecordController.defaults(this.host.validated);
    const fps = r.fps ?? d.fps;
    const duration = r.duration ?? d.duration;
    const width = r.width ?? d.width;
    const height = r.height ?? d.height;
    // Without a given time per frame: the duration fits the default video length (steady: real time).
    const simPerFrame = r.simPerFrame ?? (duration === 'steady' || !(duration > 0) ? 1 / fps : duration / (DEFAULT_VIDEO_SECONDS * fps));
    const auto = r.format === undefined || r.format === 'auto';
    const request: RecordRequest = { duration, fps, simPerFrame, width, height, format: auto ? 'webm' : (r.format as VideoFormat), plot: r.plot ?? 'none', restart: r.restart ?? false };
    if (r.maxDuration !== undefined) request.maxDuration = r.maxDuration;
    checkRecordRequest(request);
    // The encoder (mediabunny) loads on first use: the page starts without it.
    const { canEncode, chooseFormat } = await import('../record/encoder');
    if (auto) {
      const c = await chooseFormat(width, height, fps);
      if ('error' in c) throw new RecordOptionError([{ option: 'format', message: c.error }]);
      request.format = c.format;
      return { request, note: c.note };
    }
    const label = FORMAT_CODEC[request.format].label;
    if (!(await canEncode(request.format, width, height, fps))) {
      throw new RecordOptionError([{ option: 'format', message: `this browser cannot encode ${label} at ${width}x${height}${request.format === 'mp4' ? '; write WebM (.webm) instead' : ''}` }]);
    }
    return { request, note: label };
  }

  /**
   * Records to `dest` (none: no video, e.g. a snapshot only); rejects with RecordingCancelled,
   * RecordingFailed or RecordOptionError.
   */
  async record(request: RecordRequest, dest: VideoDestination | undefined, note: string, extra: { snapshot?: boolean; onProgress?: (p: RecordProgress) => void } = {}): Promise<RecordResult> {
    this.claim();
    this.events.emit('state', { running: true, note, destination: dest === undefined ? 'none' : dest.kind === 'memory' ? 'memory' : 'file' });
    try {
      return await record(this.host, request, {
        ...(dest ? { destination: dest } : {}),
        snapshot: extra.snapshot ?? false,
        onProgress: (p) => {
          this.events.emit('progress', p);
          extra.onProgress?.(p);
        },
        cancelled: () => this.cancelRequested,
      });
    } finally {
      this.release();
      this.events.emit('state', { running: false });
    }
  }

  /** Asks the running recording to stop at the end of its current frame (nothing is kept). */
  cancel(): void {
    if (this.active) this.cancelRequested = true;
  }

  /** A PNG of the composed frame of the current state. */
  async snapshot(request: RecordRequest): Promise<Blob> {
    this.claim();
    try {
      return (await snapshotFrame(this.host, request)).png;
    } finally {
      this.release();
    }
  }

  /** The benchmark's baseline: the recording's stepping alone [wall s]. */
  async simulateOnly(request: RecordRequest): Promise<number> {
    this.claim();
    try {
      return await simulateOnly(this.host, request);
    } finally {
      this.release();
    }
  }

  private claim(): void {
    if (this.active) throw new Error('a recording is already running: wait until it ends, or cancel it');
    this.active = true;
    this.cancelRequested = false;
  }

  private release(): void {
    this.active = false;
    this.cancelRequested = false;
  }
}

/**
 * A file chosen with the browser's save picker (where it exists), written at positions as the
 * recording runs; abort discards it (the picker's empty file is removed where the browser can).
 * Undefined when there is no picker; null when the user closed the picker.
 */
export async function pickFileSink(suggestedName: string, format: VideoFormat): Promise<ByteSink | null | undefined> {
  const w = window as unknown as { showSaveFilePicker?: (o: unknown) => Promise<FileSystemFileHandle> };
  if (typeof w.showSaveFilePicker !== 'function') return undefined;
  let handle: FileSystemFileHandle;
  try {
    handle = await w.showSaveFilePicker({
      suggestedName,
      types: [{ description: FORMAT_CODEC[format].label, accept: { [FORMAT_CODEC[format].mime]: [`.${format}`] } }],
    });
  } catch (e) {
    if ((e as DOMException).name === 'AbortError') return null;
    return undefined; // not allowed here (e.g. in an iframe): fall back to memory
  }
  const file = await handle.createWritable();
  return {
    // The stream copies nothing itself: hand it bytes that stay put.
    write: (position, data) => file.write({ type: 'write', position, data: data.slice() }),
    close: () => file.close(),
    abort: async () => {
      await file.abort().catch(() => undefined);
      await (handle as unknown as { remove?: () => Promise<void> }).remove?.().catch(() => undefined);
    },
  };
}
