// Multigrid on the finest level, matrix-free: level 0's operator (the implicit scheme's linearised
// operator in (T, logit c) at the current state) is recomputed from the state, the cell kinds and
// the solve slot S wherever a level kernel (multigrid.wgsl) needs it, instead of being stored: it
// would be the largest buffer of the scheme (96 B per cell, 1.5 GiB at 4096^2). The state does
// not change while a linear system is solved (the update follows the V-cycles), so this is the
// operator the stored level 0 held, formula for formula (src/physics/implicit.ts and
// multigrid.ts, float64, store it). `coarsen` writes level 1's operators into `cops`. Bindings:
// src/gpu/kernels.ts mgFineTable.
//!include tendency.wgsl
//!include mgfine.bindings
//!include multigrid.wgsl

fn loadState(idx: u32) -> vec2f {
  return vec2f(uIn[idx], vIn[idx]);
}

// K / h^2 of the face between cells a (left or below) and b; 0 across a solid or onto itself.
fn faceConductance(a: u32, b: u32, h: f32) -> vec4f {
  if (a == b || cellKind[a] == CELL_SOLID || cellKind[b] == CELL_SOLID) {
    return vec4f(0.0);
  }
  let sa = loadState(a);
  let sb = loadState(b);
  return faceMatrix(sa.x, sa.y, sb.x, sb.y, phiAt(b) - phiAt(a)) / (h * h);
}

// Level 0's operator of cell (i, j): its left and lower faces, its walls' Jacobians with the
// external fractions of their heat conductance (weighted by it, multigrid.ts), the time-derivative
// diagonal and the reaction's rate gradient; all zero on a solid.
fn opAt(i: u32, j: u32) -> CellOp {
  let idx = at(i, j);
  if (cellKind[idx] == CELL_SOLID) {
    return CellOp(vec4f(0.0), vec4f(0.0), vec4f(0.0), vec4f(0.0), vec2f(0.0), 0.0, 0.0, 0.0, vec2f(0.0));
  }
  let y = loadState(idx);
  let nb = neighbours(i, j);
  let gx = faceConductance(nb[0], idx, P.hx);
  let gy = faceConductance(nb[2], idx, P.hy);
  let phi = phiAt(idx);
  var wx = vec4f(0.0);
  var wy = vec4f(0.0);
  var fxw = 0.0;
  var fyw = 0.0;
  var walls = wallMask(i, j);
  while (walls != 0u) {
    let d = nextWall(&walls);
    let h = select(P.hy, P.hx, d < 2u);
    let dphi = wallDrop(d, phi);
    let W = wallJacobian(d, y.x, y.y, 0.5 * h, dphi) / h;
    let ws = wallState(d, y.x, y.y, 0.5 * h, dphi);
    if (d < 2u) {
      wx += W;
      fxw += (1.0 - ws.dUw) * W.x;
    } else {
      wy += W;
      fyw += (1.0 - ws.dUw) * W.x;
    }
  }
  let fx = select(0.0, fxw / wx.x, wx.x > 0.0);
  let fy = select(0.0, fyw / wy.x, wy.x > 0.0);
  let g = logitSlope(P.c0 + y.y);
  return CellOp(wx, wy, gx, gy, vec2f(S.mT, S.mC * g), 1.0, fx, fy, reactionGradient(y.x, y.y, g));
}

fn eastFace(me: u32, e: u32) -> vec4f {
  return faceConductance(me, e, P.hx);
}

fn northFace(me: u32, n: u32) -> vec4f {
  return faceConductance(me, n, P.hy);
}

fn fluidAt(me: u32) -> bool {
  return cellKind[me] != CELL_SOLID;
}
