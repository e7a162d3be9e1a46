// The implicit scheme on the finest level (src/physics/implicit.ts is the float64 mirror):
// the BDF weights of a step, the residual R(Y) = M (a0 Y - a1 Y^n + a2 Y^{n-1}) / dt - tend(Y)
// (its linearisation in (T, logit c), level 0's operator, is mgfine.wgsl's), residual norms and
// sums, the projections that keep closed totals (the jump's and time steps'), and the update
// T += x_T, c += c(1-c) x_z. Fields are updated in place (no kernel here reads a neighbour of what
// it writes).
//!include tendency.wgsl
//!include status.wgsl

// Bindings: src/gpu/kernels.ts implicitTable. The residual sums over fluid cells (slots:
// kernels.ts implicitSlots, reduced by reduction.wgsl): b_T^2, b_c^2; scale_T^2, scale_c^2;
// b_T, b_c; x_T, g x_z; fluid cells; g; u, v (g = c(1-c), the change of c per unit x_z);
// the round-off bounds^2; Yb's u, v (the kept totals' base, projectCorrection); the balance
// scale and its round-off bound (sums, not squares).
// MAX_LOGIT_STEP, JUMP_RELAX and RELAXED_T_STEP (src/physics/implicit.ts) come with the prelude.
//!include implicit.slots
//!include implicit.bindings
//!include reduction.wgsl

fn loadState(idx: u32) -> vec2f {
  return vec2f(uIn[idx], vIn[idx]);
}

// Writes a state (T - T0, c - c0) back into the field buffers loadState reads.
fn storeState(idx: u32, y: vec2f) {
  uIn[idx] = y.x;
  vIn[idx] = y.y;
}

// Start of a step: Yb from Y^n (= the current state) and Y^{n-1}; then Y^{n-1} := Y^n.
@compute @workgroup_size(FLAT_WG)
fn beginStep(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  let y = loadState(idx);
  yb[idx] = select(y, (S.a1 * y - S.a2 * yPrev[idx]) / S.a0, S.bdf2 != 0u);
  yPrev[idx] = y;
}

// A BDF2 step retaken as backward Euler (src/physics/implicit.ts retakeAsBackwardEuler): the
// state back to the step's start Y^n, which beginStep kept in yPrev.
@compute @workgroup_size(FLAT_WG)
fn restoreStart(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  storeState(idx, yPrev[idx]);
}

// A substep of a step retaken as substeps (src/physics/implicit.ts SubstepPlan): backward Euler
// from the current state, Yb := Y; Y^n stays in yPrev (a step that fails even as substeps returns
// there, restoreStart).
@compute @workgroup_size(FLAT_WG)
fn beginSubstep(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  yb[idx] = loadState(idx);
}

// A substep that did not converge: the state back to its start, kept in yb by beginSubstep.
@compute @workgroup_size(FLAT_WG)
fn restoreSubstep(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  storeState(idx, yb[idx]);
}

