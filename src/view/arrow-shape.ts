/**
 * The size of one flux arrow over a pane: length proportional to the flux part's magnitude, the
 * largest filling 95 % of a lattice spacing. Arrows shorter than MIN_ARROW_FRACTION of the largest
 * are not drawn (at a few pixels they read as dots, not directions); the shortest drawn ones are
 * at least MIN_ARROW_PX long (at most half the longest), and the head's width is scaled with the
 * length, so everything drawn reads as an arrow. Pure: no three.js.
 */

/**
 * Least lattice spacing of the arrows [CSS px]: 24 arrows across a 530 px pane (22 px apart, the
 * shortest 8 px) were dots and dashes on a projector and at a reduced drawing resolution.
 */
export const MIN_ARROW_SPACING_PX = 30;

/**
 * Arrows across and up a pane `w` x `h` CSS px over nx x ny cells: at most `maxX` x `maxY`, at
 * most one per cell, at least MIN_ARROW_SPACING_PX apart (and at least one each way).
 */
export function arrowLattice(w: number, h: number, nx: number, ny: number, maxX: number, maxY: number): { ax: number; ay: number } {
  const fit = (px: number) => (Number.isFinite(px) ? Math.floor(px / MIN_ARROW_SPACING_PX) : 0);
  return { ax: Math.max(1, Math.min(maxX, nx, fit(w))), ay: Math.max(1, Math.min(maxY, ny, fit(h))) };
}

/** Arrows below this fraction of the largest magnitude are not drawn. */
export const MIN_ARROW_FRACTION = 0.1;
/** Shortest arrow drawn [CSS px] (or half the longest, if that is less). */
export const MIN_ARROW_PX = 14;
/** Head width per length, and its bounds [CSS px]. */
const WIDTH_PER_LENGTH = 0.35;
const MIN_WIDTH_PX = 4;
const MAX_WIDTH_PX = 8;

export interface ArrowShape {
  /** Tail to tip [CSS px]; 0: no arrow. */
  length: number;
  /** Width of the head [CSS px]; 0: no arrow. */
  width: number;
}

/**
 * Writes into `out` the shape of an arrow for a part of magnitude `magnitude` when the largest
 * magnitude over the pane is `largest` and the lattice spacing is `spacing` [CSS px]; returns
 * whether it is drawn (a zero, tiny or non-finite magnitude is not).
 */
export function arrowShape(magnitude: number, largest: number, spacing: number, out: ArrowShape): boolean {
  out.length = 0;
  out.width = 0;
  if (!(largest > 0) || !Number.isFinite(magnitude) || !Number.isFinite(largest) || !(magnitude >= MIN_ARROW_FRACTION * largest)) return false;
  const full = 0.95 * spacing;
  if (!(full > 0)) return false;
  out.length = Math.max((magnitude / largest) * full, Math.min(MIN_ARROW_PX, 0.5 * full));
  // At most 0.4 of the length, so that even the shortest arrow is longer than wide.
  out.width = Math.min(MAX_WIDTH_PX, 0.4 * out.length, Math.max(MIN_WIDTH_PX, WIDTH_PER_LENGTH * out.length));
  return true;
}
