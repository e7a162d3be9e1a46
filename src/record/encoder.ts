/**
 * Video encoding with WebCodecs through mediabunny: a CanvasSource on the composed frame, MP4
 * (H.264) or WebM (VP9), frame k stamped at k / fps exactly (the track's frame rate snaps it), each
 * frame lasting 1 / fps. Bytes are written at positions to a sink as they are made: a file (the
 * page's save picker, or the command line's partial file) or, where nothing can stream, memory;
 * either way the size written so far is known for the progress display. MP4 reserves its index at
 * the start of the file (the frame bound is known), so the file is web-ready without a rewrite
 * (up to about two hours at 30 fps; longer recordings get it at the end).
 */
import {
  canEncodeVideo,
  CanvasSource,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  StreamTarget,
  WebMOutputFormat,
  type StreamTargetChunk,
  type Target,
} from 'mediabunny';
import { FORMAT_CODEC, type VideoFormat } from './options';

/**
 * A file being written at byte positions (the MP4 and WebM muxers go back to patch headers).
 * `close` keeps the file; `abort` discards it. The owner of the file decides which: mediabunny
 * closes its stream even when cancelled, so it never sees the sink directly.
 */
export interface ByteSink {
  write(position: number, data: Uint8Array): Promise<void> | void;
  close(): Promise<void> | void;
  abort(): Promise<void> | void;
}

/** Where the encoded bytes go: memory (the size is still reported as it grows) or a sink. */
export type VideoDestination = { kind: 'memory' } | { kind: 'sink'; sink: ByteSink };

/**
 * The file in memory, for browsers that cannot write files as they go: written at positions like a
 * file (so the MP4 index sits at the start and the size grows frame by frame), grown by doubling.
 */
export class MemorySink implements ByteSink {
  private buf = new Uint8Array(1 << 20);
  size = 0;

  write(position: number, data: Uint8Array): void {
    const end = position + data.byteLength;
    if (end > this.buf.length) {
      const grown = new Uint8Array(Math.max(end, this.buf.length * 2));
      grown.set(this.buf.subarray(0, this.size));
      this.buf = grown;
    }
    this.buf.set(data, position);
    this.size = Math.max(this.size, end);
  }

  close(): void {}

  abort(): void {
    this.buf = new Uint8Array(0);
    this.size = 0;
  }

  /** The file's bytes (a copy, exactly `size` long). */
  bytes(): ArrayBuffer {
    return this.buf.slice(0, this.size).buffer;
  }
}

/** Frames up to which an MP4 reserves its index at the start (about 2 hours at 30 fps). */
const RESERVE_MAX_FRAMES = 216_000;

/** Chunk size for streamed writes [bytes]: bounded memory, few calls across process boundaries. */
const STREAM_CHUNK = 2 * 1024 * 1024;

export interface VideoSpec {
  format: VideoFormat;
  width: number;
  height: number;
  fps: number;
  /** Frames at most (lets MP4 reserve its index at the start of the file). */
  maxFrames: number;
}

/** Whether this browser can encode the format at this size. */
export async function canEncode(format: VideoFormat, width: number, height: number, fps: number): Promise<boolean> {
  try {
    return await canEncodeVideo(FORMAT_CODEC[format].codec, { width, height, frameRate: fps, quality: QUALITY_HIGH });
  } catch {
    return false;
  }
}

/**
 * The format to record in: MP4 (H.264) when the browser can encode it at this size (and the size
 * is even), else WebM (VP9). Says which and why.
 */
export async function chooseFormat(width: number, height: number, fps: number): Promise<{ format: VideoFormat; note: string } | { error: string }> {
  const even = width % 2 === 0 && height % 2 === 0;
  if (even && (await canEncode('mp4', width, height, fps))) return { format: 'mp4', note: 'MP4 (H.264): plays everywhere' };
  if (await canEncode('webm', width, height, fps)) {
    const why = even ? 'this browser cannot encode H.264 at this size' : 'H.264 needs an even width and height';
    return { format: 'webm', note: `WebM (VP9): ${why}` };
  }
  return { error: `this browser can encode neither H.264 nor VP9 at ${width}x${height}` };
}

export class VideoWriter {
  /** Bytes written so far (the file's current size). */
  bytes = 0;

  private constructor(
    private readonly output: Output,
    private readonly source: CanvasSource,
    private readonly spec: VideoSpec,
    private readonly memory: MemorySink | undefined,
    private readonly config: { codec: string },
    private readonly sink: ByteSink | undefined,
    private readonly state: { cancelled: boolean },
  ) {}

  /** The codec string the encoder was configured with (e.g. avc1.640028; empty before the first frame). */
  get codecString(): string {
    return this.config.codec;
  }

  /** Opens an encoder on `canvas` (the composed frame) writing to `dest`. */
  static async open(canvas: HTMLCanvasElement | OffscreenCanvas, spec: VideoSpec, dest: VideoDestination): Promise<VideoWriter> {
    const memory = dest.kind === 'memory' ? new MemorySink() : undefined;
    const sink: ByteSink = dest.kind === 'sink' ? dest.sink : memory!;
    const state = { cancelled: false };
    const target: Target = new StreamTarget(
      new WritableStream<StreamTargetChunk>({
        write: (chunk) => sink.write(chunk.position, chunk.data),
        // mediabunny closes the stream on cancel too: only a finished file is kept.
        close: () => (state.cancelled ? undefined : sink.close()),
      }),
      // In memory, small chunks: the size shown grows with every frame.
      { chunked: true, chunkSize: memory ? 64 * 1024 : STREAM_CHUNK },
    );
    // MP4: the index is reserved at the start (the frame bound is known): a web-ready file written
    // front to back, never held whole. Past RESERVE_MAX_FRAMES the reserve would be wasteful: the
    // index then goes at the end (still streamed).
    const reserve = spec.maxFrames <= RESERVE_MAX_FRAMES;
    const format = spec.format === 'mp4' ? new Mp4OutputFormat({ fastStart: reserve ? 'reserve' : false }) : new WebMOutputFormat();
    const output = new Output({ format, target });
    const config = { codec: '' };
    const source = new CanvasSource(canvas, {
      codec: FORMAT_CODEC[spec.format].codec,
      quality: QUALITY_HIGH,
      latencyMode: 'quality',
      keyFrameInterval: 2,
      onEncoderConfig: (c) => {
        config.codec = c.codec;
      },
    });
    output.addVideoTrack(source, { frameRate: spec.fps, ...(reserve ? { maximumPacketCount: spec.maxFrames } : {}) });
    const writer = new VideoWriter(output, source, spec, memory, config, sink, state);
    target.on('write', ({ end }) => {
      if (end > writer.bytes) writer.bytes = end;
    });
    await output.start();
    return writer;
  }

  /**
   * Captures the canvas now (synchronously, before the first await) as frame k, at k / fps for
   * 1 / fps; resolves when the encoder and the destination can take more.
   */
  add(k: number): Promise<void> {
    return this.source.add(k / this.spec.fps, 1 / this.spec.fps);
  }

  /** Finishes the file; returns the bytes when they were held in memory. */
  async finish(): Promise<ArrayBuffer | undefined> {
    await this.output.finalize();
    return this.memory?.bytes();
  }

  /** Stops without finishing and discards the file (the sink is aborted). */
  async cancel(): Promise<void> {
    this.state.cancelled = true;
    if (this.output.state !== 'finalized' && this.output.state !== 'canceled') await this.output.cancel().catch(() => undefined);
    await this.sink?.abort();
  }

  get mimeType(): string {
    return FORMAT_CODEC[this.spec.format].mime;
  }
}
