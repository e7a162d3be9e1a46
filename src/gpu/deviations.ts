/**
 * The solver stores T - T0 [K] and c - c0 [-] as float32 deviations from the reference state
 * (float32 keeps its precision near T0 and c0); these convert at the host boundary.
 */

/** Absolute values (float64) of stored deviations from `reference`. */
export function absoluteFrom(deviations: Float32Array, reference: number): Float64Array {
  const out = new Float64Array(deviations.length);
  for (let i = 0; i < deviations.length; i++) out[i] = deviations[i] + reference;
  return out;
}

/**
 * Float32 deviations from `reference` of `values`, which must hold one value per cell (nx*ny);
 * otherwise an Error whose message starts with `what`.
 */
export function deviationsFrom(what: string, values: ArrayLike<number>, cells: number, reference: number): Float32Array {
  if (values.length !== cells) throw new Error(`${what}: expected ${cells} values (nx*ny), got ${values.length}`);
  const out = new Float32Array(cells);
  for (let i = 0; i < cells; i++) out[i] = values[i] - reference;
  return out;
}
