/**
 * A ring of MAP_READ staging buffers. Each read copies GPU data into a free slot in its own
 * submit and maps it; stepping submitted meanwhile is not held up, and no buffer is created per
 * read. When every slot is in flight, a read waits for one to come back.
 */
export class StagingRing {
  private readonly free: GPUBuffer[] = [];
  private readonly all: GPUBuffer[] = [];
  private readonly waiters: { resolve: (b: GPUBuffer) => void; reject: (e: Error) => void }[] = [];

  constructor(
    private readonly device: GPUDevice,
    readonly label: string,
    readonly slotBytes: number,
    count: number,
  ) {
    for (let i = 0; i < count; i++) {
      const b = device.createBuffer({ label: `${label} slot ${i}`, size: slotBytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      this.all.push(b);
      this.free.push(b);
    }
  }

  get bytes(): number {
    return this.slotBytes * this.all.length;
  }

  private waitForSlot(): Promise<GPUBuffer> {
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private release(b: GPUBuffer): void {
    const w = this.waiters.shift();
    if (w) w.resolve(b);
    else this.free.push(b);
  }

  /**
   * Encodes `encode` (which must end by copying into `dst`), submits it, and resolves with
   * `parse` of the mapped bytes (parse must copy what it keeps). With a slot free, the copy is
   * encoded and submitted before this returns, so it sees exactly the work queued before the
   * call; otherwise it is encoded when a slot comes back.
   */
  read<T>(encode: (encoder: GPUCommandEncoder, dst: GPUBuffer) => void, parse: (bytes: ArrayBuffer) => T): Promise<T> {
    const slot = this.free.pop();
    if (slot) return this.readInto(slot, encode, parse);
    return this.waitForSlot().then((b) => this.readInto(b, encode, parse));
  }

  private async readInto<T>(slot: GPUBuffer, encode: (encoder: GPUCommandEncoder, dst: GPUBuffer) => void, parse: (bytes: ArrayBuffer) => T): Promise<T> {
    try {
      const encoder = this.device.createCommandEncoder({ label: `${this.label} readback` });
      encode(encoder, slot);
      this.device.queue.submit([encoder.finish()]);
      await slot.mapAsync(GPUMapMode.READ);
      try {
        return parse(slot.getMappedRange());
      } finally {
        slot.unmap();
      }
    } finally {
      this.release(slot);
    }
  }

  /**
   * Destroys the slots. Reads still waiting for a slot reject at once saying so (none is handed a
   * destroyed slot to copy into); reads in flight settle as their mapping completes or is aborted.
   */
  destroy(): void {
    for (const w of this.waiters.splice(0)) w.reject(new Error(`${this.label} readback: the staging ring was destroyed before a slot came back`));
    for (const b of this.all) b.destroy();
    this.all.length = 0;
    this.free.length = 0;
  }
}
