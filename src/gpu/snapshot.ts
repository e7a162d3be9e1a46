/**
 * Asynchronous snapshots of all three fields for the page's plots, probe and exports: one copy of
 * T - T0, c - c0 and sigma into a MAP_READ staging ring per read, parsed into arrays allocated once
 * per grid. Reading never waits for stepping queued after it, and nothing is allocated per read.
 */
import type { FieldName } from '../physics/simulation';
import { StagingRing } from './readback';

/** The fields as stored on the GPU: deviations T - T0 [K], c - c0 [-], and sigma [W K^-1 m^-3]. */
export interface FieldSnapshot {
  nx: number;
  ny: number;
  T: Float32Array;
  c: Float32Array;
  sigma: Float32Array;
  /** Simulated time [s] and step count of the state copied. */
  simTime: number;
  steps: number;
}

export class SnapshotReader {
  readonly nx: number;
  readonly ny: number;
  private readonly ring: StagingRing;
  private readonly cells: number;
  /** Two snapshots alternate: the latest complete one is never overwritten while it is in use. */
  private readonly pool: [FieldSnapshot, FieldSnapshot];
  private next = 0;
  private inFlight = 0;
  private retired = false;

  constructor(device: GPUDevice, nx: number, ny: number, slots = 2) {
    this.nx = nx;
    this.ny = ny;
    this.cells = nx * ny;
    this.ring = new StagingRing(device, `field snapshot ${nx}x${ny}`, this.cells * 12, slots);
    const make = (): FieldSnapshot => ({
      nx,
      ny,
      T: new Float32Array(this.cells),
      c: new Float32Array(this.cells),
      sigma: new Float32Array(this.cells),
      simTime: 0,
      steps: 0,
    });
    this.pool = [make(), make()];
  }

  get bytes(): number {
    return this.ring.bytes;
  }

  /**
   * Copies the fields as of the work queued so far. `bufferOf` gives the current buffers; `at`
   * the counters of that state. Sigma is as fresh as the last pass that wrote it (each step writes
   * sigma for the state it started from; `stats()` recomputes it for the current state).
   */
  read(bufferOf: (name: FieldName) => GPUBuffer, at: { simTime: number; steps: number }): Promise<FieldSnapshot> {
    const bytes = this.cells * 4;
    const snap = this.pool[this.next];
    this.next = 1 - this.next;
    this.inFlight++;
    const read = this.ring.read(
      (encoder, dst) => {
        snap.simTime = at.simTime;
        snap.steps = at.steps;
        encoder.copyBufferToBuffer(bufferOf('T'), 0, dst, 0, bytes);
        encoder.copyBufferToBuffer(bufferOf('c'), 0, dst, bytes, bytes);
        encoder.copyBufferToBuffer(bufferOf('sigma'), 0, dst, 2 * bytes, bytes);
      },
      (mapped) => {
        snap.T.set(new Float32Array(mapped, 0, this.cells));
        snap.c.set(new Float32Array(mapped, bytes, this.cells));
        snap.sigma.set(new Float32Array(mapped, 2 * bytes, this.cells));
        return snap;
      },
    );
    return read.finally(() => {
      this.inFlight--;
      if (this.retired && this.inFlight === 0) this.ring.destroy();
    });
  }

  /** Frees the staging buffers, after any read still in flight has finished. */
  destroy(): void {
    this.retired = true;
    if (this.inFlight === 0) this.ring.destroy();
  }
}
