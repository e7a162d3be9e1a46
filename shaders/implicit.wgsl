// The implicit scheme on the finest level (src/physics/implicit.ts is the float64 mirror):
// the BDF weights of a step, the residual R(Y) = M (a0 Y - a1 Y^n + a2 Y^{n-1}) / dt - tend(Y)
// with level 0's linearised operator in (T, logit c), residual norms and sums, the jump's
// projections, and the update T += x_T, c += c(1-c) x_z. Fields are updated in place (no kernel
// here reads a neighbour of what it writes).
//!include tendency.wgsl
//!include status.wgsl
//!include mgcell.wgsl

// Sums over fluid cells: 0/1 b_T^2, b_c^2; 2/3 scale_T^2, scale_c^2; 4/5 b_T, b_c; 6 x_T,
// 7 g x_z; 8 fluid cells; 9 g; 10/11 u, v (g = c(1-c), the change of c per unit x_z).
const Q: u32 = 12u;
// Largest change of logit c per iteration (src/physics/implicit.ts MAX_LOGIT_STEP).
const MAX_LOGIT_STEP: f32 = 1.0;
const WG: u32 = 128u;

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read_write> uIn: array<f32>;
@group(0) @binding(2) var<storage, read_write> vIn: array<f32>;
@group(0) @binding(3) var<storage, read> cellKind: array<u32>;
@group(0) @binding(4) var<storage, read_write> status: Status;
@group(0) @binding(5) var<storage, read_write> ops: array<CellOp>;
@group(0) @binding(6) var<storage, read_write> xs: array<vec2f>;
@group(0) @binding(7) var<storage, read_write> bs: array<vec2f>;
// Transport scale of each cell's residual (implicit.ts), per channel.
@group(0) @binding(8) var<storage, read_write> scale: array<vec2f>;
// Yb = (a1 Y^n - a2 Y^{n-1}) / a0: the time-derivative term is a0 M (Y - Yb) / dt.
@group(0) @binding(9) var<storage, read_write> yb: array<vec2f>;
// Y^{n-1}, for BDF2.
@group(0) @binding(10) var<storage, read_write> yPrev: array<vec2f>;
@group(0) @binding(11) var<storage, read_write> partials: array<f32>;
@group(0) @binding(12) var<storage, read_write> totals: array<f32, Q>;
@group(1) @binding(0) var<uniform> S: Solve;
@group(2) @binding(0) var<uniform> slot: StepSlot;

var<workgroup> acc: array<f32, 1536>; // WG * Q

fn loadState(idx: u32) -> vec2f {
  return vec2f(uIn[idx], vIn[idx]);
}

// Start of a step: Yb from Y^n (= the current state) and Y^{n-1}; then Y^{n-1} := Y^n.
@compute @workgroup_size(256)
fn beginStep(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  let y = loadState(idx);
  yb[idx] = select(y, (S.a1 * y - S.a2 * yPrev[idx]) / S.a0, S.bdf2 != 0u);
  yPrev[idx] = y;
}

// K / h^2 of the face between cells a (left or below) and b; 0 across a solid or onto itself.
fn faceConductance(a: u32, b: u32, h: f32) -> vec4f {
  if (a == b || cellKind[a] == CELL_SOLID || cellKind[b] == CELL_SOLID) {
    return vec4f(0.0);
  }
  let sa = loadState(a);
  let sb = loadState(b);
  return faceMatrix(sa.x, sa.y, sb.x, sb.y) / (h * h);
}

