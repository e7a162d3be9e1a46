/**
 * The solver's statistics readback: one staging ring that copies the totals of a state and the
 * first-failure word in one submit, and turns them into SimStats (totals.ts). The fluid cell
 * counts are computed on the host once per validated scenario. One destroy().
 */
import type { Grid } from '../physics/grid';
import type { SimStats } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import { StagingRing } from './readback';
import { fluidCounts, statsFromTotals, TOTALS_BYTES } from './totals';

/** The failure status word when no cell failed (shaders write the first failing step there). */
export const NO_FAILURE = 0xffffffff;

/** The counters a read reports, as of the moment its copy is encoded. */
export interface StatsCounters {
  steps: number;
  passes: number;
  simTime: number;
}

export class StatsReader {
  private readonly ring: StagingRing;
  private fluidCountCache?: { key: Validated; fluid: number; left: number; right: number };

  constructor(device: GPUDevice) {
    this.ring = new StagingRing(device, 'stats', 256, 3);
  }

  /** GPU memory held [bytes]. */
  get bytes(): number {
    return this.ring.bytes;
  }

  /**
   * Reads the statistics of `v` on `grid`: `encodeTotals` encodes whatever the totals need (the
   * entropy pass, the reduction) and returns the buffers of the totals and the failure status,
   * which are then copied; `counters` is called at that moment, so the counters match the state read.
   */
  async read(
    v: Validated,
    grid: Grid,
    encodeTotals: (encoder: GPUCommandEncoder) => { totals: GPUBuffer; status: GPUBuffer },
    counters: () => StatsCounters,
  ): Promise<SimStats> {
    let at: StatsCounters = counters();
    const read = await this.ring.read(
      (encoder, dst) => {
        at = counters();
        const sources = encodeTotals(encoder);
        encoder.copyBufferToBuffer(sources.totals, 0, dst, 0, TOTALS_BYTES);
        encoder.copyBufferToBuffer(sources.status, 0, dst, TOTALS_BYTES, 4);
      },
      (mapped) => ({
        q: Float64Array.from(new Float32Array(mapped, 0, TOTALS_BYTES / 4)),
        firstBad: new Uint32Array(mapped, TOTALS_BYTES, 1)[0],
      }),
    );
    if (this.fluidCountCache?.key !== v) this.fluidCountCache = { key: v, ...fluidCounts(v, grid) };
    return statsFromTotals(v, grid, this.fluidCountCache, read.q, read.firstBad === NO_FAILURE ? null : read.firstBad, at);
  }

  destroy(): void {
    this.ring.destroy();
  }
}
