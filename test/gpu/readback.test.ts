/**
 * StagingRing (issue 8, Build 9): a read waiting for a slot when the ring is destroyed (its
 * simulation replaced) rejects at once saying so. Before, it waited for the read in flight to hand
 * back its (destroyed) slot, then encoded and submitted a copy into it and rejected with a bare
 * OperationError from mapAsync.
 */
import { describe, expect, it } from 'vitest';
import { StagingRing } from '../../src/gpu/readback';
import { gpuContext } from '../helpers/gpu';

describe('StagingRing', () => {
  it('reads through one slot in turn, and a read still waiting for a slot rejects when the ring is destroyed', async () => {
    const { device } = await gpuContext();
    const src = device.createBuffer({ label: 'readback test source', size: 16, usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(src, 0, new Float32Array([1, 2, 3, 4]));
    const ring = new StagingRing(device, 'test', 16, 1);
    const copy = (e: GPUCommandEncoder, dst: GPUBuffer) => e.copyBufferToBuffer(src, 0, dst, 0, 16);
    const parse = (b: ArrayBuffer) => Array.from(new Float32Array(b));
    // Two reads through one slot: the second waits for the first and sees the same data.
    expect(await Promise.all([ring.read(copy, parse), ring.read(copy, parse)])).toEqual([
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    ]);
    const first = ring.read(copy, parse);
    const waiting = ring.read(copy, parse);
    ring.destroy();
    const [a, b] = await Promise.allSettled([first, waiting]);
    expect(b.status).toBe('rejected');
    expect(String((b as PromiseRejectedResult).reason)).toMatch(/test readback: the staging ring was destroyed/);
    expect(['fulfilled', 'rejected']).toContain(a.status); // settled either way: its mapping completed or was aborted
    src.destroy();
  });
});
