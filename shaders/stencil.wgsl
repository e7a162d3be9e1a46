// The four faces of a cell, read from the current state. Expects the including shader to declare
// `uIn`, `vIn` (T - T0, c - c0) and `cellKind` storage arrays.
//!include fluxes.wgsl

fn cellIndexOf(i: u32, j: u32) -> u32 {
  return j * P.nx + i;
}

// Flat cell index of this invocation for a 1-D dispatch of 256-wide workgroups over nx*ny cells,
// folded into two dimensions where the count exceeds one dimension's limit.
fn flatIndex(gid: vec3u, nwg: vec3u) -> u32 {
  return gid.x + gid.y * nwg.x * 256u;
}

// Outward flux from cell (i, j) through face `dir` (0 left, 1 right, 2 bottom, 3 top).
// An interior face is always evaluated as faceFlux(left or lower cell, right or upper cell), so
// both neighbours compute the same number and solute and energy are conserved.
fn faceOut(i: u32, j: u32, dir: u32, u: f32, v: f32) -> Flux {
  var ni = i;
  var nj = j;
  var edge = false;
  var periodic = false;
  if (dir == 0u) {
    edge = i == 0u;
    periodic = P.periodicX != 0u;
    ni = select(i - 1u, P.nx - 1u, edge);
  } else if (dir == 1u) {
    edge = i == P.nx - 1u;
    periodic = P.periodicX != 0u;
    ni = select(i + 1u, 0u, edge);
  } else if (dir == 2u) {
    edge = j == 0u;
    periodic = P.periodicY != 0u;
    nj = select(j - 1u, P.ny - 1u, edge);
  } else {
    edge = j == P.ny - 1u;
    periodic = P.periodicY != 0u;
    nj = select(j + 1u, 0u, edge);
  }
  let h = select(P.hy, P.hx, dir < 2u);
  if (edge && !periodic) {
    return wallFlux(dir, u, v, 0.5 * h);
  }
  let idx = cellIndexOf(i, j);
  let nidx = cellIndexOf(ni, nj);
  if (nidx == idx || cellKind[nidx] == CELL_SOLID) {
    return Flux(0.0, 0.0, 0.0);
  }
  let un = uIn[nidx];
  let vn = vIn[nidx];
  if (dir == 0u || dir == 2u) {
    let f = faceFlux(un, vn, u, v, h);
    return Flux(-f.J1, -f.Jq, f.sigma);
  }
  return faceFlux(u, v, un, vn, h);
}

// Volumetric heat source of a fluid cell kind [W/m^3].
fn sourceOf(kind: u32) -> f32 {
  return P.sources[kind / 4u][kind % 4u];
}

fn isFiniteBits(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}
