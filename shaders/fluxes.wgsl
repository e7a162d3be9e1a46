// Face fluxes and face entropy production (physics.md section 3), float32.
// Mirror of src/physics/faces.ts: the two are held equal by test/gpu/solver.test.ts.
// Expects the generated prelude (struct Params, wall codes) and `P` bound as the uniform Params.
// Temperatures and concentrations arrive as deviations u = T - T0 [K], v = c - c0 [-].

// C_MIN, T_MIN and GAS_CONSTANT come with the prelude, from src/physics/thermo.ts.

// J1 [kg m^-2 s^-1] and Jq [W m^-2] positive left -> right (or outward at a wall);
// sigma: the face's entropy production density [W K^-1 m^-3].
// joule: the face's Joule heating density -(zF/M1) J1 dphi / d [W/m^3] (0 without ions), half of
// it to each neighbour (a wall half-face's whole share to its cell), like sigma.
struct Flux {
  J1: f32,
  Jq: f32,
  sigma: f32,
  joule: f32,
}

fn clampC(c: f32) -> f32 {
  return clamp(c, C_MIN, 1.0 - C_MIN);
}

// A cell's state as the face functions read it, formed once per cell: the deviations u = T - T0,
// v = c - c0 (differences across a face are taken on these, keeping float32 precision), the
// temperature max(T0 + u, T_MIN) [K] and the clamped mass fraction clampC(c0 + v).
struct CellState {
  u: f32,
  v: f32,
  T: f32,
  c: f32,
}

fn cellState(u: f32, v: f32) -> CellState {
  return CellState(u, v, max(P.T0 + u, T_MIN), clampC(P.c0 + v));
}

// x / log(1 + x): Gregory series near 0, else through the rounded u = 1 + x. Both are evaluated
// and one selected (SwiftShader runs both sides of a divergent branch anyway, and a return inside
// one costs masking); the other side's NaN or infinity (x <= -1, x = 0) is discarded.
fn xOverLog1p(x: f32) -> f32 {
  let series = 1.0 + x * (0.5 + x * (-1.0 / 12.0 + x * (1.0 / 24.0 + x * (-19.0 / 720.0 + x * (3.0 / 160.0)))));
  let u = 1.0 + x;
  return select((u - 1.0) / log(u), series, abs(x) < 0.05);
}

// Log-mean mobility (b - a) / (logit b - logit a) of two clamped mass fractions.
fn mobilityOf(a: f32, b: f32) -> f32 {
  let base = a * (1.0 - b);
  return base * xOverLog1p((b - a) / base);
}

// Log-mean mobility (c_R - c_L) / (logit c_R - logit c_L).
fn logMeanMobility(cL: f32, cR: f32) -> f32 {
  return mobilityOf(clampC(cL), clampC(cR));
}

// R / (c M2 + (1-c) M1) at the mean of two clamped mass fractions [J kg^-1 K^-1].
fn gasFactorOf(a: f32, b: f32) -> f32 {
  let cbar = 0.5 * (a + b);
  return GAS_CONSTANT / (cbar * P.M2 + (1.0 - cbar) * P.M1);
}

// R / (c M2 + (1-c) M1) at the face's mean mass fraction [J kg^-1 K^-1].
fn faceGasFactor(cL: f32, cR: f32) -> f32 {
  return gasFactorOf(clampC(cL), clampC(cR));
}

// The electric drift of a face (physics.md 8; faces.ts driftOf): S(w) = (w/2) / sinh(w/2), what
// the logit shifts of the two states by -w/2 and +w/2 add to dc, and the shifted log-mean mobility.
struct Drift {
  S: f32,
  shift: f32,
  m: f32,
}

// Pipelines of a scenario with ions are compiled with IONS = true (src/gpu/pipelines.ts); with
// false the drift code is not in the kernel at all (a neutral scenario runs the neutral kernels).
override IONS: bool = false;

// (w/2) / sinh(w/2), accurate near 0 and finite for any w (faces.ts sgWeight).
fn sgWeight(w: f32) -> f32 {
  let h = abs(0.5 * w);
  if (h < 1e-3) {
    return 1.0 - h * h / 6.0;
  }
  let e = exp(-h);
  return 2.0 * h * e / (1.0 - e * e);
}

fn driftOf(a: f32, b: f32, w: f32) -> Drift {
  let dL = logitShiftDeltaC(a, -0.5 * w);
  let dR = logitShiftDeltaC(b, 0.5 * w);
  return Drift(sgWeight(w), dR - dL, mobilityOf(clampC(a + dL), clampC(b + dR)));
}

