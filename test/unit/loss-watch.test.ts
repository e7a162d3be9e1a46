/**
 * LossWatch (issue 8, Build 9): racing a call against a device's loss leaves nothing behind once the
 * call settles first (a `Promise.race` against the pending loss promise left one reaction per call),
 * and every undecided or later race answers 'lost' once the loss happens.
 */
import { describe, expect, it } from 'vitest';
import { LossWatch } from '../../src/ui/loss-watch';

describe('LossWatch', () => {
  it('a race decided by its call leaves no listener; 1000 races leave none', async () => {
    const w = new LossWatch();
    for (let i = 0; i < 1000; i++) expect(await w.race(Promise.resolve(i))).toBe(i);
    expect(w.waiting).toBe(0);
    await expect(w.race(Promise.reject(new Error('GPU error')))).rejects.toThrow('GPU error');
    expect(w.waiting).toBe(0);
  });

  it('the loss answers every undecided race and every later one with "lost"', async () => {
    const w = new LossWatch();
    const never = new Promise<number>(() => undefined);
    const a = w.race(never);
    const b = w.race(never);
    expect(w.waiting).toBe(2);
    w.fire();
    expect(await a).toBe('lost');
    expect(await b).toBe('lost');
    expect(w.waiting).toBe(0);
    expect(await w.race(never)).toBe('lost');
    expect(await w.race(Promise.resolve(7))).toBe('lost');
  });
});
