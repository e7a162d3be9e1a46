// The flux-form operator, marched up a column: each invocation updates the cells (i, j0 ..
// j0 + ROWS - 1) of one column (a 2-D dispatch gives i and j0, no div/mod). The face below a
// cell is the face above the previous one, carried in registers, so each y-face of a strip is
// evaluated once and each cell's state (clamped c, T: CellState) is formed once per column step;
// per cell three faces are evaluated (left, right, top) instead of four, and no sigma.
// No barriers and no workgroup memory (SwiftShader, a CPU WebGPU, runs kernels with barriers as
// coroutines, many times slower), no runtime-indexed local arrays. Wall faces replace the
// domain-edge faces in a loop over the cell's wall bits, whose trip count is 0 inside the domain:
// SwiftShader executes masked-off `if` branches but skips a loop no lane enters.
// Expects the including shader to declare `cellKind` and `fn loadCell(idx: u32) -> Loaded` (and
// `loadState` for stencil.wgsl as `loadCell(idx).y`).
//!include stencil.wgsl

// A cell's state as the march loads it: y = (T - T0, c - c0), and the increment d it was formed
// from (an RKL2 stage's dY_{j-1}, which the cell's own update reuses instead of loading it again;
// zero for the Euler step).
struct Loaded {
  y: vec2f,
  d: vec2f,
}

// A neighbour as a face reads it (phi: its potential [V], 0 without ions; kind: its cell kind,
// kept so the march loads each cell's kind once; d: Loaded.d, kept for the same reason).
struct Neighbour {
  s: CellState,
  solid: bool,
  phi: f32,
  kind: u32,
  d: vec2f,
}

// Kernels compiled with SOLIDS = false (the stencil kernels of a scenario without obstacles:
// src/gpu/specialise.ts) skip the solid tests; without heat sources as well they load no cell kind.
override SOLIDS: bool = true;

fn neighbourAt(idx: u32) -> Neighbour {
  let y = loadCell(idx);
  var kind = 0u; // a fluid kind (read only by the solid tests and the heat-source lookup)
  if (SOLIDS || HEAT_SOURCES) {
    kind = cellKind[idx];
  }
  return Neighbour(cellState(y.y.x, y.y.y), SOLIDS && kind == CELL_SOLID, phiAt(idx), kind, y.d);
}

// (J1, Jq) from a to b and the face's Joule heating density (z, orientation-free), zero across a solid.
fn fluxBetween(a: Neighbour, b: Neighbour, invD: f32) -> vec3f {
  let dphi = b.phi - a.phi;
  let j = faceFluxOf(a.s, b.s, invD, dphi);
  var joule = 0.0;
  if (IONS) {
    joule = -P.chargePerMass * j.x * dphi * invD;
  }
  return select(vec3f(j, joule), vec3f(0.0), a.solid || b.solid);
}

fn entropyBetween(a: Neighbour, b: Neighbour, d: f32) -> f32 {
  return select(faceEntropyOf(a.s, b.s, d, b.phi - a.phi), 0.0, a.solid || b.solid);
}

// The entropy march up one column: the current cell (i, j), its kind and state, and the entropy
// production of the face below it (in .x).
struct Column {
  i: u32,
  j: u32,
  // Last row of this strip + 1 (clamped to ny).
  end: u32,
  kind: u32,
  cell: Neighbour,
  below: vec2f,
}

// Strip `strip` (ROWS rows) of column i: the first cell and the face below it.
fn columnStart(i: u32, strip: u32) -> Column {
  let j = strip * ROWS;
  let jc = min(j, P.ny - 1u);
  let idx = jc * P.nx + min(i, P.nx - 1u);
  let jb = select(jc - 1u, P.ny - 1u, jc == 0u);
  let below = neighbourAt(jb * P.nx + min(i, P.nx - 1u));
  let cell = neighbourAt(idx);
  let face = vec2f(entropyBetween(below, cell, P.hy), 0.0);
  return Column(i, j, min(j + ROWS, P.ny), cellKind[idx], cell, face);
}

fn columnInside(c: Column) -> bool {
  return c.i < P.nx && c.j < c.end;
}

// The left, right and top neighbours of the current cell and its flat index.
struct Around {
  idx: u32,
  left: Neighbour,
  right: Neighbour,
  top: Neighbour,
  topIdx: u32,
}

fn around(c: Column) -> Around {
  let row = c.j * P.nx;
  let il = select(c.i - 1u, P.nx - 1u, c.i == 0u);
  let ir = select(c.i + 1u, 0u, c.i + 1u == P.nx);
  let jt = select(c.j + 1u, 0u, c.j + 1u == P.ny);
  let topIdx = jt * P.nx + c.i;
  return Around(row + c.i, neighbourAt(row + il), neighbourAt(row + ir), neighbourAt(topIdx), topIdx);
}

