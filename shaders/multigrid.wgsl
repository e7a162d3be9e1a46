// Geometric multigrid on the coarse levels (1, 2, ...), whose operators are stored in `ops`
// (written by `coarsen` of the level above; level 0's is recomputed from the state instead,
// mgfine.wgsl). The kernels themselves are mglevel.wgsl's.
//!include multigrid.bindings
//!include mglevel.wgsl

fn opAt(i: u32, j: u32) -> CellOp {
  return ops[at(i, j) - L.opsBase];
}

// The face on the left of e (below n) is the one on the right of (above) me.
fn eastFace(me: u32, e: u32) -> vec4f {
  return ops[e - L.opsBase].gx;
}

fn northFace(me: u32, n: u32) -> vec4f {
  return ops[n - L.opsBase].gy;
}

fn fluidAt(me: u32) -> bool {
  return ops[me - L.opsBase].count != 0.0;
}