// The face's mobility and dc with the drift of dphi = phi_R - phi_L [V] (vec3(S, dc, m)); with
// ions the drift code runs in a loop no lane enters where there is no potential drop (SwiftShader
// runs masked-off branches, not loops no lane enters).
fn driftedFace(L: CellState, R: CellState, rg: f32, dphi: f32) -> vec3f {
  var out = vec3f(1.0, R.v - L.v, mobilityOf(L.c, R.c));
  if (IONS) {
    var on = dphi != 0.0;
    loop {
      if (!on) {
        break;
      }
      on = false;
      let dr = driftOf(L.c, R.c, P.chargePerMass * dphi / (rg * sqrt(L.T * R.T)));
      out = vec3f(dr.S, out.y + dr.shift, dr.m);
    }
  }
  return out;
}

// (J1, Jq) through the face from L to R at distance 1 / invD with the potential drop
// dphi = phi_R - phi_L [V] (0 without ions): the stepping kernels' face.
fn faceFluxOf(L: CellState, R: CellState, invD: f32, dphi: f32) -> vec2f {
  let dT = R.u - L.u;
  let rg = gasFactorOf(L.c, R.c);
  let f = driftedFace(L, R, rg, dphi);
  let dc = f.y;
  let m = f.z;
  let J1 = -f.x * (P.rhoD * dc + m * P.rhoDT * dT) * invD;
  let Jq = -(P.k * dT + P.rhoDF * rg * (L.T * R.T) * f.x * dc) * invD;
  return vec2f(J1, Jq);
}

// The face's entropy production density [W K^-1 m^-3] (only where sigma is read).
fn faceEntropyOf(L: CellState, R: CellState, d: f32, dphi: f32) -> f32 {
  let dT = R.u - L.u;
  let rg = gasFactorOf(L.c, R.c);
  let f = driftedFace(L, R, rg, dphi);
  let dc = f.y;
  let m = f.x * f.z;
  let TT = L.T * R.T;
  var Js = -f.x * (P.rhoD * dc + f.z * P.rhoDT * dT) / d;
  if (P.reciprocal == 0u) {
    Js = -f.x * (P.rhoD * dc + f.z * P.rhoDTs * dT) / d;
  }
  var ke = P.k - P.keffSym * m * rg * TT;
  if (P.physical != 0u) {
    ke = max(ke, 0.0);
  }
  let g = dT / d;
  return rg * Js * Js * P.invRhoD / m + ke * g * g / TT;
}

fn faceFlux(uL: f32, vL: f32, uR: f32, vR: f32, d: f32, dphi: f32) -> Flux {
  let L = cellState(uL, vL);
  let R = cellState(uR, vR);
  let j = faceFluxOf(L, R, 1.0 / d, dphi);
  return Flux(j.x, j.y, faceEntropyOf(L, R, d, dphi), -P.chargePerMass * j.x * dphi / d);
}

fn expm1Small(x: f32) -> f32 {
  if (abs(x) < 1e-2) {
    return x * (1.0 + x * (1.0 / 2.0 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x / 120.0))));
  }
  return exp(x) - 1.0;
}

// c' - c where logit c' = logit c + dz (c clamped), keeping the precision of small differences.
fn logitShiftDeltaC(c: f32, dz: f32) -> f32 {
  let cc = clampC(c);
  if (dz <= 0.0) {
    let em = expm1Small(dz);
    return cc * (1.0 - cc) * em / (1.0 + cc * em);
  }
  // physics/faces.ts: divided through by cc em, and exp kept finite in float32 (exp(88) = 1.7e38):
  // from dz = 88 on the value is 1 - cc to float32 precision, where inf / inf was NaN.
  let em = expm1Small(min(dz, 88.0));
  return (1.0 - cc) / (1.0 + 1.0 / (cc * em));
}

// c_w - c at a wall closed to mass: logit c_w = logit c - S_T (T_w - T).
fn closedWallDeltaC(c: f32, dT: f32) -> f32 {
  return logitShiftDeltaC(c, -P.ST * dT);
}

// The state on the far side of the half-face (distance d) between a cell (u, v) and wall `side`
// (0 left, 1 right, 2 bottom, 3 top), and which outward fluxes the wall fixes. The face flux is
// then faceFlux(cell, wall) with J1 = 0 when closed and Jq = heatOut when the heat flow is fixed.
struct WallState {
  uw: f32,
  vw: f32,
  heatOut: f32,
  fixedHeat: bool,
  closed: bool,
  // Heat conductance of the half-face (k_eff / d closed to mass, else k / d) and d(uw)/du.
  cond: f32,
  dUw: f32,
}