// Moves the march to the cell above, whose face below is `top`.
fn columnAdvance(c: ptr<function, Column>, a: Around, top: vec2f) {
  (*c).j += 1u;
  (*c).cell = a.top;
  (*c).kind = cellKind[a.topIdx];
  (*c).below = top;
}

// The rate of change of a fluid cell from its outward face fluxes (J1, Jq) through the left,
// right, bottom and top faces: (rho cp dT/dt [W/m^3], rho dc/dt [kg/(m^3 s)]). Their z is the
// faces' Joule heating density, negated on the left and bottom faces with the fluxes (w = -fL):
// half of each face's goes to the cell. inv = (1 / hx, 1 / hy) [1/m], formed once per invocation.
fn rateOf(kind: u32, w: vec3f, e: vec3f, s: vec3f, n: vec3f, inv: vec2f) -> vec2f {
  let div = (e.xy + w.xy) * inv.x + (n.xy + s.xy) * inv.y;
  var q = 0.0;
  if (HEAT_SOURCES) {
    q = sourceOf(kind);
  }
  if (IONS) {
    q += 0.5 * (e.z + n.z - w.z - s.z);
  }
  return vec2f(q - div.y, -div.x);
}

// As rateOf, wall faces replacing the domain-edge ones (edge cells only).
fn walledRate(cell: Neighbour, kind: u32, i: u32, j: u32, wIn: vec3f, eIn: vec3f, sIn: vec3f, nIn: vec3f) -> vec2f {
  var w = wIn;
  var e = eIn;
  var s = sIn;
  var n = nIn;
  var walls = wallMask(i, j);
  loop {
    if (walls == 0u) {
      break;
    }
    let d = firstTrailingBit(walls);
    walls &= walls - 1u;
    let wf = wallFace(d, cell.s.u, cell.s.v, cell.phi);
    // Outward fluxes; the Joule density with the sign rateOf undoes on the left and bottom.
    let o = vec3f(wf.J1, wf.Jq, select(wf.joule, -wf.joule, d == 0u || d == 2u));
    w = select(w, o, d == 0u);
    e = select(e, o, d == 1u);
    s = select(s, o, d == 2u);
    n = select(n, o, d == 3u);
  }
  return rateOf(kind, w, e, s, n, vec2f(1.0 / P.hx, 1.0 / P.hy));
}

// One cell's update: flat index, kind, state (T - T0, c - c0), its increment (Loaded.d), rate
// (rateOf), and whether this kernel owns the cell (the column march owns the cells no wall
// touches, the edge kernel the rest).
struct CellRate {
  idx: u32,
  kind: u32,
  y: vec2f,
  d: vec2f,
  rate: vec2f,
  owned: bool,
}

// Edge slot k: the bottom row, the top row, then the left and right columns without their
// corners, each edge cell exactly once (the RKL2 stages update in place, so no cell may be taken
// twice), fewer than 2 (nx + ny) slots. Its rate with wall faces; owned where a wall touches the
// cell. The domain-edge faces of a cell are evaluated here and only here (no wall code in the
// column march: SwiftShader pays for the wall code of a loop even where no lane enters it).
fn edgeRate(slot: u32) -> CellRate {
  let nx = P.nx;
  let ny = P.ny;
  let nTop = select(0u, nx, ny > 1u);
  let nSide = max(ny, 2u) - 2u;
  let nRight = select(0u, nSide, nx > 1u);
  let k = slot;
  var i = 0u;
  var j = 0u;
  if (k < nx) {
    i = k;
  } else if (k < nx + nTop) {
    i = k - nx;
    j = ny - 1u;
  } else if (k < nx + nTop + nSide) {
    j = k - nx - nTop + 1u;
  } else {
    i = nx - 1u;
    j = min(k - nx - nTop - nSide + 1u, ny - 1u);
  }
  let inRange = slot < nx + nTop + nSide + nRight;
  let idx = j * nx + i;
  let c = neighbourAt(idx);
  let il = select(i - 1u, nx - 1u, i == 0u);
  let ir = select(i + 1u, 0u, i + 1u == nx);
  let jb = select(j - 1u, ny - 1u, j == 0u);
  let jt = select(j + 1u, 0u, j + 1u == ny);
  let ix = 1.0 / P.hx;
  let iy = 1.0 / P.hy;
  let w = -fluxBetween(neighbourAt(j * nx + il), c, ix);
  let e = fluxBetween(c, neighbourAt(j * nx + ir), ix);
  let s = -fluxBetween(neighbourAt(jb * nx + i), c, iy);
  let n = fluxBetween(c, neighbourAt(jt * nx + i), iy);
  let kind = cellKind[idx];
  let owned = inRange && wallMask(i, j) != 0u;
  return CellRate(idx, kind, vec2f(c.s.u, c.s.v), c.d, walledRate(c, kind, i, j, w, e, s, n), owned);
}

