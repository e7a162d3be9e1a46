/**
 * The CPU reference solver: the same finite-volume discretisation as shaders/step.wgsl, in
 * float64, with the same time schemes as the GPU solver (forward Euler, RKL2, implicit). It is
 * the tests' oracle and the fallback backend when no WebGPU adapter exists.
 * Each face is evaluated once per operator evaluation and used by both neighbours, so solute and
 * energy are conserved to round-off with closed and insulated walls.
 */
import { faceConstantsOf, wallConstantsOf } from './discretisation';
import { faceFlux, HEAT_WALL, wallFlux, type FaceConstants, type WallConstants } from './faces';
import { potentialDrops, potentialFieldData, potentialOf, type PotentialField } from './potential';
import { buildCellInputs, gridOf, type Grid } from './grid';
import {
  ImplicitCpu,
  JUMP_MAX_ITERATIONS,
  JUMP_TOLERANCE,
  F64_JUMP_REFINE,
  JUMP_VCYCLES,
  stepIterations,
  STEP_MAX_ITERATIONS,
  STEP_TOLERANCE,
  stepMarginScale,
  retakeAsBackwardEuler,
  STEP_VCYCLES,
  SubstepPlan,
  substepDepth,
  substepsMayRetake,
  type ResidualSums,
  type ExactPart,
  type SolveReport,
  withWorkOf,
} from './implicit';
import { cellGraphOf, EXACT_STEP_ITERATIONS, EXACT_STEP_REFINE, JUMP_POLISH_ITERATIONS, newtonFits, PSEUDO_MAX, retakeExactlyAtDt } from './newton';
import { COUPLING_LADDER, EXACT_JUMP_ITERATIONS, retakeAccelerated, retakeExact, ladderReport, RELAX_LADDER, relaxationsDone, relaxedIterations, retakeAlongCoupling, withCoupling } from './coupling-continuation';
import { solveAccepted } from './run-checks';
import { CONTINUATION_MAX_STEPS, continuationSteps, reactionConstantsOf, reactionJacobian, reactionSource, type ReactionConstants } from './reaction';
import { addReactionSources, addSigmaChem, affinityField } from './reaction-field';
import { rkl2Coefficients, rkl2Stages, rkl2Substeps, type Rkl2Coefficients } from './rkl2';
import type { SchemeName, Side } from './scenario';
import { statsFromFields } from './snapshot-stats';
import { steadyStateProblems } from './steady';
import {
  sameExceptTime,
  sameGrid,
  type FieldData,
  type FieldName,
  type FieldSimulation,
  type JumpOptions,
  type ReadableField,
  type SimStats,
} from './simulation';
import type { Validated } from './validate';

/** Face fluxes of one state: x-faces (nx+1) x ny, y-faces nx x (ny+1), positive along +x / +y. */
interface FaceArrays {
  qx: Float64Array;
  jx: Float64Array;
  sx: Float64Array;
  qy: Float64Array;
  jy: Float64Array;
  sy: Float64Array;
  /** Joule heating density of each face, i.(-grad phi) = -(zF/M1) J1 dphi / d [W/m^3] (ions only). */
  ex: Float64Array;
  ey: Float64Array;
}

function allocFaces(g: Grid): FaceArrays {
  const nxf = (g.nx + 1) * g.ny;
  const nyf = g.nx * (g.ny + 1);
  return {
    qx: new Float64Array(nxf),
    jx: new Float64Array(nxf),
    sx: new Float64Array(nxf),
    qy: new Float64Array(nyf),
    jy: new Float64Array(nyf),
    sy: new Float64Array(nyf),
    ex: new Float64Array(nxf),
    ey: new Float64Array(nyf),
  };
}


export class ReferenceSimulation implements FieldSimulation {
  readonly backend = 'cpu' as const;
  readonly adapter = 'CPU reference (float64)';
  validated!: Validated;
  simTime = 0;
  steps = 0;
  passes = 0;
  private g!: Grid;
  private fc!: FaceConstants;
  private walls!: Record<Side, WallConstants>;
  /** The electric potential (potential.ts), null without ions. */
  private potential!: PotentialField | null;
  /** T - T0 [K] and c - c0 [-]. */
  private u!: Float64Array;
  private v!: Float64Array;
  private sigma!: Float64Array;
  private source!: Float64Array;
  private solid!: Uint32Array;
  /** The reaction's constants (reaction.ts), when the scenario has one: a source in tendency. */
  private reaction?: ReactionConstants;
  private faces!: FaceArrays;
  private firstNonFinite: number | null = null;
  /** Scratch of the tendency and of RKL2 (allocated with the grid). */
  private tu!: Float64Array;
  private tv!: Float64Array;
  private rkl2?: { c: Rkl2Coefficients; y0u: Float64Array; y0v: Float64Array; e0u: Float64Array; e0v: Float64Array; d: Float64Array[] };
  private implicit?: ImplicitCpu;
  /** The state before the last implicit step, for BDF2 (dropped whenever the state is edited). */
  private history?: { u: Float64Array; v: Float64Array; dt: number };
  /** The buffers history swaps with (no allocation per step). */
  private spare?: { u: Float64Array; v: Float64Array; dt: number };
  /** A step retaken as substeps: their order, and the start of the substep being taken (allocated on first need). */
  private readonly substeps = new SubstepPlan();
  private substepStart?: { u: Float64Array; v: Float64Array };
  /** What the last implicit solve (step or jump) reached. */
  lastSolve: SolveReport | null = null;
  /**
   * Simulated time since the state's last discontinuity [s] (reset, writeField, an edit beyond
   * time.*; Infinity after a jump): RKL2 splits a step longer than this (rkl2.ts rkl2Substeps).
   */
  private age = 0;

