// One forward-Euler step of T - T0 and c - c0 in flux form, and the entropy production sigma of
// the state it starts from (physics.md sections 3-4). Fields are ping-ponged: in -> out.
//!include tendency.wgsl
//!include status.wgsl

@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, read> uIn: array<f32>;
@group(0) @binding(2) var<storage, read> vIn: array<f32>;
@group(0) @binding(3) var<storage, read_write> uOut: array<f32>;
@group(0) @binding(4) var<storage, read_write> vOut: array<f32>;
@group(0) @binding(5) var<storage, read_write> sigmaOut: array<f32>;
@group(0) @binding(6) var<storage, read> cellKind: array<u32>;
@group(0) @binding(7) var<storage, read_write> status: Status;
@group(1) @binding(0) var<uniform> slot: StepSlot;

fn loadState(idx: u32) -> vec2f {
  return vec2f(uIn[idx], vIn[idx]);
}

@compute @workgroup_size(256)
fn step(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  let i = idx % P.nx;
  let j = idx / P.nx;
  let kind = cellKind[idx];
  let u = uIn[idx];
  let v = vIn[idx];
  if (kind == CELL_SOLID) {
    uOut[idx] = u;
    vOut[idx] = v;
    sigmaOut[idx] = 0.0;
    return;
  }
  let t = tendency(i, j, kind, u, v);
  let un = u + P.aT * t.du;
  let vn = v + P.aC * t.dv;
  let sg = t.sigma;
  uOut[idx] = un;
  vOut[idx] = vn;
  sigmaOut[idx] = sg;
  // sg describes the state this step starts from (step number - 1); un, vn the one it makes.
  let stepNumber = P.stepBase + slot.index;
  if (!isFiniteBits(sg)) {
    atomicMin(&status.firstNonFiniteStep, stepNumber - 1u);
  }
  if (!isFiniteBits(un) || !isFiniteBits(vn)) {
    atomicMin(&status.firstNonFiniteStep, stepNumber);
  }
}

// sigma of the current state alone (before readback and reductions).
@compute @workgroup_size(256)
fn entropy(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  let i = idx % P.nx;
  let j = idx / P.nx;
  if (cellKind[idx] == CELL_SOLID) {
    sigmaOut[idx] = 0.0;
    return;
  }
  let u = uIn[idx];
  let v = vIn[idx];
  let f = cellFaces(i, j, u, v);
  sigmaOut[idx] = 0.5 * (f[0].sigma + f[1].sigma + f[2].sigma + f[3].sigma);
}
