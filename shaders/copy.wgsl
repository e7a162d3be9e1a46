// Bandwidth reference for the benchmark: moves the bytes one step moves (three 4-byte arrays read,
// three written per cell) with no arithmetic.

struct CopyParams {
  count: u32,
}

@group(0) @binding(0) var<uniform> C: CopyParams;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read> k: array<u32>;
@group(0) @binding(4) var<storage, read_write> x: array<f32>;
@group(0) @binding(5) var<storage, read_write> y: array<f32>;
@group(0) @binding(6) var<storage, read_write> z: array<f32>;

@compute @workgroup_size(256)
fn copy(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = gid.x + gid.y * nwg.x * 256u;
  if (idx >= C.count) {
    return;
  }
  x[idx] = a[idx];
  y[idx] = b[idx];
  z[idx] = bitcast<f32>(k[idx]);
}