// The right-hand side b = -R(Y), x = 0, and the residual's transport scale. Level 0's operator is
// not stored: the multigrid's finest-level kernels recompute it from the state (mgfine.wgsl).
@compute @workgroup_size(FLAT_WG)
fn assemble(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny) {
    return;
  }
  xs[idx] = vec2f(0.0);
  let kind = cellKind[idx];
  if (kind == CELL_SOLID) {
    bs[idx] = vec2f(0.0);
    scale[2u * idx] = vec4f(0.0);
    scale[2u * idx + 1u] = vec4f(0.0);
    return;
  }
  let i = idx % P.nx;
  let j = idx / P.nx;
  let y = loadState(idx);
  let t = tendency(i, j, kind, y.x, y.y);
  let left = select(select(idx, cellIndexOf(P.nx - 1u, j), P.periodicX != 0u), idx - 1u, i > 0u);
  let right = select(select(idx, cellIndexOf(0u, j), P.periodicX != 0u), idx + 1u, i + 1u < P.nx);
  let below = select(select(idx, cellIndexOf(i, P.ny - 1u), P.periodicY != 0u), idx - P.nx, j > 0u);
  let above = select(select(idx, cellIndexOf(i, 0u), P.periodicY != 0u), idx + P.nx, j + 1u < P.ny);
  // Transport scale: |k dT| and |rho D dc| + |rho D_T c(1-c) dT| (the Soret part, whose round-off
  // sets the mass residual's floor where dc vanishes) of every face, per volume.
  // With ions the Joule heating counts like a source (the whole tendency bounds it) and the drift
  // |rho D c(1-c) zF dphi / (M1 Rg T)| like a transport term (physics/implicit.ts).
  let phi = phiAt(idx);
  var sc = vec2f(abs(sourceOf(kind)) + select(0.0, abs(t.du), P.ions != 0u), 0.0) + abs(reactionSource(y.x, y.y));
  let soret = P.rhoDT * logitSlope(P.c0 + y.y);
  let cc = clampC(P.c0 + y.y);
  let drift = P.rhoD * logitSlope(P.c0 + y.y) * abs(P.chargePerMass) / ((GAS_CONSTANT / (cc * P.M2 + (1.0 - cc) * P.M1)) * max(P.T0 + y.x, T_MIN));
  // The Dufour part of the heat flux per unit dc, |rho D_F Rg T^2| at the cell (physics/implicit.ts).
  let Tc = max(P.T0 + y.x, T_MIN);
  let dufour = abs(P.rhoDF * faceGasFactor(P.c0 + y.y, P.c0 + y.y)) * Tc * Tc;
  let nb = array<u32, 4>(left, right, below, above);
  // The round-off floor's coefficients (F32_EPSILON, physics/implicit.ts): of T in the heat
  // residual, of c and of T in the mass residual; flD of c in the heat residual.
  var fl = vec3f(S.mT, S.mC, 0.0);
  var flD = 0.0;
  // The balance scale (physics/implicit.ts ResidualSums.balance): the terms that do not cancel in
  // a sum over cells (all but the interior faces'), and their floor's coefficients (wl, wlD).
  var bal = sc;
  var wl = vec3f(S.mT, S.mC, 0.0);
  var wlD = 0.0;
  for (var f = 0u; f < 4u; f++) {
    let n = nb[f];
    if (n == idx || cellKind[n] == CELL_SOLID) {
      continue;
    }
    let h = select(P.hy, P.hx, f < 2u);
    let sn = loadState(n);
    fl += vec3f(P.k, P.rhoD, abs(soret)) / (h * h);
    flD += dufour / (h * h);
    sc += vec2f(abs(P.k * (sn.x - y.x)) + dufour * abs(sn.y - y.y), abs(P.rhoD * (sn.y - y.y)) + abs(soret * (sn.x - y.x)) + abs(drift * (phiAt(n) - phi))) / (h * h);
  }
  var walls = wallMask(i, j);
  while (walls != 0u) {
    let d = nextWall(&walls);
    let h = select(P.hy, P.hx, d < 2u);
    let dphi = wallDrop(d, phi);
    let ws = wallState(d, y.x, y.y, 0.5 * h, dphi);
    var wt = vec2f(abs(P.k * (ws.uw - y.x)), 0.0);
    var wc = vec3f(P.k, 0.0, 0.0);
    var wcD = 0.0;
    if (!ws.closed) {
      wc += vec3f(0.0, P.rhoD, abs(soret));
      wcD = dufour;
      wt += vec2f(dufour * abs(ws.vw - y.y), abs(P.rhoD * (ws.vw - y.y)) + abs(soret * (ws.uw - y.x)) + abs(drift * dphi));
    }
    sc += wt / (0.5 * h * h);
    bal += wt / (0.5 * h * h);
    fl += wc / (0.5 * h * h);
    wl += wc / (0.5 * h * h);
    flD += wcD / (0.5 * h * h);
    wlD += wcD / (0.5 * h * h);
  }
  let md = vec2f(S.mT, S.mC) * (y - yb[idx]);
  let r = md - vec2f(t.du, t.dv);
  sc += abs(md);
  bal += abs(md);
  let absT = abs(P.T0 + y.x);
  // Time steps only (the jump's mT is 0; physics/implicit.ts F32_EPSILON).
  let step = select(0.0, F32_EPSILON, S.mT > 0.0);
  // The residual's float32 round-off bound (physics/implicit.ts residualReport), time steps and
  // the jump alike: eps x (the terms' magnitudes, before the floor, + the coefficients x (|T - T0|, |c - c0|)):
  // the evaluation's rounding and that of the stored deviations, whose spacing is eps |deviation|.
  // Every difference (face, time term) is formed from the stored deviations, so |T| and |c| enter
  // only through the coefficients, whose rounding eps x the terms' magnitudes covers (sweep seed
  // 2061 #16: eps |T| x the Soret coefficient at T = 1914 K let a step stop 3e-2 off the CPU's).
  let bound = F32_EPSILON * (sc + vec2f(fl.x * abs(y.x) + flD * abs(y.y), (fl.y * abs(y.y) + fl.z * abs(y.x))));
  // The sum's round-off bound: every term's rounding in this cell's R (sc), and the stored
  // deviations' in the terms that do not cancel (physics/implicit.ts ResidualSums.balanceBound).
  let balBound = F32_EPSILON * (sc + vec2f(wl.x * abs(y.x) + wlD * abs(y.y), (wl.y * abs(y.y) + wl.z * abs(y.x))));
  let absC = abs(P.c0 + y.y);
  sc += step * vec2f(fl.x * absT + flD * absC, fl.y * absC + fl.z * absT);
  bal += step * vec2f(wl.x * absT + wlD * absC, wl.y * absC + wl.z * absT);
  bs[idx] = -r;
  scale[2u * idx] = vec4f(sc, bound);
  scale[2u * idx + 1u] = vec4f(bal, balBound);
}

