// Geometric multigrid on the packed levels (src/physics/multigrid.ts is the float64 mirror, kernel
// for kernel): coarse operators, red-black block Gauss-Seidel, restriction and prolongation.
// Red-black sweeps update x in place: a half-sweep writes only cells of its colour and reads only
// the other colour's, so no ping-pong is needed. x and b of every level are packed in `xs`, `bs`
// (level offsets L.offset); `cops` is the next coarser level's operators (written by `coarsen`).
// Included by a module that says where this level's operator comes from:
//   opAt(i, j) -> CellOp              the operator of cell (i, j) of the level,
//   eastFace(me, e), northFace(me, n) the conductance of the face between cell me and its right
//                                     / upper neighbour (before walls are zeroed),
//   fluidAt(me) -> bool               whether the cell holds fluid (count > 0):
// mgcoarse.wgsl reads them from the level's stored operators `ops`, mgfine.wgsl recomputes the
// finest level's from the state (matrix-free: the finest level's operator is never stored).
//!include mgcell.wgsl

fn threadIndex(gid: vec3u, nwg: vec3u) -> u32 {
  return gid.x + gid.y * nwg.x * FLAT_WG;
}

fn at(i: u32, j: u32) -> u32 {
  return L.offset + j * L.nx + i;
}

// Neighbours (left, right, below, above) of cell (i, j) of the level; the cell itself at a wall.
fn neighbours(i: u32, j: u32) -> array<u32, 4> {
  let me = at(i, j);
  var nb = array<u32, 4>(me, me, me, me);
  if (i > 0u) {
    nb[0] = at(i - 1u, j);
  } else if (L.periodicX != 0u) {
    nb[0] = at(L.nx - 1u, j);
  }
  if (i + 1u < L.nx) {
    nb[1] = at(i + 1u, j);
  } else if (L.periodicX != 0u) {
    nb[1] = at(0u, j);
  }
  if (j > 0u) {
    nb[2] = at(i, j - 1u);
  } else if (L.periodicY != 0u) {
    nb[2] = at(i, L.ny - 1u);
  }
  if (j + 1u < L.ny) {
    nb[3] = at(i, j + 1u);
  } else if (L.periodicY != 0u) {
    nb[3] = at(i, 0u);
  }
  return nb;
}

// Conductances of the four faces in the order of `neighbours`; 0 where the neighbour is the cell
// itself (a wall, or a periodic seam onto itself on a level one cell wide).
fn faceBlocks(me: u32, op: CellOp, nb: array<u32, 4>) -> array<vec4f, 4> {
  var g = array<vec4f, 4>(op.gx, eastFace(me, nb[1]), op.gy, northFace(me, nb[3]));
  for (var f = 0u; f < 4u; f++) {
    if (nb[f] == me) {
      g[f] = vec4f(0.0);
    }
  }
  return g;
}

// b - A x at cell (i, j) of the level.
fn residualAt(i: u32, j: u32) -> vec2f {
  let me = at(i, j);
  let op = opAt(i, j);
  if (op.count == 0.0) {
    return vec2f(0.0);
  }
  let nb = neighbours(i, j);
  let g = faceBlocks(me, op, nb);
  let x = xs[me];
  var r = bs[me] - op.m * x - blockMul(op.wx + op.wy + reactionBlock(op.rg), x);
  for (var f = 0u; f < 4u; f++) {
    r -= blockMul(g[f], x - xs[nb[f]]);
  }
  return r;
}

// One half-sweep of block Gauss-Seidel over the cells of colour L.colour ((i + j) % 2).
@compute @workgroup_size(FLAT_WG)
fn smoothBlocks(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let half = (L.nx + 1u) / 2u;
  let t = threadIndex(gid, nwg);
  if (t >= half * L.ny) {
    return;
  }
  let j = t / half;
  let i = (j + L.colour) % 2u + 2u * (t % half);
  if (i >= L.nx) {
    return;
  }
  let me = at(i, j);
  let op = opAt(i, j);
  if (op.count == 0.0) {
    return;
  }
  let nb = neighbours(i, j);
  let g = faceBlocks(me, op, nb);
  var D = op.wx + op.wy + reactionBlock(op.rg) + vec4f(op.m.x, 0.0, 0.0, op.m.y);
  var r = bs[me];
  for (var f = 0u; f < 4u; f++) {
    D += g[f];
    r += blockMul(g[f], xs[nb[f]]);
  }
  xs[me] = solveBlock(D, r);
}

// The coarse aggregate (I, J)'s cell range on this level, and the widths of aggregates.
fn widthX(I: u32) -> u32 {
  return min(L.nx - L.crx * I, L.crx);
}

fn widthY(J: u32) -> u32 {
  return min(L.ny - L.cry * J, L.cry);
}

// The coarse level's b = the sum of this level's residuals over each aggregate, and x = 0.
@compute @workgroup_size(FLAT_WG)
fn restrictResidual(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = threadIndex(gid, nwg);
  if (t >= L.cnx * L.cny) {
    return;
  }
  let I = t % L.cnx;
  let J = t / L.cnx;
  var s = vec2f(0.0);
  for (var dj = 0u; dj < widthY(J); dj++) {
    for (var di = 0u; di < widthX(I); di++) {
      s += residualAt(L.crx * I + di, L.cry * J + dj);
    }
  }
  bs[L.coffset + t] = s;
  xs[L.coffset + t] = vec2f(0.0);
}

