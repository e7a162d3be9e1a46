/**
 * What the page needs from a simulation backend: the GPU solver (WebGPU) or the CPU reference in a
 * Web Worker. Stepping is queued without waiting (the frame loop), reads are asynchronous, and the
 * display textures are filled on the backend's side.
 */
import type { BrushDab } from '../gpu/brush';
import type { FieldSnapshot } from '../gpu/snapshot';
import type { FieldName, SimStats, SolveReport } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import type { SubstepTally } from '../physics/implicit';
import type { FieldTextureSource } from '../view/field-textures';

export type { FieldSnapshot };

/** A brush dab in grid units (see gpu/brush.ts); `field` the stored field it changes. */
export interface PaintDab extends BrushDab {
  field: 'T' | 'c';
}

export interface PageBackend {
  readonly kind: 'webgpu' | 'cpu';
  /** The adapter's description ("CPU reference (float64)" on the fallback). */
  readonly adapter: string;
  /** The scenario being run (on the CPU fallback the grid may be reduced). */
  readonly running: Validated;
  readonly simTime: number;
  readonly steps: number;
  readonly passes: number;
  readonly textures: FieldTextureSource;
  /** Applies a validated scenario; fields are kept unless the grid changes. */
  setScenario(user: Validated): void;
  reset(): void;
  /** Queues n steps without waiting (ignored while `busy()`). */
  advance(n: number): void;
  /** Whether earlier queued work is still running (frame loop backpressure). */
  busy(): boolean;
  /**
   * What the backend is getting ready before it can step (e.g. compiling the implicit scheme's GPU
   * kernels), in words for the status line; null when nothing. Steps wait meanwhile (busy()).
   */
  preparing?(): string | null;
  /** The implicit steps since the last reset retaken as substeps (they did not converge at dt), for the status line; null when none. */
  substepped?(): SubstepTally | null;
  /** Resolves when all work queued so far is done (for measurements). */
  idle(): Promise<void>;
  /** Advances n steps and resolves when done. */
  step(n: number): Promise<void>;
  /**
   * Reductions of the current state, and (with `fields`) a copy of the three fields. With
   * `exact` false and fields wanted, the reductions may be computed from the copy on the CPU
   * (sigma then being the one the last step wrote, for the state one step earlier). `solve`: an
   * implicit step that did not converge since the last reset (a failure), where the backend knows.
   */
  readback(fields: boolean, exact: boolean): Promise<{ stats: SimStats; snapshot?: FieldSnapshot; solve?: SolveReport | null }>;
  /** Makes the display textures current for the fields about to be drawn. */
  prepareDisplay(fields: readonly FieldName[]): void;
  paint(dab: PaintDab): void;
  /** The steady state by the implicit multigrid solver (busy() while it runs). */
  jumpToSteadyState(): Promise<SolveReport>;
  destroy(): void;
}