// Level 0's operator and right-hand side b = -R(Y), x = 0, and the residual's transport scale.
@compute @workgroup_size(256)
fn assemble(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  xs[idx] = vec2f(0.0);
  let kind = cellKind[idx];
  if (kind == CELL_SOLID) {
    ops[idx] = CellOp(vec4f(0.0), vec4f(0.0), vec4f(0.0), vec4f(0.0), vec2f(0.0), 0.0, 0.0, 0.0);
    bs[idx] = vec2f(0.0);
    scale[idx] = vec2f(0.0);
    return;
  }
  let i = idx % P.nx;
  let j = idx / P.nx;
  let y = loadState(idx);
  let t = tendency(i, j, kind, y.x, y.y);
  let left = select(select(idx, cellIndexOf(P.nx - 1u, j), P.periodicX != 0u), idx - 1u, i > 0u);
  let right = select(select(idx, cellIndexOf(0u, j), P.periodicX != 0u), idx + 1u, i + 1u < P.nx);
  let below = select(select(idx, cellIndexOf(i, P.ny - 1u), P.periodicY != 0u), idx - P.nx, j > 0u);
  let above = select(select(idx, cellIndexOf(i, 0u), P.periodicY != 0u), idx + P.nx, j + 1u < P.ny);
  let gx = faceConductance(left, idx, P.hx);
  let gy = faceConductance(below, idx, P.hy);
  // Transport scale: |k dT| and |rho D dc| + |rho D_T c(1-c) dT| (the Soret part, whose round-off
  // sets the mass residual's floor where dc vanishes) of every face, per volume.
  var sc = vec2f(abs(sourceOf(kind)), 0.0);
  let soret = P.rhoDT * logitSlope(P.c0 + y.y);
  let nb = array<u32, 4>(left, right, below, above);
  for (var f = 0u; f < 4u; f++) {
    let n = nb[f];
    if (n == idx || cellKind[n] == CELL_SOLID) {
      continue;
    }
    let h = select(P.hy, P.hx, f < 2u);
    let sn = loadState(n);
    sc += vec2f(abs(P.k * (sn.x - y.x)), abs(P.rhoD * (sn.y - y.y)) + abs(soret * (sn.x - y.x))) / (h * h);
  }
  var wx = vec4f(0.0);
  var wy = vec4f(0.0);
  // External fractions of the walls' heat conductance, weighted by it (multigrid.ts).
  var fxw = 0.0;
  var fyw = 0.0;
  var walls = wallMask(i, j);
  loop {
    if (walls == 0u) {
      break;
    }
    let d = firstTrailingBit(walls);
    walls &= walls - 1u;
    let h = select(P.hy, P.hx, d < 2u);
    let W = wallJacobian(d, y.x, y.y, 0.5 * h) / h;
    let ws = wallState(d, y.x, y.y, 0.5 * h);
    if (d < 2u) {
      wx += W;
      fxw += (1.0 - ws.dUw) * W.x;
    } else {
      wy += W;
      fyw += (1.0 - ws.dUw) * W.x;
    }
    sc.x += abs(P.k * (ws.uw - y.x)) / (0.5 * h * h);
    if (!ws.closed) {
      sc.y += (abs(P.rhoD * (ws.vw - y.y)) + abs(soret * (ws.uw - y.x))) / (0.5 * h * h);
    }
  }
  let md = vec2f(S.mT, S.mC) * (y - yb[idx]);
  let r = md - vec2f(t.du, t.dv);
  sc += abs(md);
  bs[idx] = -r;
  scale[idx] = sc;
  let fx = select(0.0, fxw / wx.x, wx.x > 0.0);
  let fy = select(0.0, fyw / wy.x, wy.x > 0.0);
  ops[idx] = CellOp(wx, wy, gx, gy, vec2f(S.mT, S.mC * logitSlope(P.c0 + y.y)), 1.0, fx, fy);
}