fn reductionCells() -> u32 {
  return P.nx * P.ny;
}

fn addCell(base: u32, idx: u32) {
  if (cellKind[idx] == CELL_SOLID) {
    return;
  }
  let b = bs[idx];
  let s = scale[2u * idx];
  let sb = scale[2u * idx + 1u];
  let x = xs[idx];
  let v = vIn[idx];
  let g = logitSlope(P.c0 + v);
  acc[base + RES_bT2] += b.x * b.x;
  acc[base + RES_bC2] += b.y * b.y;
  acc[base + RES_scaleT2] += s.x * s.x;
  acc[base + RES_scaleC2] += s.y * s.y;
  acc[base + RES_bT] += b.x;
  acc[base + RES_bC] += b.y;
  acc[base + RES_xT] += x.x;
  acc[base + RES_gxZ] += g * x.y;
  acc[base + RES_fluid] += 1.0;
  acc[base + RES_g] += g;
  acc[base + RES_u] += uIn[idx];
  acc[base + RES_v] += v;
  acc[base + RES_boundT2] += s.z * s.z;
  acc[base + RES_boundC2] += s.w * s.w;
  let ybc = yb[idx];
  acc[base + RES_ybU] += ybc.x;
  acc[base + RES_ybV] += ybc.y;
  acc[base + RES_balanceT] += sb.x;
  acc[base + RES_balanceC] += sb.y;
  acc[base + RES_balanceBoundT] += sb.z;
  acc[base + RES_balanceBoundC] += sb.w;
}

// The residual sums of a time step's start (totals, reduced after its first assembly) kept in
// stepStart: its final residual is compared with them (physics/implicit.ts stepRose).
@compute @workgroup_size(REDUCE_WG)
fn keepStepStart(@builtin(local_invocation_index) lid: u32) {
  for (var q = lid; q < Q; q += REDUCE_WG) {
    stepStart[q] = totals[q];
  }
}

