/**
 * A debug counter of the GPU buffers and textures alive on the page's devices (the soak benchmark
 * checks they stay flat): each device's createBuffer / createTexture is wrapped so that every
 * object made counts until its destroy(). Objects dropped without destroy() stay counted: that is
 * the leak this counter is for (their memory is held until garbage collection, if ever). A lost
 * device's objects are gone with it and stop counting.
 */

import type { GpuObjectCounts } from '../record/page-api';

export type { GpuObjectCounts };

/** Counts per device still in use (entries leave when their device is lost). */
const devices = new Map<GPUDevice, GpuObjectCounts>();

/** Objects alive now on the counted devices. */
export function gpuObjects(): GpuObjectCounts {
  const sum: GpuObjectCounts = { buffers: 0, textures: 0, bufferBytes: 0 };
  for (const c of devices.values()) {
    sum.buffers += c.buffers;
    sum.textures += c.textures;
    sum.bufferBytes += c.bufferBytes;
  }
  return sum;
}

/** Starts counting a device's buffers and textures (once per device); objects made before are not counted. */
export function countGpuObjects(device: GPUDevice): void {
  if (devices.has(device)) return;
  const c: GpuObjectCounts = { buffers: 0, textures: 0, bufferBytes: 0 };
  devices.set(device, c);
  void device.lost.then(() => devices.delete(device));
  const createBuffer = device.createBuffer.bind(device);
  device.createBuffer = (d: GPUBufferDescriptor): GPUBuffer => {
    const b = createBuffer(d);
    c.buffers++;
    c.bufferBytes += d.size;
    onFirstDestroy(b, () => {
      c.buffers--;
      c.bufferBytes -= d.size;
    });
    return b;
  };
  const createTexture = device.createTexture.bind(device);
  device.createTexture = (d: GPUTextureDescriptor): GPUTexture => {
    const t = createTexture(d);
    c.textures++;
    onFirstDestroy(t, () => c.textures--);
    return t;
  };
}

/** Wraps `o.destroy` so that `f` runs on the first call only. */
function onFirstDestroy(o: { destroy(): undefined }, f: () => void): void {
  const destroy = o.destroy.bind(o);
  let done = false;
  o.destroy = () => {
    if (!done) {
      done = true;
      f();
    }
    return destroy();
  };
}
