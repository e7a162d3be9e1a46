// The multigrid operator of one cell of a level (src/physics/multigrid.ts), packed over all levels.
// 2x2 blocks are row-major vec4 (TT, Tz, zT, zz) for the correction (dT, d logit c), per unit
// (finest) cell volume.
struct CellOp {
  // Wall conductances of the cell's x walls and y walls.
  wx: vec4f,
  wy: vec4f,
  // Conductance of the face on the cell's left (x) and below it (y); 0 at walls.
  gx: vec4f,
  gy: vec4f,
  // Time-derivative diagonal, summed over the aggregate.
  m: vec2f,
  // Finest cells in the aggregate (0: solid).
  count: f32,
  // External fraction of the heat conductance of the x walls and y walls (multigrid.ts).
  fx: f32,
  fy: f32,
}

// 2x2 block times a vector.
fn blockMul(a: vec4f, x: vec2f) -> vec2f {
  return vec2f(a.x * x.x + a.y * x.y, a.z * x.x + a.w * x.y);
}

// Solves the 2x2 block D x = r; a singular block (a channel's constant mode on the coarsest
// level of the steady-state jump) solves its regular channel alone and leaves the other at 0.
fn solveBlock(D: vec4f, r: vec2f) -> vec2f {
  let det = D.x * D.w - D.y * D.z;
  if (abs(det) > 1e-6 * (abs(D.x * D.w) + abs(D.y * D.z))) {
    return vec2f(D.w * r.x - D.y * r.y, D.x * r.y - D.z * r.x) / det;
  }
  return vec2f(select(0.0, r.x / D.x, D.x != 0.0), select(0.0, r.y / D.w, D.w != 0.0));
}