  constructor(v: Validated) {
    this.configure(v);
    this.reset();
  }

  private configure(v: Validated): void {
    this.validated = v;
    this.g = gridOf(v.scenario);
    this.fc = faceConstantsOf(v.scenario, v.derived);
    this.walls = wallConstantsOf(v.scenario);
    this.potential = potentialOf(v.scenario);
    const inputs = buildCellInputs(v.scenario);
    this.source = inputs.source;
    this.solid = inputs.solid;
    this.reaction = reactionConstantsOf(v.scenario);
    const n = this.g.nx * this.g.ny;
    this.tu = new Float64Array(n);
    this.tv = new Float64Array(n);
    this.rkl2 = undefined;
    this.implicit = undefined;
    this.history = undefined;
  }

  /** The time scheme of the scenario. */
  get scheme(): SchemeName {
    return this.validated.scenario.time.scheme;
  }

  /** Stencil passes per step: 1 (euler), the RKL2 stage count, or the implicit step's average. */
  get passesPerStep(): number {
    if (this.scheme !== 'implicit') return this.validated.derived.stages;
    return this.steps > 0 ? this.passes / this.steps : 0;
  }

  /** The state as (T - T0, c - c0) pairs per cell (the GPU's state layout, gpu/implicit.ts readState). */
  deviationPairs(): Float64Array {
    const x = new Float64Array(2 * this.u.length);
    for (let P = 0; P < this.u.length; P++) {
      x[2 * P] = this.u[P];
      x[2 * P + 1] = this.v[P];
    }
    return x;
  }

  /** Sets the state from (T - T0, c - c0) pairs per cell (`deviationPairs`'s layout); sigma follows. */
  putDeviationPairs(x: Float64Array): void {
    for (let P = 0; P < this.u.length; P++) {
      this.u[P] = x[2 * P];
      this.v[P] = x[2 * P + 1];
    }
    this.computeFaces();
    this.accumulateSigma();
  }

  /** Whether this grid takes exact Newton corrections where the multigrid's fail (newton.ts newtonFits). */
  get exactFits(): boolean {
    return newtonFits(cellGraphOf(this.validated.scenario));
  }

  private implicitSolver(): ImplicitCpu {
    const { rho, cp } = this.validated.derived.material;
    this.implicit ??= new ImplicitCpu({
      grid: this.g,
      periodicX: this.walls.left.heatType === HEAT_WALL.periodic,
      periodicY: this.walls.bottom.heatType === HEAT_WALL.periodic,
      solid: this.solid,
      source: this.source,
      rho,
      rhoCp: rho * cp,
      fc: this.fc,
      walls: this.walls,
      potential: this.potential ?? undefined,
      tendency: (u, v, tu, tv) => this.tendency(u, v, tu, tv),
      localSource: this.localSource(),
      marginScale: stepMarginScale(this.validated.derived.dimensionless.marginMin),
    });
    return this.implicit;
  }

  /** The reaction's local Jacobian and source for the implicit scheme and the jump (implicit.ts). */
  private localSource(): ((u: number, v: number, g: number) => { block: readonly number[]; heat: number; mass: number }) | undefined {
    const k = this.reaction;
    if (!k) return undefined;
    const { T0, c0 } = this.validated.scenario.reference;
    return (u, v, g) => ({ block: reactionJacobian(k, T0 + u, c0 + v, g), ...reactionSource(k, T0 + u, c0 + v) });
  }

  reset(): void {
    const inputs = buildCellInputs(this.validated.scenario);
    this.u = inputs.temperature;
    this.v = inputs.concentration;
    this.sigma = new Float64Array(this.u.length);
    this.faces = allocFaces(this.g);
    this.simTime = 0;
    this.steps = 0;
    this.passes = 0;
    this.firstNonFinite = null;
    this.history = undefined;
    this.age = 0;
    this.computeFaces();
    this.accumulateSigma();
  }

  setScenario(v: Validated): void {
    const keep = sameGrid(this.validated, v);
    if (!sameExceptTime(this.validated, v)) this.age = 0;
    this.configure(v);
    if (!keep) this.reset();
    else {
      this.computeFaces();
      this.accumulateSigma();
    }
  }