// dphi: phi_wall - phi_cell outwards [V] (0 at an insulating wall or without ions).
fn wallState(side: u32, u: f32, v: f32, d: f32, dphi: f32) -> WallState {
  let T = max(P.T0 + u, T_MIN);
  let c = P.c0 + v;
  let closed = P.massType[side] == MASS_CLOSED;
  let rg = faceGasFactor(c, c);
  let cc = clampC(c);
  let keffCell = P.k - P.keffWall * cc * (1.0 - cc) * rg * T * T;
  var cond = P.k / d;
  var dufourCell = 0.0;
  if (closed) {
    cond = max(keffCell, 1e-9 * P.k) / d;
  } else {
    // the gas factor at the half-face's mean c, as faces.ts wallState (and faceFlux)
    dufourCell = P.rhoDF * faceGasFactor(c, P.c0 + P.massValue[side]) * T * T * (P.massValue[side] - v) / d;
  }
  let heatType = P.heatType[side];
  let value = P.heatValue[side];
  var uw = value;
  var heatOut = 0.0;
  var fixedHeat = false;
  var dUw = 0.0;
  if (heatType == HEAT_FLUX) {
    uw = u + (value - dufourCell) / cond;
    heatOut = -value;
    fixedHeat = true;
    dUw = 1.0;
  } else if (heatType == HEAT_CONVECTIVE) {
    let h = P.heatH[side];
    uw = (h * value + cond * u - dufourCell) / (h + cond);
    heatOut = h * (uw - value);
    fixedHeat = true;
    dUw = cond / (h + cond);
  }
  var vw = P.massValue[side];
  if (closed) {
    // J1 = 0: logit c_w = logit c - S_T (T_w - T) - w, w the half-face's electric drift.
    var wDrift = 0.0;
    if (IONS) {
      wDrift = P.chargePerMass * dphi / (rg * sqrt(T * max(P.T0 + uw, T_MIN)));
    }
    vw = v + logitShiftDeltaC(c, -P.ST * (uw - u) - wDrift);
  }
  return WallState(uw, vw, heatOut, fixedHeat, closed, cond, dUw);
}

// The face's fluxes linearised on the differences of the corrections of T and logit c,
// coefficients frozen at both states, row-major (K_TT, K_Tz, K_zT, K_zz): dJq = -(K_TT d(dT) +
// K_Tz d(d logit c)) / d, dJ1 = -(K_zT d(dT) + K_zz d(d logit c)) / d. Mirror of faces.ts
// faceMatrix (the implicit scheme's linearisation; why K_Tz uses the cells' c(1-c) is said there).
fn faceMatrix(uL: f32, vL: f32, uR: f32, vR: f32, dphi: f32) -> vec4f {
  let TL = max(P.T0 + uL, T_MIN);
  let TR = max(P.T0 + uR, T_MIN);
  let cL = P.c0 + vL;
  let cR = P.c0 + vR;
  let rg = faceGasFactor(cL, cR);
  // With a drift the mass row's mobility is S (g'_L + g'_R) / 2 of the shifted states (faces.ts).
  var m = logMeanMobility(cL, cR);
  if (IONS && dphi != 0.0) {
    let w = P.chargePerMass * dphi / (rg * sqrt(TL * TR));
    let gL = logitSlope(clampC(cL) + logitShiftDeltaC(cL, -0.5 * w));
    let gR = logitSlope(clampC(cR) + logitShiftDeltaC(cR, 0.5 * w));
    m = sgWeight(w) * 0.5 * (gL + gR);
  }
  let gbar = 0.5 * (logitSlope(cL) + logitSlope(cR)); // the cells' dc / d(logit c) (faces.ts)
  return vec4f(P.k, P.rhoDF * rg * TL * TR * gbar, m * P.rhoDT, m * P.rhoD);
}

// c(1 - c) of a clamped mass fraction: dc / d(logit c).
fn logitSlope(c: f32) -> f32 {
  let cc = clampC(c);
  return cc * (1.0 - cc);
}

// Approximate Jacobian (dJq/du, dJq/dz, dJ1/du, dJ1/dz) of wall `side`'s outward fluxes with
// respect to its cell's T and z = logit c at half-face distance d. Mirror of faces.ts wallJacobian.
fn wallJacobian(side: u32, u: f32, v: f32, d: f32, dphi: f32) -> vec4f {
  let ws = wallState(side, u, v, d, dphi);
  let free = 1.0 - ws.dUw;
  if (ws.closed) {
    return vec4f(ws.cond * free, 0.0, 0.0, 0.0);
  }
  let TT = max(P.T0 + u, T_MIN) * max(P.T0 + ws.uw, T_MIN);
  var g = logitSlope(P.c0 + v);
  if (IONS && dphi != 0.0) {
    let wd = P.chargePerMass * dphi / (faceGasFactor(P.c0 + v, P.c0 + ws.vw) * sqrt(TT));
    g = sgWeight(wd) * logitSlope(clampC(P.c0 + v) + logitShiftDeltaC(P.c0 + v, -0.5 * wd));
  }
  let aTc = P.rhoDF * faceGasFactor(P.c0 + v, P.c0 + ws.vw) * TT / d;
  let acT = logMeanMobility(P.c0 + v, P.c0 + ws.vw) * P.rhoDT / d;
  let acc = P.rhoD / d;
  return vec4f(ws.cond * free, aTc * free * g, acT * free, (acc - acT * aTc * ws.dUw / ws.cond) * g);
}
