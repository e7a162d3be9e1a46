// Copies one planar f32 field (row-major, row 0 at the bottom) into an r32float storage texture
// for display: texel (i, j) holds cell (i, j). Values are copied as stored (T - T0 [K], c - c0 [-],
// sigma [W K^-1 m^-3]); the colormap and its range are applied when the texture is drawn.

struct DisplayParams {
  nx: u32,
  ny: u32,
}

@group(0) @binding(0) var<uniform> D: DisplayParams;
@group(0) @binding(1) var<storage, read> field: array<f32>;
@group(0) @binding(2) var outTex: texture_storage_2d<r32float, write>;

@compute @workgroup_size(16, 16)
fn toTexture(@builtin(global_invocation_id) gid: vec3u) {
  if (gid.x >= D.nx || gid.y >= D.ny) {
    return;
  }
  textureStore(outTex, vec2u(gid.x, gid.y), vec4f(field[gid.y * D.nx + gid.x], 0.0, 0.0, 1.0));
}
