// The totals of a state (slots: src/gpu/kernels.ts totalsSlots): sums over fluid cells of
// T - T0, c - c0 and sigma, their extremes, the non-finite count, the sums of c - c0 over the left
// and right columns and the heat flowing in through each wall [W/m], by the two-pass reduction.
//!include stencil.wgsl
//!include totals.slots
//!include totals.bindings
//!include reduction.wgsl

fn loadState(idx: u32) -> vec2f {
  return vec2f(uIn[idx], vIn[idx]);
}

fn reductionCells() -> u32 {
  return P.nx * P.ny;
}

fn wallHeatIn(dir: u32, u: f32, v: f32, length: f32) -> f32 {
  return -wallFace(dir, u, v).Jq * length;
}

fn addCell(base: u32, idx: u32) {
  let u = uIn[idx];
  let v = vIn[idx];
  let s = sigmaIn[idx];
  if (!isFiniteBits(u) || !isFiniteBits(v) || !isFiniteBits(s)) {
    acc[base + TOTAL_nonFinite] += 1.0;
  }
  if (cellKind[idx] == CELL_SOLID) {
    return;
  }
  let i = idx % P.nx;
  let j = idx / P.nx;
  acc[base + TOTAL_sumU] += u;
  acc[base + TOTAL_sumV] += v;
  acc[base + TOTAL_sumSigma] += s;
  acc[base + TOTAL_minU] = min(acc[base + TOTAL_minU], u);
  acc[base + TOTAL_maxU] = max(acc[base + TOTAL_maxU], u);
  acc[base + TOTAL_minV] = min(acc[base + TOTAL_minV], v);
  acc[base + TOTAL_maxV] = max(acc[base + TOTAL_maxV], v);
  acc[base + TOTAL_minSigma] = min(acc[base + TOTAL_minSigma], s);
  acc[base + TOTAL_maxSigma] = max(acc[base + TOTAL_maxSigma], s);
  if (i == 0u) {
    acc[base + TOTAL_leftV] += v;
    if (P.periodicX == 0u) { acc[base + TOTAL_heatInLeft] += wallHeatIn(0u, u, v, P.hy); }
  }
  if (i == P.nx - 1u) {
    acc[base + TOTAL_rightV] += v;
    if (P.periodicX == 0u) { acc[base + TOTAL_heatInRight] += wallHeatIn(1u, u, v, P.hy); }
  }
  if (j == 0u && P.periodicY == 0u) { acc[base + TOTAL_heatInBottom] += wallHeatIn(2u, u, v, P.hx); }
  if (j == P.ny - 1u && P.periodicY == 0u) { acc[base + TOTAL_heatInTop] += wallHeatIn(3u, u, v, P.hx); }
}
