// One forward-Euler step of T - T0 and c - c0 in flux form (physics.md sections 3-4), and the
// entropy production sigma of the current state on demand. Fields are ping-ponged: in -> out.
// Both kernels march up strips of ROWS rows (columns.wgsl): step MARCH_COLUMNS columns per invocation.
//!include columns.wgsl
//!include status.wgsl

//!include step.bindings

fn loadCell(idx: u32) -> Loaded {
  return Loaded(vec2f(uIn[idx], vIn[idx]), vec2f(0.0));
}

fn loadState(idx: u32) -> vec2f {
  return loadCell(idx).y;
}

// The forward-Euler update of one cell the calling kernel owns (a solid cell keeps its state);
// names the step that made a non-finite value.
fn eulerUpdate(r: CellRate) {
  if (!r.owned) {
    return;
  }
  let yn = select(r.y, r.y + vec2f(P.aT, P.aC) * (r.rate + reactionSource(r.y.x, r.y.y)), r.kind != CELL_SOLID);
  uOut[r.idx] = yn.x;
  vOut[r.idx] = yn.y;
  if (!isFiniteBits(yn.x) || !isFiniteBits(yn.y)) {
    atomicMin(&status.firstNonFiniteStep, P.stepBase + slot.index);
  }
}

// The cells no wall touches, MARCH_COLUMNS columns per invocation.
@compute @workgroup_size(COLUMN_WG)
fn step(@builtin(global_invocation_id) gid: vec3u) {
  var p = marchStart(gid.x, gid.y);
  while (marchInside(p)) {
    let r = marchRate(&p);
    eulerUpdate(r.c0);
    eulerUpdate(r.c1);
    eulerUpdate(r.c2);
    eulerUpdate(r.c3);
  }
}

// The cells a wall touches (dispatched with step, in the same pass: disjoint cells).
@compute @workgroup_size(EDGE_WG)
fn stepEdge(@builtin(global_invocation_id) gid: vec3u) {
  eulerUpdate(edgeRate(gid.x));
}

// sigma of the current state (before readback, display and reductions); a non-finite sigma names
// the step of that state (P.stepBase + slot.index, set by the solver for this pass).
@compute @workgroup_size(COLUMN_WG)
fn entropy(@builtin(global_invocation_id) gid: vec3u) {
  var c = columnStart(gid.x, gid.y);
  while (columnInside(c)) {
    let r = columnSigma(&c);
    sigmaOut[r.idx] = r.sigma;
    if (!isFiniteBits(r.sigma)) {
      atomicMin(&status.firstNonFiniteStep, P.stepBase + slot.index);
    }
  }
}
