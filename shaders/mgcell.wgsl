// 2x2 block algebra of the multigrid operator. `struct CellOp` (one cell of a level, packed over
// all levels; blocks row-major vec4 (TT, Tz, zT, zz) for the correction (dT, d logit c)) is
// generated into the prelude from src/gpu/params.ts cellOpLayout.

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
