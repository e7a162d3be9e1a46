// Reductions of a state into the 16 quantities of `Totals` (sums over fluid cells, extremes,
// non-finite count, edge-column sums and wall heat flows), in two passes: cells -> one partial
// per workgroup, partials -> one result.
//!include stencil.wgsl

const Q: u32 = 16u;
const WG: u32 = 128u;
const BIG: f32 = 3.0e38;

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> uIn: array<f32>;
@group(0) @binding(2) var<storage, read> vIn: array<f32>;
@group(0) @binding(3) var<storage, read> sigmaIn: array<f32>;
@group(0) @binding(4) var<storage, read> cellKind: array<u32>;
@group(0) @binding(5) var<storage, read_write> partials: array<f32>;
@group(0) @binding(6) var<storage, read_write> totals: array<f32, Q>;

var<workgroup> acc: array<f32, 2048>; // WG * Q

fn loadState(idx: u32) -> vec2f {
  return vec2f(uIn[idx], vIn[idx]);
}

// Quantity indices: 0 sum u, 1 sum v, 2 sum sigma, 3/4 min/max u, 5/6 min/max v, 7/8 min/max sigma,
// 9 non-finite cells, 10/11 sum v of the left/right column, 12..15 heat in through
// left/right/bottom/top [W/m]. Odd indices 3..7 are minima, even 4..8 maxima, the rest sums.
fn identityOf(q: u32) -> f32 {
  if (q >= 3u && q <= 8u) {
    return select(-BIG, BIG, q % 2u == 1u);
  }
  return 0.0;
}

fn combineOf(q: u32, a: f32, b: f32) -> f32 {
  if (q >= 3u && q <= 8u) {
    return select(max(a, b), min(a, b), q % 2u == 1u);
  }
  return a + b;
}

fn wallHeatIn(i: u32, j: u32, dir: u32, u: f32, v: f32, length: f32) -> f32 {
  return -wallFace(dir, u, v).Jq * length;
}

// Folds cell `idx` into this invocation's slots acc[lid * Q ..].
fn addCell(base: u32, idx: u32) {
  let u = uIn[idx];
  let v = vIn[idx];
  let s = sigmaIn[idx];
  if (!isFiniteBits(u) || !isFiniteBits(v) || !isFiniteBits(s)) {
    acc[base + 9u] += 1.0;
  }
  if (cellKind[idx] == CELL_SOLID) {
    return;
  }
  let i = idx % P.nx;
  let j = idx / P.nx;
  acc[base + 0u] += u;
  acc[base + 1u] += v;
  acc[base + 2u] += s;
  acc[base + 3u] = min(acc[base + 3u], u);
  acc[base + 4u] = max(acc[base + 4u], u);
  acc[base + 5u] = min(acc[base + 5u], v);
  acc[base + 6u] = max(acc[base + 6u], v);
  acc[base + 7u] = min(acc[base + 7u], s);
  acc[base + 8u] = max(acc[base + 8u], s);
  if (i == 0u) {
    acc[base + 10u] += v;
    if (P.periodicX == 0u) { acc[base + 12u] += wallHeatIn(i, j, 0u, u, v, P.hy); }
  }
  if (i == P.nx - 1u) {
    acc[base + 11u] += v;
    if (P.periodicX == 0u) { acc[base + 13u] += wallHeatIn(i, j, 1u, u, v, P.hy); }
  }
  if (j == 0u && P.periodicY == 0u) { acc[base + 14u] += wallHeatIn(i, j, 2u, u, v, P.hx); }
  if (j == P.ny - 1u && P.periodicY == 0u) { acc[base + 15u] += wallHeatIn(i, j, 3u, u, v, P.hx); }
}

@compute @workgroup_size(128)
fn reduceCells(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u,
               @builtin(num_workgroups) nwg: vec3u) {
  let n = P.nx * P.ny;
  let base = lid * Q;
  for (var q = 0u; q < Q; q++) {
    acc[base + q] = identityOf(q);
  }
  for (var idx = wid.x * WG + lid; idx < n; idx += nwg.x * WG) {
    addCell(base, idx);
  }
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    workgroupBarrier();
    if (lid < stride) {
      for (var q = 0u; q < Q; q++) {
        acc[base + q] = combineOf(q, acc[base + q], acc[base + stride * Q + q]);
      }
    }
  }
  if (lid < Q) {
    partials[wid.x * Q + lid] = acc[lid];
  }
}

// One workgroup folds `count` partials (count = arrayLength(&partials) / Q).
@compute @workgroup_size(128)
fn reduceGroups(@builtin(local_invocation_index) lid: u32) {
  let count = arrayLength(&partials) / Q;
  let base = lid * Q;
  for (var q = 0u; q < Q; q++) {
    acc[base + q] = identityOf(q);
  }
  for (var g = lid; g < count; g += WG) {
    for (var q = 0u; q < Q; q++) {
      acc[base + q] = combineOf(q, acc[base + q], partials[g * Q + q]);
    }
  }
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    workgroupBarrier();
    if (lid < stride) {
      for (var q = 0u; q < Q; q++) {
        acc[base + q] = combineOf(q, acc[base + q], acc[base + stride * Q + q]);
      }
    }
  }
  workgroupBarrier();
  if (lid < Q) {
    totals[lid] = acc[lid];
  }
}
