/**
 * A one-time event (a device's loss) that many calls race against. `Promise.race([p, signal])`
 * against a long-lived pending `signal` adds a reaction to `signal` on every call that stays until
 * `signal` settles: with a race per frame and the device's loss promise pending for the page's life,
 * those reactions and their pending promises pile up (issue 8, Build 9: the soak's heap). Here a race
 * registers a listener only while it is undecided and removes it when `p` settles first.
 */
export class LossWatch {
  private readonly listeners = new Set<() => void>();
  private fired = false;

  /** Marks the event as happened: every undecided race, and every later one, answers 'lost'. */
  fire(): void {
    this.fired = true;
    for (const l of this.listeners) l();
    this.listeners.clear();
  }

  /** Races waiting for the event now (listeners registered). */
  get waiting(): number {
    return this.listeners.size;
  }

  /**
   * Resolves with `p`'s value, or with 'lost' if the event happens first; rejects if `p` rejects
   * first. Once decided, nothing of this race stays registered here.
   */
  race<T>(p: Promise<T>): Promise<T | 'lost'> {
    if (this.fired) return Promise.resolve('lost');
    return new Promise<T | 'lost'>((resolve, reject) => {
      const onLoss = (): void => resolve('lost');
      this.listeners.add(onLoss);
      p.then(
        (v) => {
          this.listeners.delete(onLoss);
          resolve(v);
        },
        (e: unknown) => {
          this.listeners.delete(onLoss);
          reject(e);
        },
      );
    });
  }
}
