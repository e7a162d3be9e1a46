// The operator every time scheme shares (physics.md 3): the flux-form rate of change of a fluid
// cell and its entropy production, walls included (the four faces come from cellFaces).
//!include stencil.wgsl

struct Tendency {
  // q - div Jq' [W/m^3]: rho cp dT/dt.
  du: f32,
  // -div J1 [kg/(m^3 s)]: rho dc/dt.
  dv: f32,
  // Entropy production of the cell's state, half the sum of its faces' [W K^-1 m^-3].
  sigma: f32,
}

fn tendency(i: u32, j: u32, kind: u32, u: f32, v: f32) -> Tendency {
  let f = cellFaces(i, j, u, v);
  let w = f[0];
  let e = f[1];
  let s = f[2];
  let n = f[3];
  let divQ = (e.Jq + w.Jq) / P.hx + (n.Jq + s.Jq) / P.hy;
  let divJ = (e.J1 + w.J1) / P.hx + (n.J1 + s.J1) / P.hy;
  let joule = 0.5 * (w.joule + e.joule + s.joule + n.joule);
  return Tendency(sourceOf(kind) + joule - divQ, -divJ, 0.5 * (w.sigma + e.sigma + s.sigma + n.sigma));
}
