/**
 * gpu/node-pacing.ts: Dawn's native poll callbacks, re-queued with setImmediate, become timers of
 * `delayMs` (the core is free in between); JS callbacks keep setImmediate's semantics.
 */
import { describe, expect, it } from 'vitest';
import { paceDawnPolling } from '../../src/gpu/node-pacing';

describe('pacing Dawn polling', () => {
  it('delays native callbacks by the interval, runs JS callbacks as immediates, and is idempotent', async () => {
    paceDawnPolling(300);
    const paced = setImmediate;
    paceDawnPolling(1); // no second wrapper, and the first interval stays
    expect(setImmediate).toBe(paced);
    const order: string[] = [];
    const t0 = performance.now();
    let nativeAt = 0;
    const native = (() => {
      nativeAt = performance.now() - t0;
      order.push('native');
    }).bind(null); // a bound function reads as native code, as Dawn's Napi callback does
    await new Promise<void>((done) => {
      setImmediate(native);
      setImmediate((x: string) => order.push(x), 'js');
      setTimeout(done, 400);
    });
    expect(order).toEqual(['js', 'native']);
    expect(nativeAt).toBeGreaterThanOrEqual(295);
  });
});
