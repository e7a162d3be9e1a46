// RKL2 super-time-stepping in increment form (src/physics/rkl2.ts; physics.md 4): one fused
// flux + update kernel per stage marching up column strips (columns.wgsl), walls at every stage.
// Y0 = (uIn, vIn), the state the super-step starts from, is read-only throughout; the increments
// dY_j = Y_j - Y0 live in two vec2 buffers that swap roles each stage: `dPrev` holds dY_{j-1}
// (read at the neighbours), `dNext` holds dY_{j-2} and receives dY_j (own cell only, so in place).
// `e0` = dt L(Y0) = (aT du, aC dv) of Y0. `rkl2Apply` forms Y0 + dY_s in the other field buffers.
//!include columns.wgsl
//!include status.wgsl

// `Stage` (generated, src/gpu/params.ts): the coefficients of stage j (dynamic offset):
// dY_j = mu dY_{j-1} + nu dY_{j-2} + muTilde dt L(Y_{j-1}) + gammaTilde e0; stage 1 uses muTilde.

//!include rkl2.bindings


// The stage state Y0 + dY_{j-1} (Y0 itself in stage 1, after rkl2Zero) and dY_{j-1}.
fn loadCell(idx: u32) -> Loaded {
  let d = dPrev[idx];
  return Loaded(vec2f(uIn[idx] + d.x, vIn[idx] + d.y), d);
}

fn loadState(idx: u32) -> vec2f {
  return loadCell(idx).y;
}

// dY_0 = 0 into dPrev, before rkl2First: the stencil reads Y0 + dPrev at the neighbours, so
// rkl2First then evaluates L(Y0), and stage 2 finds dY_0 = 0 where it expects dY_{j-2}.
@compute @workgroup_size(FLAT_WG)
fn rkl2Zero(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  dPrev[idx] = vec2f(0.0);
}

// Stage 1 of one cell the calling kernel owns: e0 = dt L(Y0), dY_1 = muTilde_1 e0 (into dNext).
fn firstUpdate(r: CellRate) {
  if (!r.owned) {
    return;
  }
  let e = select(vec2f(0.0), vec2f(P.aT, P.aC) * (r.rate + reactionSource(r.y.x, r.y.y)), r.kind != CELL_SOLID);
  e0[r.idx] = e;
  dNext[r.idx] = stage.muTilde * e;
}

// Stage j >= 2 of one cell the calling kernel owns (r.d: its dY_{j-1}, loaded with its state).
fn stageUpdate(r: CellRate) {
  if (!r.owned) {
    return;
  }
  let idx = r.idx;
  let l = vec2f(P.aT, P.aC) * (r.rate + reactionSource(r.y.x, r.y.y));
  let d = stage.mu * r.d + stage.nu * dNext[idx] + stage.muTilde * l + stage.gammaTilde * e0[idx];
  dNext[idx] = select(vec2f(0.0), d, r.kind != CELL_SOLID);
}

// Stage 1 (sigma is computed on demand, not here): cells no wall touches, then the edge cells.
@compute @workgroup_size(COLUMN_WG)
fn rkl2First(@builtin(global_invocation_id) gid: vec3u) {
  var p = marchStart(gid.x, gid.y);
  while (marchInside(p)) {
    let r = marchRate(&p);
    firstUpdate(r.c0);
    firstUpdate(r.c1);
    firstUpdate(r.c2);
    firstUpdate(r.c3);
  }
}

@compute @workgroup_size(EDGE_WG)
fn rkl2FirstEdge(@builtin(global_invocation_id) gid: vec3u) {
  firstUpdate(edgeRate(gid.x));
}

// Stage j >= 2: cells no wall touches, then the edge cells.
@compute @workgroup_size(COLUMN_WG)
fn rkl2Stage(@builtin(global_invocation_id) gid: vec3u) {
  var p = marchStart(gid.x, gid.y);
  while (marchInside(p)) {
    let r = marchRate(&p);
    stageUpdate(r.c0);
    stageUpdate(r.c1);
    stageUpdate(r.c2);
    stageUpdate(r.c3);
  }
}

@compute @workgroup_size(EDGE_WG)
fn rkl2StageEdge(@builtin(global_invocation_id) gid: vec3u) {
  stageUpdate(edgeRate(gid.x));
}

// Y^{n+1} = Y0 + dY_s into the other field buffers (dNext holds dY_s); names the step that made a
// non-finite value.
@compute @workgroup_size(FLAT_WG)
fn rkl2Apply(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  let d = dNext[idx];
  let un = uIn[idx] + d.x;
  let vn = vIn[idx] + d.y;
  uOut[idx] = un;
  vOut[idx] = vn;
  if (!isFiniteBits(un) || !isFiniteBits(vn)) {
    atomicMin(&status.firstNonFiniteStep, P.stepBase + slot.index);
  }
}