  destroy(): void {}

  /** Fills the face arrays for a state (default: the current one; walls, seams and obstacles included). */
  private computeFaces(u = this.u, v = this.v): void {
    const { nx, ny, hx, hy } = this.g;
    const { solid, fc, walls } = this;
    const F = this.faces;
    const e = fc.chargePerMass;
    const drops = potentialDrops(this.potential);
    const drop = drops.face;
    const wallDrop = drops.wall;
    let dphi = 0;
    let dist = 1;
    const put = (q: Float64Array, j: Float64Array, s: Float64Array, idx: number, sign: number, f: { J1: number; Jq: number; sigma: number }) => {
      q[idx] = sign * f.Jq;
      j[idx] = sign * f.J1;
      s[idx] = f.sigma;
      (s === F.sx ? F.ex : F.ey)[idx] = dphi === 0 ? 0 : (-e * f.J1 * dphi) / dist;
    };
    const zero = { J1: 0, Jq: 0, sigma: 0, sigmaMass: 0 };
    const px = walls.left.heatType === HEAT_WALL.periodic;
    const py = walls.bottom.heatType === HEAT_WALL.periodic;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i <= nx; i++) {
        const idx = j * (nx + 1) + i;
        let f = zero;
        let sign = 1;
        dphi = 0;
        dist = hx;
        if (i === 0 || i === nx) {
          if (px) {
            const a = j * nx + nx - 1;
            const b = j * nx;
            if (!solid[a] && !solid[b] && nx > 1) f = faceFlux(fc, u[a], v[a], u[b], v[b], hx, (dphi = drop(a, b)));
          } else {
            const c = j * nx + (i === 0 ? 0 : nx - 1);
            const side = i === 0 ? 'left' : 'right';
            dist = hx / 2;
            if (!solid[c]) f = wallFlux(fc, walls[side], u[c], v[c], hx / 2, (dphi = wallDrop(side, c)));
            sign = i === 0 ? -1 : 1;
          }
        } else {
          const a = j * nx + i - 1;
          const b = a + 1;
          if (!solid[a] && !solid[b]) f = faceFlux(fc, u[a], v[a], u[b], v[b], hx, (dphi = drop(a, b)));
        }
        put(F.qx, F.jx, F.sx, idx, sign, f);
      }
    }
    for (let j = 0; j <= ny; j++) {
      for (let i = 0; i < nx; i++) {
        const idx = j * nx + i;
        let f = zero;
        let sign = 1;
        dphi = 0;
        dist = hy;
        if (j === 0 || j === ny) {
          if (py) {
            const a = (ny - 1) * nx + i;
            const b = i;
            if (!solid[a] && !solid[b] && ny > 1) f = faceFlux(fc, u[a], v[a], u[b], v[b], hy, (dphi = drop(a, b)));
          } else {
            const c = (j === 0 ? 0 : ny - 1) * nx + i;
            const side = j === 0 ? 'bottom' : 'top';
            dist = hy / 2;
            if (!solid[c]) f = wallFlux(fc, walls[side], u[c], v[c], hy / 2, (dphi = wallDrop(side, c)));
            sign = j === 0 ? -1 : 1;
          }
        } else {
          const a = (j - 1) * nx + i;
          const b = a + nx;
          if (!solid[a] && !solid[b]) f = faceFlux(fc, u[a], v[a], u[b], v[b], hy, (dphi = drop(a, b)));
        }
        put(F.qy, F.jy, F.sy, idx, sign, f);
      }
    }
  }

  /** Cell sigma = half the sum of its four faces' sigma_f (physics.md 3). */
  private accumulateSigma(): void {
    const { nx, ny } = this.g;
    const F = this.faces;
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const c = j * nx + i;
        const xf = j * (nx + 1) + i;
        const yf = j * nx + i;
        this.sigma[c] = this.solid[c] ? 0 : 0.5 * (F.sx[xf] + F.sx[xf + 1] + F.sy[yf] + F.sy[yf + nx]);
      }
    }
    if (this.reaction) addSigmaChem(this.reaction, this.validated.scenario.reference, this.u, this.v, this.solid, this.sigma);
  }

  async step(n: number): Promise<void> {
    this.advance(n);
  }

  /**
   * tend(Y) = (q - div Jq' [W/m^3], -div J1 [kg/(m^3 s)]) of the state (u, v) into (tu, tv), 0 in
   * solid cells: the operator every scheme shares (the WGSL `tendency`). Leaves the face arrays
   * holding the fluxes of (u, v).
   */
  tendency(u: Float64Array, v: Float64Array, tu: Float64Array, tv: Float64Array): void {
    const { nx, ny, hx, hy } = this.g;
    const F = this.faces;
    this.computeFaces(u, v);
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const c = j * nx + i;
        if (this.solid[c]) {
          tu[c] = 0;
          tv[c] = 0;
          continue;
        }
        const xf = j * (nx + 1) + i;
        const yf = j * nx + i;
        const divQ = (F.qx[xf + 1] - F.qx[xf]) / hx + (F.qy[yf + nx] - F.qy[yf]) / hy;
        const divJ = (F.jx[xf + 1] - F.jx[xf]) / hx + (F.jy[yf + nx] - F.jy[yf]) / hy;
        // The Joule heating: half of each face's density (like sigma; a wall half-face's whole share).
        const joule = this.potential ? 0.5 * (F.ex[xf] + F.ex[xf + 1] + F.ey[yf] + F.ey[yf + nx]) : 0;
        tu[c] = this.source[c] + joule - divQ;
        tv[c] = -divJ;
      }
    }
    if (this.reaction) addReactionSources(this.reaction, this.validated.scenario.reference, u, v, this.solid, tu, tv);
  }

  /** Synchronous stepping with the scenario's scheme, for tests and the Web Worker fallback. */
  advance(n: number): void {
    const dt = this.validated.derived.dt;
    for (let s = 0; s < n; s++) {
      // sigma describes the state this step starts from (step number this.steps).
      this.computeFaces();
      this.accumulateSigma();
      if (this.firstNonFinite === null && this.sigma.some((x) => !Number.isFinite(x))) this.firstNonFinite = this.steps;
      if (this.scheme === 'rkl2') for (const h of rkl2Substeps(dt, this.age, this.dtFE)) this.rkl2Step(h);
      else if (this.scheme === 'implicit') this.implicitStep();
      else this.eulerStep();
      this.steps++;
      this.simTime += dt;
      this.age += dt;
      if (this.firstNonFinite === null && !this.finiteState()) this.firstNonFinite = this.steps;
    }
    this.computeFaces();
    this.accumulateSigma();
  }

  private finiteState(): boolean {
    for (let c = 0; c < this.u.length; c++) if (!Number.isFinite(this.u[c]) || !Number.isFinite(this.v[c])) return false;
    return true;
  }

  private eulerStep(): void {
    const { rho, cp } = this.validated.derived.material;
    const dt = this.validated.derived.dt;
    const aT = dt / (rho * cp);
    const aC = dt / rho;
    this.tendency(this.u, this.v, this.tu, this.tv);
    for (let c = 0; c < this.u.length; c++) {
      if (this.solid[c]) continue;
      this.u[c] += aT * this.tu[c];
      this.v[c] += aC * this.tv[c];
    }
    this.passes++;
  }

  /** forward Euler's step, the stability limit times the safety factor [s]. */
  private get dtFE(): number {
    return this.validated.scenario.time.safety * this.validated.derived.dtLimit;
  }

  /** One RKL2 super-step of `dt` [s] in increment form (rkl2.ts), its s stencil passes. */
  private rkl2Step(dt: number): void {
    const { rho, cp } = this.validated.derived.material;
    const stages = dt === this.validated.derived.dt ? this.validated.derived.stages : rkl2Stages(dt, this.dtFE);
    const n = this.u.length;
    if (!this.rkl2) {
      const f = () => new Float64Array(n);
      this.rkl2 = { c: rkl2Coefficients(stages), y0u: f(), y0v: f(), e0u: f(), e0v: f(), d: [f(), f(), f(), f()] };
    } else if (this.rkl2.c.s !== stages) this.rkl2.c = rkl2Coefficients(stages);
    const { c, y0u, y0v, e0u, e0v, d } = this.rkl2;
    const aT = dt / (rho * cp);
    const aC = dt / rho;
    y0u.set(this.u);
    y0v.set(this.v);
    // d[0], d[1]: dY_{j-1} (u, v); d[2], d[3]: dY_{j-2}, overwritten by dY_j.
    this.tendency(this.u, this.v, this.tu, this.tv);
    for (let k = 0; k < n; k++) {
      e0u[k] = aT * this.tu[k];
      e0v[k] = aC * this.tv[k];
      d[0][k] = c.muTilde[1] * e0u[k];
      d[1][k] = c.muTilde[1] * e0v[k];
      d[2][k] = 0;
      d[3][k] = 0;
    }
    const yu = this.u;
    const yv = this.v;
    for (let j = 2; j <= c.s; j++) {
      for (let k = 0; k < n; k++) {
        yu[k] = y0u[k] + d[0][k];
        yv[k] = y0v[k] + d[1][k];
      }
      this.tendency(yu, yv, this.tu, this.tv);
      const { mu, nu, muTilde, gammaTilde } = c;
      for (let k = 0; k < n; k++) {
        d[2][k] = mu[j] * d[0][k] + nu[j] * d[2][k] + muTilde[j] * aT * this.tu[k] + gammaTilde[j] * e0u[k];
        d[3][k] = mu[j] * d[1][k] + nu[j] * d[3][k] + muTilde[j] * aC * this.tv[k] + gammaTilde[j] * e0v[k];
      }
      d.push(...d.splice(0, 2)); // dY_j becomes dY_{j-1}; dY_{j-1} becomes dY_{j-2}
    }
    for (let k = 0; k < n; k++) {
      if (this.solid[k]) continue;
      yu[k] = y0u[k] + d[0][k];
      yv[k] = y0v[k] + d[1][k];
    }
    this.passes += c.s;
  }

  /** One implicit step: backward Euler first, BDF2 once the previous state is known (implicit.ts). */
  private implicitStep(): void {
    const dt = this.validated.derived.dt;
    const n = this.u.length;
    // Y^n into the spare pair; after the step it becomes the history (Y^{n-1} of the next step).
    const spare = this.spare?.u.length === n ? this.spare : { u: new Float64Array(n), v: new Float64Array(n), dt };
    spare.u.set(this.u);
    spare.v.set(this.v);
    const h = this.history;
    const previous = h !== undefined && h.dt === dt ? h : undefined;
    this.lastSolve = this.implicitSolver().solve(this.u, this.v, {
      dt,
      iterations: stepIterations(previous !== undefined),
      maxIterations: STEP_MAX_ITERATIONS,
      vCycles: STEP_VCYCLES,
      previous,
    });
    const retake = previous !== undefined && retakeAsBackwardEuler(this.lastSolve);
    if (retake) {
      const first = this.lastSolve;
      this.u.set(spare.u);
      this.v.set(spare.v);
      const be = this.implicitSolver().solve(this.u, this.v, { dt, iterations: stepIterations(false), maxIterations: STEP_MAX_ITERATIONS, vCycles: STEP_VCYCLES });
      this.lastSolve = withWorkOf(be, first);
    }
    // A step that converged only loosely, failed narrowly, rose or went non-finite at dt (newton.ts
    // retakeExactlyAtDt) is retaken from Y^n with exact corrections at dt where the grid fits,
    // before any substeps: whether a step is split must not hang on where a float32 or a float64
    // multigrid happened to stop, or the two backends take different time steps (sweep 2353 #71:
    // the GPU's step ended at dt loosely, the CPU's just failed and took 2 substeps; c 7.1e-2 of its
    // excursion apart). Where the exact step at dt fails too, the multigrid's substeps (the step had
    // not gone non-finite), then the exact substeps.
    let exactFailedAtDt = false;
    if (retakeExactlyAtDt(this.lastSolve) && this.exactFits) {
      const atDt = this.lastSolve;
      // A BDF2 step that converged is retaken exactly as BDF2 (the scheme it was taken in); a failed
      // one as backward Euler, as its multigrid retake was.
      const sameScheme = previous !== undefined && !retake && atDt.converged ? previous : undefined;
      this.u.set(spare.u);
      this.v.set(spare.v);
      const exact = this.exactStep(sameScheme, 'dt');
      if (exact.converged) this.lastSolve = withWorkOf(exact, atDt);
      else {
        // Back at Y^n, the multigrid's residual at dt standing for the step (not converged now).
        exactFailedAtDt = true;
        this.u.set(spare.u);
        this.v.set(spare.v);
        this.lastSolve = withWorkOf({ ...atDt, converged: false }, exact);
      }
    }
    if (substepsMayRetake(this.lastSolve)) this.lastSolve = this.retakeAsSubsteps(spare, dt, this.lastSolve);
    // Where the multigrid's substeps failed too, or the step went non-finite (no multigrid
    // substeps then): the exact step's substeps (its step at dt too where not yet taken). After
    // the multigrid's substeps: taken first (7f9a925), the exact substeps cost 18 s per step of
    // 2114 #5's long run (8 x 10) where the multigrid's take a fraction of a second, for the same
    // sweep results. The GPU takes the same order (gpu/implicit-steps.ts converge), so GPU = CPU
    // holds wherever both converge.
    if (!this.lastSolve.converged && this.exactFits) {
      const failed = this.lastSolve;
      this.u.set(spare.u);
      this.v.set(spare.v);
      // the work of the attempts before it added (the exact substeps after a failed exact step at dt count it already)
      this.lastSolve = exactFailedAtDt ? this.exactStep(undefined, { substepsAfter: failed }) : withWorkOf(this.exactStep(undefined, 'both'), failed);
    }
    // After substeps (the multigrid's or the exact step's) BDF2 restarts cleanly: the next step is
    // backward Euler. A step that ended as one backward-Euler step of dt (the multigrid's, or the
    // exact one) leaves Y^n as the next step's Y^{n-1}, whichever solver took it: one backend's
    // multigrid may leave a step not clean where the other's is clean, and restarting after the
    // exact retake made the two take different schemes for the next step (sweep 2170 #31: c 1.3e-2
    // of its excursion apart; tried again with retakeExactlyAtDt, run aj: 2370 #75 5.2e-3 and five more).
    if (this.lastSolve.substeps !== undefined) {
      this.spare = spare;
      this.history = undefined;
    } else {
      spare.dt = dt;
      this.spare = h;
      this.history = spare;
    }
    this.passes += this.lastSolve.passes;
  }

  /**
   * One implicit step of the scenario's dt from the current state, taken as `step` takes it
   * (implicitStep: the multigrid at dt, then the retakes in their order), BDF2 with `previous`
   * (Y^{n-1}, one dt back), else backward Euler; sets and returns lastSolve. simTime and steps do
   * not change. The GPU's replay of a step its float32 multigrid did not solve cleanly
   * (gpu/exact-step.ts replayStepOnHost; newton.ts stepClean), so that the two backends decide
   * such a step by one float64 computation.
   */
  replayStep(previous?: { u: Float64Array; v: Float64Array }): SolveReport {
    this.history = previous && { u: previous.u, v: previous.v, dt: this.validated.derived.dt };
    this.implicitStep();
    return this.lastSolve!;
  }

  /**
   * One backward-Euler step of the scenario's dt from the current state with exact corrections
   * (newton.ts), retaken as exact substeps where it does not converge (SubstepPlan's order); a
   * substep that fails at the deepest level leaves the start. Grids where `exactFits`: the CPU's
   * retake of a step its multigrid did not solve cleanly (implicitStep), and the GPU's, on the host
   * (gpu/exact-step.ts). Sets lastSolve; simTime and steps do not change. With `previous` (Y^{n-1},
   * dt before) the step is BDF2, as the step it retakes was (a BDF2 step that converged but rose:
   * retaken as backward Euler it changed the scheme of that step, and the two backends, one of
   * which saw the rise, took different steps: sweep 2209 #24, c 6.6e-3 apart); its substeps, where
   * it does not converge, are backward Euler. `part`: the step at dt alone (a failed one leaves the
   * state where its iteration ended), or only its substeps (`part.substepsAfter`: the report of
   * the step at dt that failed, whose work they add to), or both in turn (the default).
   */
  exactStep(previous?: { u: Float64Array; v: Float64Array }, part: ExactPart = 'both'): SolveReport {
    const dt = this.validated.derived.dt;
    const start = { u: this.u.slice(), v: this.v.slice() };
    let rep =
      typeof part === 'object'
        ? part.substepsAfter
        : this.implicitSolver().solve(this.u, this.v, { dt, iterations: EXACT_STEP_ITERATIONS, vCycles: 0, newton: true, tolerance: STEP_TOLERANCE, refine: EXACT_STEP_REFINE, previous });
    if (typeof part === 'object' || (part === 'both' && substepsMayRetake(rep))) rep = this.retakeAsSubsteps(start, dt, rep, true);
    rep = { ...rep, exact: true };
    this.lastSolve = rep;
    return rep;
  }

  /**
   * A step of dt that did not converge (`failed`), retaken from its start Y^n (`start`) as
   * backward-Euler substeps in SubstepPlan's order (implicit.ts substepDepth; the GPU takes
   * the same): a substep that does not converge is restored to its start and halved. Returns the
   * report of the last substep with every attempt's iterations and passes, and `substeps`; a
   * substep that does not converge at the deepest level leaves the step's start Y^n (the last good
   * state) and `converged: false`, as do substeps that spend MAX_SUBSTEP_ATTEMPTS before covering
   * dt (the report then `failed`'s, with `substepsExhausted`); a non-finite one leaves its state.
   */
  private retakeAsSubsteps(start: { u: Float64Array; v: Float64Array }, dt: number, failed: SolveReport, newton = false): SolveReport {
    const n = this.u.length;
    const s0 = this.substepStart?.u.length === n ? this.substepStart : (this.substepStart = { u: new Float64Array(n), v: new Float64Array(n) });
    this.u.set(start.u);
    this.v.set(start.v);
    const plan = this.substeps;
    plan.start(substepDepth(dt, this.validated.derived.dtLimit));
    let spent = { iterations: failed.iterations, vCycles: failed.vCycles, passes: failed.passes };
    let last = failed;
    let depth = 0;
    for (let d = plan.next(); d !== null; d = plan.next()) {
      depth = d;
      s0.u.set(this.u);
      s0.v.set(this.v);
      const h = dt / 2 ** d;
      last = newton
        ? this.implicitSolver().solve(this.u, this.v, { dt: h, iterations: EXACT_STEP_ITERATIONS, vCycles: 0, newton, tolerance: STEP_TOLERANCE, refine: EXACT_STEP_REFINE })
        : this.implicitSolver().solve(this.u, this.v, { dt: h, iterations: stepIterations(false), maxIterations: STEP_MAX_ITERATIONS, vCycles: STEP_VCYCLES });
      spent = { iterations: spent.iterations + last.iterations, vCycles: spent.vCycles + last.vCycles, passes: spent.passes + last.passes };
      if (!last.converged && !substepsMayRetake(last)) break; // non-finite: a failure (implicit.ts substepsMayRetake)
      // A substep that did not converge goes back to its start, to be halved; where the plan
      // fails (the deepest level, or its attempts spent) the step leaves its own start Y^n, the
      // last good state (not a diverged iterate, nor part of the step).
      const going = plan.done(last.converged);
      const back = going ? s0 : start;
      if (!last.converged || !going) {
        this.u.set(back.u);
        this.v.set(back.v);
      }
      if (!going) break;
    }
    if (plan.exhausted) return { ...failed, ...spent, converged: false, substeps: plan.converged, smallestSubstep: dt / 2 ** plan.deepest, substepsExhausted: true };
    return { ...last, ...spent, substeps: plan.converged, smallestSubstep: dt / 2 ** (last.converged ? plan.deepest : depth) };
  }

  /**
   * Jumps to the steady state: one backward-Euler step with dt = infinity, iterated until the
   * relative residual is below `tolerance` (implicit.ts). Keeps solute (and energy, with
   * insulated walls) totals. simTime and steps do not change: the state has no time.
   * Throws when no steady state exists or the multigrid cannot find it (steady.ts).
   */
  async jumpToSteadyState(o: JumpOptions = {}): Promise<SolveReport> {
    return this.jumpNow(o);
  }

  jumpNow(o: JumpOptions = {}): SolveReport {
    const problems = steadyStateProblems(this.validated);
    if (problems.length) throw new Error(problems.join('; '));
    if (this.reaction) this.continuation(o.tolerance ?? JUMP_TOLERANCE);
    const start = { u: this.u.slice(), v: this.v.slice() };
    let rep = this.plainJump(o);
    if (retakeAlongCoupling(this.validated, rep)) rep = this.jumpAlongCoupling(o, start, rep);
    this.passes += rep.passes;
    this.lastSolve = rep;
    this.history = undefined;
    this.age = Infinity; // a steady state: nothing left for RKL2 to leave undamped
    this.computeFaces();
    this.accumulateSigma();
    return rep;
  }

  /**
   * The jump from the current state with exact Newton corrections under pseudo-transient
   * continuation (newton.ts), measured against this state's residual scale: the coupling ladder's
   * last attempt (coupling-continuation.ts retakeExact), here and on the GPU (gpu/coupling-jump.ts),
   * on grids where `exactFits`.
   */
  exactJump(o: JumpOptions = {}): SolveReport {
    return this.plainJump({ ...o, maxIterations: o.maxIterations ?? EXACT_JUMP_ITERATIONS }, undefined, 1, false, true);
  }

  /**
   * The exact-Newton jump (newton.ts) from the current state, Newton's own step first (a state near
   * the steady state), refined as the reference's jump is and measured against the residual scale
   * of `start` (the jump's start, as deviation pairs): the host's polish of a GPU jump
   * (gpu/jump-polish.ts; grids where `exactFits`). The state is where it ends; simTime, steps and
   * lastSolve do not change.
   */
  polishJump(start: Float64Array): SolveReport {
    const cells = this.u.length;
    const startU = new Float64Array(cells);
    const startV = new Float64Array(cells);
    for (let P = 0; P < cells; P++) {
      startU[P] = start[2 * P];
      startV[P] = start[2 * P + 1];
    }
    const scaleFrom = this.implicitSolver().assemble(startU, startV, Infinity, 1);
    const rep = this.implicitSolver().solve(this.u, this.v, { dt: Infinity, newton: true, pseudoFirst: PSEUDO_MAX, iterations: JUMP_POLISH_ITERATIONS, vCycles: JUMP_VCYCLES, tolerance: JUMP_TOLERANCE, refine: F64_JUMP_REFINE, scaleFrom });
    this.computeFaces();
    this.accumulateSigma();
    return rep;
  }

  /** The jump's own iteration from the current state (implicit.ts), nothing before or after it. */
  private plainJump(o: JumpOptions, scaleFrom?: ResidualSums, relax = 1, anderson = false, newton = false): SolveReport {
    return this.implicitSolver().solve(this.u, this.v, {
      scaleFrom,
      relax,
      anderson,
      newton,
      dt: Infinity,
      iterations: relaxedIterations(o.maxIterations ?? JUMP_MAX_ITERATIONS, relax),
      vCycles: o.vCycles ?? JUMP_VCYCLES,
      tolerance: o.tolerance ?? JUMP_TOLERANCE,
      // float64: past the default tolerance, on towards F64_JUMP_REFINE while the residual falls
      refine: o.tolerance === undefined ? F64_JUMP_REFINE : undefined,
    });
  }

  /**
   * The jump retaken from `start` along the coupling ladder (coupling-continuation.ts): each rung's
   * jump at a scaled coupling starts from the last rung that converged; then this scenario's own
   * jump from there, relaxed along RELAX_LADDER while it does not converge. Returns the last
   * report, with the work of every attempt.
   */
  private jumpAlongCoupling(o: JumpOptions, start: { u: Float64Array; v: Float64Array }, first: SolveReport): SolveReport {
    const attempts = [first];
    this.u.set(start.u);
    this.v.set(start.v);
    // Every rung measures its residual against the scenario's own start, as the plain jump did.
    const scaleFrom = this.implicitSolver().assemble(this.u, this.v, Infinity, 1);
    this.ladder(o, scaleFrom, false, attempts);
    if (retakeExact(attempts[attempts.length - 1], this.exactFits)) {
      this.u.set(start.u);
      this.v.set(start.v);
      attempts.push(this.exactJump(o));
    }
    if (retakeAccelerated(attempts[attempts.length - 1], this.u.length)) {
      this.u.set(start.u);
      this.v.set(start.v);
      this.ladder(o, scaleFrom, true, attempts);
    }
    return ladderReport(attempts);
  }

  /** The rungs, then the relaxations, from the current state (`anderson`: every attempt mixed); appends each report to `attempts`. */
  private ladder(o: JumpOptions, scaleFrom: ResidualSums, anderson: boolean, attempts: SolveReport[]): void {
    for (const s of COUPLING_LADDER) {
      const w = withCoupling(this.validated, s);
      if (!w) continue;
      const rung = new ReferenceSimulation(w);
      rung.u.set(this.u);
      rung.v.set(this.v);
      const rep = rung.plainJump(o, scaleFrom, 1, anderson);
      attempts.push(rep);
      if (solveAccepted(rep)) {
        this.u.set(rung.u);
        this.v.set(rung.v);
      }
      rung.destroy();
    }
    const good = { u: this.u.slice(), v: this.v.slice() };
    for (const [k, relax] of RELAX_LADDER.entries()) {
      this.u.set(good.u);
      this.v.set(good.v);
      const rep = this.plainJump(o, scaleFrom, relax, anderson);
      attempts.push(rep);
      if (relaxationsDone(rep, k === RELAX_LADDER.length - 1)) break;
    }
  }

  /**
   * A jump with a reaction starts with pseudo-time steps (reaction.ts continuationSteps), then
   * steps of tauSlow / 2 until the steady residual is below `tolerance` (at most
   * CONTINUATION_MAX_STEPS): with a reaction the multigrid converges poorly at dt = infinity
   * (measured), while implicit steps of tauSlow / 2 converge every time.
   */
  private continuation(tolerance: number): void {
    const { c0 } = this.validated.scenario.reference;
    const solver = this.implicitSolver();
    const step = (dt: number) => {
      this.passes += solver.solve(this.u, this.v, { dt, iterations: stepIterations(false), vCycles: STEP_VCYCLES }).passes;
    };
    const tauSlow = this.validated.derived.tauSlow;
    for (const dt of continuationSteps(this.reaction!, c0, tauSlow)) step(dt);
    for (let k = 0; k < CONTINUATION_MAX_STEPS; k++) {
      if (solver.solve(this.u, this.v, { dt: Infinity, iterations: 0, vCycles: 0, tolerance }).relative <= tolerance) break;
      step(tauSlow / 2);
    }
  }

  async readField(name: ReadableField): Promise<FieldData> {
    if (name === 'phi') return potentialFieldData(this.validated.scenario);
    if (name === 'affinity') return { nx: this.g.nx, ny: this.g.ny, data: affinityField(this.validated, this.u, this.v) };
    return { nx: this.g.nx, ny: this.g.ny, data: this.fieldNow(name) };
  }

  /** Absolute field values of the current state. */
  fieldNow(name: FieldName): Float64Array {
    const { T0, c0 } = this.validated.scenario.reference;
    if (name === 'sigma') return this.sigma.slice();
    const src = name === 'T' ? this.u : this.v;
    const off = name === 'T' ? T0 : c0;
    return src.map((x) => x + off);
  }

  async writeField(name: 'T' | 'c', data: ArrayLike<number>): Promise<void> {
    const n = this.u.length;
    if (data.length !== n) throw new Error(`writeField(${name}): expected ${n} values (nx*ny), got ${data.length}`);
    const { T0, c0 } = this.validated.scenario.reference;
    const dst = name === 'T' ? this.u : this.v;
    const off = name === 'T' ? T0 : c0;
    for (let i = 0; i < n; i++) dst[i] = data[i] - off;
    this.history = undefined;
    this.age = 0;
    this.computeFaces();
    this.accumulateSigma();
  }

  /** Face fluxes of the current state (for flux probes and tests), positive along +x / +y. */
  faceFluxes(): Readonly<FaceArrays> {
    this.computeFaces();
    return this.faces;
  }

  async stats(): Promise<SimStats> {
    return this.statsNow();
  }

  /** The reductions of the current state: the one float64 statistics function (snapshot-stats.ts). */
  statsNow(): SimStats {
    const { nx, ny } = this.g;
    const at = { simTime: this.simTime, steps: this.steps, passes: this.passes };
    return { ...statsFromFields(this.validated, { nx, ny, T: this.u, c: this.v, sigma: this.sigma }, at), firstNonFiniteStep: this.firstNonFinite };
  }
}
