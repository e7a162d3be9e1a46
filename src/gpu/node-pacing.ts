/**
 * Node-only. Dawn's Node binding (the `webgpu` package) waits for GPU work (a buffer map, a
 * pipeline compile, onSubmittedWorkDone) by re-queuing a native callback with the global
 * `setImmediate` until the work is done: the main thread spins at 100 % of a core for as long as
 * the GPU works. On SwiftShader the GPU *is* the CPU, so that spin takes a core from the
 * shader compiler and the rasteriser threads that it is waiting for (and, on a shared machine,
 * from every other process). `paceDawnPolling` turns those re-queues into 1 ms timers: a wait
 * ends at most ~1 ms later, and the core is free meanwhile. Only native callbacks (Dawn's) are
 * paced; JS callers of setImmediate keep its semantics.
 */

const PACED = Symbol.for('onsager.dawnPaced');

type Immediate = typeof setImmediate & { [PACED]?: true };

/** Whether `fn` is a native function (Dawn's tick), not JS code. */
function isNative(fn: unknown): boolean {
  return typeof fn === 'function' && Function.prototype.toString.call(fn).includes('[native code]');
}

/** Paces Dawn's event polling in this process (idempotent); `delayMs`: the poll interval [ms]. */
export function paceDawnPolling(delayMs = 1): void {
  const g = globalThis as { setImmediate: Immediate };
  if (g.setImmediate[PACED]) return;
  const immediate = g.setImmediate;
  const paced = ((fn: (...a: unknown[]) => void, ...args: unknown[]) =>
    isNative(fn) ? setTimeout(fn, delayMs, ...args) : immediate(fn, ...args)) as unknown as Immediate;
  Object.assign(paced, immediate);
  paced[PACED] = true;
  g.setImmediate = paced;
}
