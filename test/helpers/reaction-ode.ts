/**
 * An independent float64 solution of the well-mixed box (physics.md case j): classical RK4 with
 * tiny steps on rho dc/dt = -nu1 M1 r(c, T), rho cp dT/dt = -dH r(c, T), the rate written out
 * from physics.md section 9 here (not taken from src/physics/reaction.ts).
 */
const R = 8.314462618;

export interface BoxOde {
  nu: [number, number];
  kf: number;
  kb: number;
  Ea: number;
  dH: number;
  T0: number;
  rho: number;
  cp: number;
  M: [number, number];
}

export function boxRate(p: BoxOde, c: number, T: number): { r: number; affinity: number } {
  const kf = p.kf * Math.exp((-p.Ea / R) * (1 / T - 1 / p.T0));
  const kb = p.kb * Math.exp((-(p.Ea - p.dH) / R) * (1 / T - 1 / p.T0));
  const rf = kf * ((p.rho * c) / p.M[0]) ** p.nu[0];
  const rb = kb * ((p.rho * (1 - c)) / p.M[1]) ** p.nu[1];
  return { r: rf - rb, affinity: R * T * Math.log(rf / rb) };
}

/** (c, T) at each of `times` [s] from (c0, T0) at t = 0, RK4 with `steps` steps per unit of the last time. */
export function solveBox(p: BoxOde, start: { c: number; T: number }, times: readonly number[], stepsTotal = 200000): { c: number; T: number }[] {
  const f = (c: number, T: number): [number, number] => {
    const { r } = boxRate(p, c, T);
    return [(-p.nu[0] * p.M[0] * r) / p.rho, (-p.dH * r) / (p.rho * p.cp)];
  };
  const out: { c: number; T: number }[] = [];
  let c = start.c;
  let T = start.T;
  let t = 0;
  const h = times[times.length - 1] / stepsTotal;
  for (const target of times) {
    while (t < target - 1e-12 * target) {
      const dt = Math.min(h, target - t);
      const k1 = f(c, T);
      const k2 = f(c + 0.5 * dt * k1[0], T + 0.5 * dt * k1[1]);
      const k3 = f(c + 0.5 * dt * k2[0], T + 0.5 * dt * k2[1]);
      const k4 = f(c + dt * k3[0], T + dt * k3[1]);
      c += (dt / 6) * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]);
      T += (dt / 6) * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1]);
      t += dt;
    }
    out.push({ c, T });
  }
  return out;
}
