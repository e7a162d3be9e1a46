// The four faces of a cell, read from the current state. Expects the including shader to declare
// the `cellKind` storage array and `fn loadState(idx: u32) -> vec2f`, the state (T - T0, c - c0)
// of cell idx (a plain read of the field buffers, or Y0 + dY for an RKL2 stage).
//!include fluxes.wgsl
//!include reaction.wgsl

// The potential phi [V] of cell idx: with ions its float32 bits follow the kinds in the cell kind
// buffer (src/gpu/ions.ts); 0 without (neutral kernels, IONS false: no load at all).
fn phiAt(idx: u32) -> f32 {
  if (!IONS) {
    return 0.0;
  }
  return select(0.0, bitcast<f32>(cellKind[P.ions * P.nx * P.ny + idx]), P.ions != 0u);
}

// phi_wall - phi_cell outwards through wall `dir` of a cell at potential phi [V]: the wall's
// voltage at a voltage wall, else 0 (insulating: zero normal gradient).
fn wallDrop(dir: u32, phi: f32) -> f32 {
  return select(0.0, P.wallPhi[dir] - phi, P.voltageWall[dir] != 0u);
}

fn cellIndexOf(i: u32, j: u32) -> u32 {
  return j * P.nx + i;
}

// Flat cell index of this invocation for a 1-D dispatch of FLAT_WG-wide workgroups over nx*ny
// cells, folded into two dimensions where the count exceeds one dimension's limit.
fn flatIndex(gid: vec3u, nwg: vec3u) -> u32 {
  return gid.x + gid.y * nwg.x * FLAT_WG;
}

// Bit d set: face d (0 left, 1 right, 2 bottom, 3 top) of cell (i, j) is a wall (not periodic).
fn wallMask(i: u32, j: u32) -> u32 {
  var m = 0u;
  if (P.periodicX == 0u) {
    m |= select(0u, 1u, i == 0u) | select(0u, 2u, i == P.nx - 1u);
  }
  if (P.periodicY == 0u) {
    m |= select(0u, 4u, j == 0u) | select(0u, 8u, j == P.ny - 1u);
  }
  return m;
}

// The next wall of a wall mask (wallMask; its lowest set bit: 0 left, 1 right, 2 bottom, 3 top),
// cleared from the mask: `while (walls != 0u) { let d = nextWall(&walls); ... }` visits each
// wall once, and a cell no wall touches runs the loop zero times.
fn nextWall(walls: ptr<function, u32>) -> u32 {
  let d = firstTrailingBit(*walls);
  *walls &= *walls - 1u;
  return d;
}

// Outward flux through face `dir` to the neighbouring cell (wrapping across periodic seams).
// An interior face is always evaluated as faceFlux(left or lower cell, right or upper cell), so
// both neighbours compute the same number and solute and energy are conserved. Meaningless for a
// wall face (see wallFace).
fn neighbourFace(i: u32, j: u32, dir: u32, u: f32, v: f32) -> Flux {
  var ni = i;
  var nj = j;
  if (dir == 0u) {
    ni = select(i - 1u, P.nx - 1u, i == 0u);
  } else if (dir == 1u) {
    ni = select(i + 1u, 0u, i == P.nx - 1u);
  } else if (dir == 2u) {
    nj = select(j - 1u, P.ny - 1u, j == 0u);
  } else {
    nj = select(j + 1u, 0u, j == P.ny - 1u);
  }
  let h = select(P.hy, P.hx, dir < 2u);
  let idx = cellIndexOf(i, j);
  let nidx = cellIndexOf(ni, nj);
  let sn = loadState(nidx);
  let un = sn.x;
  let vn = sn.y;
  let lower = dir == 0u || dir == 2u;
  let dphi = select(phiAt(nidx) - phiAt(idx), phiAt(idx) - phiAt(nidx), lower);
  let f = faceFlux(select(u, un, lower), select(v, vn, lower), select(un, u, lower), select(vn, v, lower), h, dphi);
  if (nidx == idx || cellKind[nidx] == CELL_SOLID) {
    return Flux(0.0, 0.0, 0.0, 0.0);
  }
  let sign = select(1.0, -1.0, lower);
  return Flux(sign * f.J1, sign * f.Jq, f.sigma, f.joule);
}

// Outward flux through the half-face (distance h/2) between cell (u, v) at potential phi and wall
// `dir` (a closed wall's Joule heating is 0: no current).
fn wallFace(dir: u32, u: f32, v: f32, phi: f32) -> Flux {
  let d = 0.5 * select(P.hy, P.hx, dir < 2u);
  let dphi = wallDrop(dir, phi);
  let ws = wallState(dir, u, v, d, dphi);
  let f = faceFlux(u, v, ws.uw, ws.vw, d, dphi);
  return Flux(select(f.J1, 0.0, ws.closed), select(f.Jq, ws.heatOut, ws.fixedHeat), f.sigma, select(f.joule, 0.0, ws.closed));
}

// The four outward face fluxes of fluid cell (i, j). Wall faces are done in a loop over the
// cell's wall bits, whose trip count is 0 for interior cells: a CPU WebGPU (SwiftShader) runs
// masked-off branches but skips a loop no lane enters.
fn cellFaces(i: u32, j: u32, u: f32, v: f32) -> array<Flux, 4> {
  var f = array<Flux, 4>(
    neighbourFace(i, j, 0u, u, v),
    neighbourFace(i, j, 1u, u, v),
    neighbourFace(i, j, 2u, u, v),
    neighbourFace(i, j, 3u, u, v),
  );
  var walls = wallMask(i, j);
  while (walls != 0u) {
    let d = nextWall(&walls);
    f[d] = wallFace(d, u, v, phiAt(cellIndexOf(i, j)));
  }
  return f;
}

// Kernels compiled with HEAT_SOURCES = false (the stencil kernels of a scenario without heat
// sources: src/gpu/specialise.ts) skip the source table lookup (a per-lane indexed uniform read).
override HEAT_SOURCES: bool = true;

// Volumetric heat source of a fluid cell kind [W/m^3].
fn sourceOf(kind: u32) -> f32 {
  return P.sources[kind / 4u][kind % 4u];
}

fn isFiniteBits(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}
