// A brush dab on one stored field (T - T0 [K] or c - c0 [-]), in place: cells whose centres lie
// inside the ellipse (cx, cy, rx, ry in cell units) are raised to at least `value` (mode 0) or
// lowered to at most `value` (mode 1). Solid cells are left alone by the solver anyway.

struct BrushParams {
  nx: u32,
  ny: u32,
  mode: u32,
  pad: u32,
  cx: f32,
  cy: f32,
  rx: f32,
  ry: f32,
  value: f32,
}

@group(0) @binding(0) var<uniform> B: BrushParams;
@group(0) @binding(1) var<storage, read_write> field: array<f32>;

@compute @workgroup_size(16, 16)
fn dab(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= B.nx || gid.y >= B.ny) {
    return;
  }
  let dx = (f32(gid.x) + 0.5 - B.cx) / B.rx;
  let dy = (f32(gid.y) + 0.5 - B.cy) / B.ry;
  if (dx * dx + dy * dy > 1.0) {
    return;
  }
  let idx = gid.y * B.nx + gid.x;
  let x = field[idx];
  field[idx] = select(min(x, B.value), max(x, B.value), B.mode == 0u);
}