// A march up two adjacent columns a = (i, j), b = (i + 1, j): per row three x-faces (left of a,
// between, right of b) and two y-faces (above a and b), 2.5 faces per cell, each evaluated once
// within the pair. `iL`, `iB`, `iR` are the wrapped columns of the left neighbour, b and the right
// neighbour (b wraps onto column 0 when nx is odd: then it is the seam neighbour, never written).
struct Pair {
  i: u32,
  iL: u32,
  iB: u32,
  iR: u32,
  j: u32,
  end: u32,
  a: Neighbour,
  b: Neighbour,
  kindA: u32,
  kindB: u32,
  belowA: vec3f,
  belowB: vec3f,
  // (1 / hx, 1 / hy) [1/m].
  inv: vec2f,
}

// Strip `strip` (ROWS rows) of column pair `gx` (columns 2 gx, 2 gx + 1).
fn pairStart(gx: u32, strip: u32) -> Pair {
  let i = 2u * gx;
  let ia = min(i, P.nx - 1u);
  let iL = (ia + P.nx - 1u) % P.nx;
  let iB = (ia + 1u) % P.nx;
  let iR = (ia + 2u) % P.nx;
  let j = strip * ROWS;
  let jc = min(j, P.ny - 1u);
  let jb = select(jc - 1u, P.ny - 1u, jc == 0u);
  let a = neighbourAt(jc * P.nx + ia);
  let b = neighbourAt(jc * P.nx + iB);
  let inv = vec2f(1.0 / P.hx, 1.0 / P.hy);
  let belowA = fluxBetween(neighbourAt(jb * P.nx + ia), a, inv.y);
  let belowB = fluxBetween(neighbourAt(jb * P.nx + iB), b, inv.y);
  return Pair(i, iL, iB, iR, j, min(j + ROWS, P.ny), a, b, a.kind, b.kind, belowA, belowB, inv);
}

fn pairInside(p: Pair) -> bool {
  return p.i < P.nx && p.j < p.end;
}

// The pair's current cells (b's `owned` is false past the grid), and the march moved up one row.
struct PairRate {
  a: CellRate,
  b: CellRate,
}

fn pairRate(p: ptr<function, Pair>) -> PairRate {
  let c = *p;
  let row = c.j * P.nx;
  let jt = select(c.j + 1u, 0u, c.j + 1u == P.ny);
  let up = jt * P.nx;
  let left = neighbourAt(row + c.iL);
  let right = neighbourAt(row + c.iR);
  let topA = neighbourAt(up + c.i);
  let topB = neighbourAt(up + c.iB);
  let ix = c.inv.x;
  let iy = c.inv.y;
  let fL = fluxBetween(left, c.a, ix);
  let fAB = fluxBetween(c.a, c.b, ix);
  let fR = fluxBetween(c.b, right, ix);
  let fA = fluxBetween(c.a, topA, iy);
  let fB = fluxBetween(c.b, topB, iy);
  let rateA = rateOf(c.kindA, -fL, fAB, -c.belowA, fA, c.inv);
  let rateB = rateOf(c.kindB, -fAB, fR, -c.belowB, fB, c.inv);
  (*p).j += 1u;
  (*p).a = topA;
  (*p).b = topB;
  (*p).kindA = topA.kind;
  (*p).kindB = topB.kind;
  (*p).belowA = fA;
  (*p).belowB = fB;
  let a = CellRate(row + c.i, c.kindA, vec2f(c.a.s.u, c.a.s.v), c.a.d, rateA, wallMask(c.i, c.j) == 0u);
  let b = CellRate(row + c.i + 1u, c.kindB, vec2f(c.b.s.u, c.b.s.v), c.b.d, rateB, c.i + 1u < P.nx && wallMask(c.i + 1u, c.j) == 0u);
  return PairRate(a, b);
}

struct CellSigma {
  idx: u32,
  sigma: f32,
}

// Entropy production of the current cell (half the sum of its faces'), and the march moved up.
fn columnSigma(c: ptr<function, Column>) -> CellSigma {
  let cur = *c;
  let a = around(cur);
  let top = entropyBetween(cur.cell, a.top, P.hy);
  var f = vec4f(entropyBetween(a.left, cur.cell, P.hx), entropyBetween(cur.cell, a.right, P.hx), cur.below.x, top);
  var walls = wallMask(cur.i, cur.j);
  loop {
    if (walls == 0u) {
      break;
    }
    let d = firstTrailingBit(walls);
    walls &= walls - 1u;
    let ws = wallFace(d, cur.cell.s.u, cur.cell.s.v, cur.cell.phi).sigma;
    f = select(f, vec4f(ws), vec4<bool>(d == 0u, d == 1u, d == 2u, d == 3u));
  }
  columnAdvance(c, a, vec2f(top, 0.0));
  let sigma = select(0.5 * (f.x + f.y + f.z + f.w) + sigmaChemOf(cur.cell.s.u, cur.cell.s.v), 0.0, cur.kind == CELL_SOLID);
  return CellSigma(a.idx, sigma);
}
