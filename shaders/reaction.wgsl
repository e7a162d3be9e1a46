// The optional reaction nu1 A <-> nu2 B of physics.md section 9, a per-cell source (mirror of
// src/physics/reaction.ts in float32). P.reaction == 0: no reaction, every function returns 0.
// Arguments are the stored deviations u = T - T0 [K], v = c - c0 [-]. The work sits in a loop
// that breaks at once without a reaction: SwiftShader executes masked-off `if` branches but skips
// a loop no lane stays in (columns.wgsl), so a scenario without a reaction pays no exp or log.

// Kernels compiled with REACTION = false (the stencil kernels of a scenario without a reaction:
// src/gpu/specialise.ts) have no reaction source code at all; SwiftShader pays for the guarded
// loop below even where no lane enters it (measured: ~25 % of the Euler pass).
override REACTION: bool = true;

// x^n for a small positive integer n (nu); exact zero at x = 0 (no log of 0).
fn powNu(x: f32, n: u32) -> f32 {
  var p = 1.0;
  for (var k = 0u; k < n; k++) {
    p *= x;
  }
  return p;
}

// 1/T - 1/T0 without cancellation: -u / (T T0).
fn inverseTemperatureShift(u: f32) -> f32 {
  let T = max(P.T0 + u, T_MIN);
  return -u / (T * P.T0);
}

// (r [mol m^-3 s^-1], ln(rf/rb)): the rate from c clipped to [0, 1], the log ratio from c clamped
// to [C_MIN, 1 - C_MIN] (finite).
fn reactionAt(u: f32, v: f32) -> vec2f {
  let inv = inverseTemperatureShift(u);
  let lnKf = P.rxLnKf0 - P.rxEaR * inv;
  let lnKb = P.rxLnKb0 - P.rxEbR * inv;
  let c = clamp(P.c0 + v, 0.0, 1.0);
  let rf = exp(lnKf) * powNu(P.rxRhoM1 * c, P.rxNu1);
  let rb = exp(lnKb) * powNu(P.rxRhoM2 * (1.0 - c), P.rxNu2);
  let cc = clampC(P.c0 + v);
  let x = (lnKf - lnKb) + f32(P.rxNu1) * log(P.rxRhoM1 * cc) - f32(P.rxNu2) * log(P.rxRhoM2 * (1.0 - cc));
  return vec2f(rf - rb, x);
}

// The reaction's sources (-dH r [W/m^3], -nu1 M1 r [kg/(m^3 s)]), added to a fluid cell's rate.
fn reactionSource(u: f32, v: f32) -> vec2f {
  var s = vec2f(0.0);
  if (REACTION) {
    var on = P.reaction;
    loop {
      if (on == 0u) {
        break;
      }
      on = 0u;
      s = -reactionAt(u, v).x * vec2f(P.rxDH, P.rxNuM1);
    }
  }
  return s;
}

// sigma_chem = R r ln(rf/rb) [W K^-1 m^-3], clamped at 0 where round-off near equilibrium gives r
// and ln(rf/rb) opposite signs (the same rule as reaction.ts sigmaChem).
fn sigmaChemOf(u: f32, v: f32) -> f32 {
  var s = 0.0;
  var on = P.reaction;
  loop {
    if (on == 0u) {
      break;
    }
    on = 0u;
    let x = reactionAt(u, v);
    s = GAS_CONSTANT * max(0.0, x.x * x.y);
  }
  return s;
}

// The rate gradient (dr/dT, dr/dz) at a cell, g = dc/dz: the local Jacobian of minus the sources
// in (T, logit c) is (dH, nu1 M1) x this (reaction.ts reactionJacobian; multigrid.wgsl adds it to
// the cell's block).
fn reactionGradient(u: f32, v: f32, g: f32) -> vec2f {
  var out = vec2f(0.0);
  var on = P.reaction;
  loop {
    if (on == 0u) {
      break;
    }
    on = 0u;
    let T = max(P.T0 + u, T_MIN);
    let inv = inverseTemperatureShift(u);
    let kf = exp(P.rxLnKf0 - P.rxEaR * inv);
    let kb = exp(P.rxLnKb0 - P.rxEbR * inv);
    let c = clamp(P.c0 + v, 0.0, 1.0);
    let a = P.rxRhoM1 * c;
    let b = P.rxRhoM2 * (1.0 - c);
    let drdc = kf * f32(P.rxNu1) * powNu(a, P.rxNu1 - 1u) * P.rxRhoM1 + kb * f32(P.rxNu2) * powNu(b, P.rxNu2 - 1u) * P.rxRhoM2;
    let rf = kf * powNu(a, P.rxNu1);
    let rb = kb * powNu(b, P.rxNu2);
    // dr/dT = (rf Ea - rb (Ea - dH)) / (R T^2) = (rf EaR - rb EbR) / T^2.
    let drdT = (rf * P.rxEaR - rb * P.rxEbR) / (T * T);
    out = vec2f(drdT, drdc * g);
  }
  return out;
}