// Removes the fluid mean of b in the channels the jump keeps the totals of.
@compute @workgroup_size(FLAT_WG)
fn projectRhs(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny || cellKind[idx] == CELL_SOLID) {
    return;
  }
  let n = max(totals[RES_fluid], 1.0);
  bs[idx] -= vec2f(select(0.0, totals[RES_bT] / n, S.nullHeat != 0u), select(0.0, totals[RES_bC] / n, S.nullMass != 0u));
}

// Shifts x so that its first-order change of each kept total (sum x_T, sum g x_z) brings the
// total to sum Yb (the jump's start) plus S.heatGain for T (physics/implicit.ts, module header).
@compute @workgroup_size(FLAT_WG)
fn projectCorrection(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny || cellKind[idx] == CELL_SOLID) {
    return;
  }
  let shiftT = (totals[RES_xT] - (totals[RES_ybU] + S.heatGain - totals[RES_u])) / max(totals[RES_fluid], 1.0);
  let shiftZ = (totals[RES_gxZ] - (totals[RES_ybV] - totals[RES_v])) / max(totals[RES_g], 1e-30);
  xs[idx] -= vec2f(select(0.0, shiftT, S.nullHeat != 0u), select(0.0, shiftZ, S.nullMass != 0u));
}

// A time step's state shifted back onto its kept totals (sum u = sum Yb_u + S.heatGain, sum v =
// sum Yb_v; totals reduced from this state): the update's per-cell clip (MAX_LOGIT_STEP) scales
// some cells' corrections and not others, so the shifted correction alone moves a total by what the
// clip removed (physics/implicit.ts keepStepTotals; sweep seed 2090 #91: 1.7e-5 of the solute in 4
// steps near c = 1). T by a constant, c along g = c(1-c) (a constant shift of logit c, to first order).
@compute @workgroup_size(FLAT_WG)
fn keepTotals(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny || cellKind[idx] == CELL_SOLID) {
    return;
  }
  let shiftT = (totals[RES_ybU] + S.heatGain - totals[RES_u]) / max(totals[RES_fluid], 1.0);
  let shiftZ = (totals[RES_ybV] - totals[RES_v]) / max(totals[RES_g], 1e-30);
  let v = vIn[idx];
  uIn[idx] += select(0.0, shiftT, S.nullHeat != 0u);
  vIn[idx] = v + select(0.0, logitSlope(P.c0 + v) * shiftZ, S.nullMass != 0u);
}

// Y += x on fluid cells; names the step that made a non-finite value.
@compute @workgroup_size(FLAT_WG)
fn update(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let idx = flatIndex(gid, nwg);
  if (idx >= P.nx * P.ny || cellKind[idx] == CELL_SOLID) {
    return;
  }
  let x = xs[idx];
  let v = vIn[idx];
  // Both channels scale together where the logit step or the T step (S.maxTStep of T) is
  // clipped (implicit.ts cellStepScale).
  let s = min(min(1.0, MAX_LOGIT_STEP / abs(x.y)), S.maxTStep * abs(P.T0 + uIn[idx]) / abs(x.x))
    * select(1.0, JUMP_RELAX, S.maxTStep <= RELAXED_T_STEP) // relaxed (implicit.ts JUMP_RELAX, jumpTStep)
    * S.relax; // the coupling ladder's relaxation (physics/coupling-continuation.ts RELAX_LADDER; 1: none)
  let un = uIn[idx] + s * x.x;
  let vn = v + logitSlope(P.c0 + v) * (s * x.y);
  uIn[idx] = un;
  vIn[idx] = vn;
  if (!isFiniteBits(un) || !isFiniteBits(vn)) {
    atomicMin(&status.firstNonFiniteStep, P.stepBase + slot.index);
  }
}
