// The multigrid level kernels (multigrid.wgsl) on a coarse level (1, 2, ...), whose operators are
// stored in `ops` (one buffer per level, written by `coarsen` of the level above; the finest
// level's is recomputed from the state instead, mgfine.wgsl). Bindings: src/gpu/kernels.ts
// multigridTable.
//!include mgcoarse.bindings
//!include multigrid.wgsl

fn opAt(i: u32, j: u32) -> CellOp {
  return ops[at(i, j) - L.offset];
}

// The face on the left of e (below n) is the one on the right of (above) me.
fn eastFace(me: u32, e: u32) -> vec4f {
  return ops[e - L.offset].gx;
}

fn northFace(me: u32, n: u32) -> vec4f {
  return ops[n - L.offset].gy;
}

fn fluidAt(me: u32) -> bool {
  return ops[me - L.offset].count != 0.0;
}
