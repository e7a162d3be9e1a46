/** Messages between the page and the CPU-reference worker (src/ui/cpu-worker.ts). */
import type { SimStats, SolveReport } from '../physics/simulation';
import type { PaintDab } from './backend';

export type ToWorker =
  | { type: 'load'; scenario: unknown }
  | { type: 'set'; scenario: unknown }
  | { type: 'reset' }
  /** Up to n steps, stopping early after budgetMs of work; replies with a `state`. */
  | { type: 'advance'; id: number; n: number; budgetMs: number }
  | { type: 'paint'; dab: PaintDab }
  /** The steady-state jump; replies with a `state` carrying the report, or an `error` with the id. */
  | { type: 'jump'; id: number };

export type FromWorker =
  | {
      type: 'state';
      id: number;
      nx: number;
      ny: number;
      steps: number;
      passes: number;
      simTime: number;
      stats: SimStats;
      /** Stored values (T - T0 [K], c - c0 [-], sigma), transferred. */
      T: Float32Array;
      c: Float32Array;
      sigma: Float32Array;
      /** Present in the reply to a `jump`. */
      report?: SolveReport;
    }
  /** `id`: the request that failed (a jump with no steady state), if any. */
  | { type: 'error'; message: string; id?: number };
