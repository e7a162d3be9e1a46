/**
 * The faces of a cell along one axis, for the per-cell views of face quantities (flux parts,
 * current parts): the face to the lower neighbour (lo, c) and to the upper one (c, hi), each
 * oriented low -> high, where it exists. Callers average a face function over them.
 */

/**
 * Calls `face(a, b)` for the faces (lo, c) and (c, hi) of cell `c` that exist (`hasLo`, `hasHi`)
 * and returns how many it called: the caller's sum over the faces divided by it is the axis mean.
 */
export function forAxisFaces(lo: number, c: number, hi: number, hasLo: boolean, hasHi: boolean, face: (a: number, b: number) => void): number {
  let n = 0;
  if (hasLo) {
    face(lo, c);
    n++;
  }
  if (hasHi) {
    face(c, hi);
    n++;
  }
  return n;
}
