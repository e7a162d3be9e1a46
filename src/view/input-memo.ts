/**
 * Remembers the inputs of the last computation of something derived from them (the contour
 * segments of phi, phi's texture), compared by identity (===), so that it is computed again only
 * when one of them changed. Counts the computations it let through (tests, `onsager.debug`).
 */
export class InputMemo {
  private last: readonly unknown[] | undefined;
  /** Computations since construction: calls of `remember` (each one a recomputation). */
  computations = 0;

  /** Whether `inputs` are the ones remembered (same length, every entry ===). */
  same(inputs: readonly unknown[]): boolean {
    const l = this.last;
    return l !== undefined && l.length === inputs.length && l.every((x, k) => x === inputs[k]);
  }

  /** The computation from `inputs` is being done now: remembers them and counts it. */
  remember(inputs: readonly unknown[]): void {
    this.last = [...inputs];
    this.computations++;
  }

  /** The derived thing was thrown away (e.g. the lines hidden): the next `same` says no. */
  forget(): void {
    this.last = undefined;
  }
}