fn addCell(base: u32, idx: u32) {
  if (ops[idx].count == 0.0) {
    return;
  }
  let b = bs[idx];
  let s = scale[idx];
  let x = xs[idx];
  let v = vIn[idx];
  let g = logitSlope(P.c0 + v);
  acc[base + 0u] += b.x * b.x;
  acc[base + 1u] += b.y * b.y;
  acc[base + 2u] += s.x * s.x;
  acc[base + 3u] += s.y * s.y;
  acc[base + 4u] += b.x;
  acc[base + 5u] += b.y;
  acc[base + 6u] += x.x;
  acc[base + 7u] += g * x.y;
  acc[base + 8u] += 1.0;
  acc[base + 9u] += g;
  acc[base + 10u] += uIn[idx];
  acc[base + 11u] += v;
}

fn foldWorkgroup(lid: u32) {
  let base = lid * Q;
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    workgroupBarrier();
    if (lid < stride) {
      for (var q = 0u; q < Q; q++) {
        acc[base + q] += acc[base + stride * Q + q];
      }
    }
  }
  workgroupBarrier();
}

// Level 0's sums (see Q) -> one partial per workgroup.
@compute @workgroup_size(128)
fn reduceCells(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u,
               @builtin(num_workgroups) nwg: vec3u) {
  let base = lid * Q;
  for (var q = 0u; q < Q; q++) {
    acc[base + q] = 0.0;
  }
  for (var idx = wid.x * WG + lid; idx < P.nx * P.ny; idx += nwg.x * WG) {
    addCell(base, idx);
  }
  foldWorkgroup(lid);
  if (lid < Q) {
    partials[wid.x * Q + lid] = acc[lid];
  }
}

// Partials -> totals (one workgroup).
@compute @workgroup_size(128)
fn reduceGroups(@builtin(local_invocation_index) lid: u32) {
  let count = arrayLength(&partials) / Q;
  let base = lid * Q;
  for (var q = 0u; q < Q; q++) {
    acc[base + q] = 0.0;
  }
  for (var g = lid; g < count; g += WG) {
    for (var q = 0u; q < Q; q++) {
      acc[base + q] += partials[g * Q + q];
    }
  }
  foldWorkgroup(lid);
  if (lid < Q) {
    totals[lid] = acc[lid];
  }
}

// Removes the fluid mean of b in the channels the jump keeps the totals of.
@compute @workgroup_size(256)
fn projectRhs(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny || ops[idx].count == 0.0) {
    return;
  }
  let n = max(totals[8], 1.0);
  bs[idx] -= vec2f(select(0.0, totals[4] / n, S.nullHeat != 0u), select(0.0, totals[5] / n, S.nullMass != 0u));
}

// Shifts x so that its first-order change of each kept total (sum x_T, sum g x_z) brings the
// total back to the start's (S.sumU0, S.sumV0).
@compute @workgroup_size(256)
fn projectCorrection(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny || ops[idx].count == 0.0) {
    return;
  }
  let shiftT = (totals[6] - (S.sumU0 - totals[10])) / max(totals[8], 1.0);
  let shiftZ = (totals[7] - (S.sumV0 - totals[11])) / max(totals[9], 1e-30);
  xs[idx] -= vec2f(select(0.0, shiftT, S.nullHeat != 0u), select(0.0, shiftZ, S.nullMass != 0u));
}

// Y += x on fluid cells; names the step that made a non-finite value.
@compute @workgroup_size(256)
fn update(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny || cellKind[idx] == CELL_SOLID) {
    return;
  }
  let x = xs[idx];
  let v = vIn[idx];
  // Both channels scale together where the logit step or the T step (S.maxTStep of T) is
  // clipped (implicit.ts cellStepScale).
  let s = min(min(1.0, MAX_LOGIT_STEP / abs(x.y)), S.maxTStep * abs(P.T0 + uIn[idx]) / abs(x.x));
  let un = uIn[idx] + s * x.x;
  let vn = v + logitSlope(P.c0 + v) * (s * x.y);
  uIn[idx] = un;
  vIn[idx] = vn;
  if (!isFiniteBits(un) || !isFiniteBits(vn)) {
    atomicMin(&status.firstNonFiniteStep, P.stepBase + slot.index);
  }
}