// x on this level += the correction of the cell's coarse aggregate.
@compute @workgroup_size(FLAT_WG)
fn prolong(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = threadIndex(gid, nwg);
  if (t >= L.nx * L.ny) {
    return;
  }
  let me = L.offset + t;
  if (!fluidAt(me)) {
    return;
  }
  let i = t % L.nx;
  let j = t / L.nx;
  xs[me] += xs[L.coffset + (j / L.cry) * L.cnx + i / L.crx];
}

// multigrid.ts massWallScale: a mass wall in series with the aggregate's inner face (1 / w without one).
fn massWallScale(w: u32, wall: f32, inner: f32) -> f32 {
  return select(1.0 / f32(w), 1.0 / (1.0 + wall / (2.0 * inner)), w == 2u && wall > 0.0 && inner > 0.0);
}

// multigrid.ts heatWallScale: 1 / (1 + (w - 1) f rho), rho = G_T / G_eff with the reaction's latent
// heat on the mass flux in G_eff (rho = 1 without a reaction); r = [a, b, c, d] the reaction block.
fn heatWallScale(w: u32, f: f32, innerT: f32, innerZ: f32, r: vec4f) -> f32 {
  let bc = r.y * r.z;
  let e = select(0.0, r.x * r.x / bc, bc > 0.0 && r.w > 0.0 && innerZ > 0.0);
  let lambda = select(0.0, r.w / (r.w + innerZ), e > 0.0);
  let rho = select(1.0, innerT / (innerT + lambda * e * innerZ), innerT > 0.0);
  return 1.0 / (1.0 + (f32(w) - 1.0) * f * rho);
}

// The coarse level's operator from this level's: counts, m and walls summed, faces crossing the
// aggregate's left / lower boundary summed; scaled like a rediscretisation (multigrid.ts).
@compute @workgroup_size(FLAT_WG)
fn coarsen(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let t = threadIndex(gid, nwg);
  if (t >= L.cnx * L.cny) {
    return;
  }
  let I = t % L.cnx;
  let J = t / L.cnx;
  let wI = widthX(I);
  let wJ = widthY(J);
  var count = 0.0;
  var m = vec2f(0.0);
  var rg = vec2f(0.0);
  var wx = vec4f(0.0);
  var wy = vec4f(0.0);
  var gx = vec4f(0.0);
  var gy = vec4f(0.0);
  var fxw = 0.0;
  var fyw = 0.0;
  // The mass (zz) conductance of the faces inside the aggregate (massWallScale in multigrid.ts).
  var innerX = 0.0;
  var innerY = 0.0;
  // Their heat (TT) conductance (heatWallScale).
  var innerHX = 0.0;
  var innerHY = 0.0;
  for (var dj = 0u; dj < wJ; dj++) {
    for (var di = 0u; di < wI; di++) {
      let op = opAt(L.crx * I + di, L.cry * J + dj);
      count += op.count;
      m += op.m;
      rg += op.rg;
      fxw += op.fx * op.wx.x;
      fyw += op.fy * op.wy.x;
      wx += op.wx;
      wy += op.wy;
      if (di == 0u) {
        gx += op.gx;
      }
      if (dj == 0u) {
        gy += op.gy;
      }
      if (di == 1u) {
        innerX += op.gx.w;
        innerHX += op.gx.x;
      }
      if (dj == 1u) {
        innerY += op.gy.w;
        innerHY += op.gy.x;
      }
    }
  }
  let left = select(L.cnx - 1u, I - 1u, I > 0u);
  let below = select(L.cny - 1u, J - 1u, J > 0u);
  let sx = select(2.0 / f32(wI + widthX(left)), 0.0, left == I);
  let sy = select(2.0 / f32(wJ + widthY(below)), 0.0, below == J);
  // Walls: heat row by heatWallScale, mass row by massWallScale; f propagates as w f / (w f + 1 - f).
  let fx = select(0.0, fxw / wx.x, wx.x > 0.0);
  let fy = select(0.0, fyw / wy.x, wy.x > 0.0);
  let nI = f32(wI);
  let nJ = f32(wJ);
  let r = reactionBlock(rg);
  let cwx = vec4f(wx.xy * heatWallScale(wI, fx, innerHX, innerX, r), wx.zw * massWallScale(wI, wx.w, innerX));
  let cwy = vec4f(wy.xy * heatWallScale(wJ, fy, innerHY, innerY, r), wy.zw * massWallScale(wJ, wy.w, innerY));
  cops[t] = CellOp(cwx, cwy, gx * sx, gy * sy, m, count, nI * fx / (nI * fx + 1.0 - fx), nJ * fy / (nJ * fy + 1.0 - fy), rg);
}

// The reaction's local block (dH, nu1 M1) x rg (CellOp `rg`; the level's rxDH, rxNuM1), row-major.
fn reactionBlock(rg: vec2f) -> vec4f {
  return vec4f(L.rxDH * rg.x, L.rxDH * rg.y, L.rxNuM1 * rg.x, L.rxNuM1 * rg.y);
}
