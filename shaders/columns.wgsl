// The flux-form operator, marched up columns: each invocation updates the cells (i, j0 ..
// j0 + ROWS - 1) of its columns (a 2-D dispatch gives i and j0, no div/mod). The face below a
// cell is the face above the previous one, carried in registers, so each y-face of a strip is
// evaluated once and each cell's state (clamped c, T: CellState) is formed once per column step;
// no sigma in the stepping kernels (the entropy march evaluates three faces per cell, the
// stepping march over MARCH_COLUMNS columns 2.25).
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
  while (walls != 0u) {
    let d = nextWall(&walls);
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

// A march up four adjacent columns i .. i + 3 (MARCH_COLUMNS): per row five x-faces (left of the
// first, three between, right of the last) and four y-faces (above each), so 2.25 faces and 1.5
// neighbour loads per cell (two columns: 2.5 and 2; on SwiftShader each storage load is a
// per-lane gather, which costs as much as the face arithmetic), each face evaluated once within
// the strip. Columns are wrapped (mod nx): where the four pass the grid's last column they are
// its seam neighbours, read for the seam face and never written. No arrays: four named cells.
struct March {
  // The first column (not wrapped; < nx while the march is inside) and the wrapped columns of
  // the other three, the left neighbour and the right neighbour.
  i: u32,
  i1: u32,
  i2: u32,
  i3: u32,
  iL: u32,
  iR: u32,
  j: u32,
  end: u32,
  n0: Neighbour,
  n1: Neighbour,
  n2: Neighbour,
  n3: Neighbour,
  // The fluxes through the faces below the four current cells.
  below0: vec3f,
  below1: vec3f,
  below2: vec3f,
  below3: vec3f,
  // (1 / hx, 1 / hy) [1/m].
  inv: vec2f,
}

// Strip `strip` (ROWS rows) of column group `gx` (columns MARCH_COLUMNS gx ..).
fn marchStart(gx: u32, strip: u32) -> March {
  let nx = P.nx;
  let i = MARCH_COLUMNS * gx;
  let i0 = min(i, nx - 1u);
  let i1 = (i0 + 1u) % nx;
  let i2 = (i0 + 2u) % nx;
  let i3 = (i0 + 3u) % nx;
  let j = strip * ROWS;
  let jc = min(j, P.ny - 1u);
  let jb = select(jc - 1u, P.ny - 1u, jc == 0u);
  let row = jc * nx;
  let down = jb * nx;
  let n0 = neighbourAt(row + i0);
  let n1 = neighbourAt(row + i1);
  let n2 = neighbourAt(row + i2);
  let n3 = neighbourAt(row + i3);
  let inv = vec2f(1.0 / P.hx, 1.0 / P.hy);
  return March(
    i, i1, i2, i3, (i0 + nx - 1u) % nx, (i0 + 4u) % nx, j, min(j + ROWS, P.ny), n0, n1, n2, n3,
    fluxBetween(neighbourAt(down + i0), n0, inv.y),
    fluxBetween(neighbourAt(down + i1), n1, inv.y),
    fluxBetween(neighbourAt(down + i2), n2, inv.y),
    fluxBetween(neighbourAt(down + i3), n3, inv.y),
    inv,
  );
}

fn marchInside(m: March) -> bool {
  return m.i < P.nx && m.j < m.end;
}

// The march's four current cells (`owned` false past the grid), and the march moved up one row.
struct MarchRate {
  c0: CellRate,
  c1: CellRate,
  c2: CellRate,
  c3: CellRate,
}

fn marchCell(m: March, k: u32, n: Neighbour, rate: vec2f) -> CellRate {
  let i = m.i + k;
  return CellRate(m.j * P.nx + i, n.kind, vec2f(n.s.u, n.s.v), n.d, rate, i < P.nx && wallMask(i, m.j) == 0u);
}

fn marchRate(p: ptr<function, March>) -> MarchRate {
  let m = *p;
  let row = m.j * P.nx;
  let jt = select(m.j + 1u, 0u, m.j + 1u == P.ny);
  let up = jt * P.nx;
  let left = neighbourAt(row + m.iL);
  let right = neighbourAt(row + m.iR);
  let t0 = neighbourAt(up + m.i);
  let t1 = neighbourAt(up + m.i1);
  let t2 = neighbourAt(up + m.i2);
  let t3 = neighbourAt(up + m.i3);
  let ix = m.inv.x;
  let iy = m.inv.y;
  let x0 = fluxBetween(left, m.n0, ix);
  let x1 = fluxBetween(m.n0, m.n1, ix);
  let x2 = fluxBetween(m.n1, m.n2, ix);
  let x3 = fluxBetween(m.n2, m.n3, ix);
  let x4 = fluxBetween(m.n3, right, ix);
  let y0 = fluxBetween(m.n0, t0, iy);
  let y1 = fluxBetween(m.n1, t1, iy);
  let y2 = fluxBetween(m.n2, t2, iy);
  let y3 = fluxBetween(m.n3, t3, iy);
  let out = MarchRate(
    marchCell(m, 0u, m.n0, rateOf(m.n0.kind, -x0, x1, -m.below0, y0, m.inv)),
    marchCell(m, 1u, m.n1, rateOf(m.n1.kind, -x1, x2, -m.below1, y1, m.inv)),
    marchCell(m, 2u, m.n2, rateOf(m.n2.kind, -x2, x3, -m.below2, y2, m.inv)),
    marchCell(m, 3u, m.n3, rateOf(m.n3.kind, -x3, x4, -m.below3, y3, m.inv)),
  );
  (*p).j += 1u;
  (*p).n0 = t0;
  (*p).n1 = t1;
  (*p).n2 = t2;
  (*p).n3 = t3;
  (*p).below0 = y0;
  (*p).below1 = y1;
  (*p).below2 = y2;
  (*p).below3 = y3;
  return out;
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
  while (walls != 0u) {
    let d = nextWall(&walls);
    let ws = wallFace(d, cur.cell.s.u, cur.cell.s.v, cur.cell.phi).sigma;
    f = select(f, vec4f(ws), vec4<bool>(d == 0u, d == 1u, d == 2u, d == 3u));
  }
  columnAdvance(c, a, vec2f(top, 0.0));
  let sigma = select(0.5 * (f.x + f.y + f.z + f.w) + sigmaChemOf(cur.cell.s.u, cur.cell.s.v), 0.0, cur.kind == CELL_SOLID);
  return CellSigma(a.idx, sigma);
}
