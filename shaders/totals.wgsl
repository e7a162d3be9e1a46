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

// Heat [W/m] and electric current [A/m] into the domain through wall `dir` of cell idx.
fn wallIn(dir: u32, idx: u32, u: f32, v: f32, length: f32) -> vec2f {
  let f = wallFace(dir, u, v, phiAt(idx));
  return vec2f(-f.Jq, P.chargePerMass * -f.J1) * length;
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
    if (P.periodicX == 0u) {
      let w = wallIn(0u, idx, u, v, P.hy);
      acc[base + TOTAL_heatInLeft] += w.x;
      acc[base + TOTAL_currentLeft] += w.y;
    }
  }
  if (i == P.nx - 1u) {
    acc[base + TOTAL_rightV] += v;
    if (P.periodicX == 0u) {
      let w = wallIn(1u, idx, u, v, P.hy);
      acc[base + TOTAL_heatInRight] += w.x;
      acc[base + TOTAL_currentRight] += w.y;
    }
  }
  if (j == 0u && P.periodicY == 0u) {
    let w = wallIn(2u, idx, u, v, P.hx);
    acc[base + TOTAL_heatInBottom] += w.x;
    acc[base + TOTAL_currentBottom] += w.y;
  }
  if (j == P.ny - 1u && P.periodicY == 0u) {
    let w = wallIn(3u, idx, u, v, P.hx);
    acc[base + TOTAL_heatInTop] += w.x;
    acc[base + TOTAL_currentTop] += w.y;
  }
}
