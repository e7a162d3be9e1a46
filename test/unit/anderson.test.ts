/**
 * Anderson mixing of a fixed-point iteration (physics/anderson.ts), on maps whose plain iteration
 * cannot converge, and its safeguard; then the jumps of the sweep draws it was built for (the
 * strong-Soret class of issue 8), on the float64 reference.
 */
import { describe, expect, it } from 'vitest';
import { AndersonMixer, keepsBounds, solveSmall } from '../../src/physics/anderson';
import { ReferenceSimulation } from '../../src/physics/reference';
import { parseScenario } from '../../src/physics/validate';
import { report } from '../helpers/report';
import { STRONG_SORET_172x1, STRONG_SORET_7x2 } from '../helpers/sweep-cases';

/**
 * x <- G(x) = x - M (x - x*) with M block-diagonal 2 x 2 blocks [[a, -b], [b, a]]: the plain
 * iteration's amplification per block is |1 - (a +- ib)|, > 1 for b = 3 (as the frozen jump's
 * eigenvalues far off the real axis, docs/architecture.md "Still failing").
 */
function rotatingMap(n: number, star: Float64Array) {
  return (x: Float64Array, out: Float64Array) => {
    for (let k = 0; k < n; k += 2) {
      const a = 0.5 + (0.5 * k) / n;
      const b = 3 * (1 + k / n);
      const e0 = x[k] - star[k];
      const e1 = x[k + 1] - star[k + 1];
      out[k] = x[k] - (a * e0 - b * e1);
      out[k + 1] = x[k + 1] - (b * e0 + a * e1);
    }
    return out;
  };
}

const errorOf = (x: Float64Array, star: Float64Array) => Math.max(...x.map((v, i) => Math.abs(v - star[i])));

describe('Anderson mixing (anderson.ts)', () => {
  const n = 4; // two blocks: depth 5 spans them (a windowed mix of fewer directions than the map has need not converge)
  const star = Float64Array.from({ length: n }, (_, i) => 1 + i / 10);
  const G = rotatingMap(n, star);
  const w = new Float64Array(n).fill(1);

  it('converges where the plain iteration diverges (a rotation-dilation map, 2 blocks)', () => {
    const plain = new Float64Array(n);
    const mixed = new Float64Array(n);
    const mixer = new AndersonMixer(n, 5);
    const gx = new Float64Array(n);
    for (let k = 0; k < 30; k++) {
      plain.set(G(plain, gx));
      G(mixed, gx);
      mixer.next(mixed, gx, w, () => true, gx);
      mixed.set(gx);
    }
    report('rotating map, 30 iterations: plain error, mixed error', `${errorOf(plain, star).toExponential(2)} ${errorOf(mixed, star).toExponential(2)}`);
    expect(errorOf(plain, star)).toBeGreaterThan(1e3);
    expect(errorOf(mixed, star)).toBeLessThan(1e-10);
  });

  it('halves the mixed part while the iterate is not acceptable, and takes G(x) (history cleared) when no halving is', () => {
    const mixer = new AndersonMixer(n, 5);
    const x = new Float64Array(n);
    const gx = new Float64Array(n);
    const out = new Float64Array(n);
    mixer.next(x, G(x, gx), w, () => true, out); // no history yet: G(x)
    expect(Array.from(out)).toEqual(Array.from(gx));
    x.set(out);
    G(x, gx);
    expect(mixer.next(x, gx, w, () => false, out)).toBe(false);
    expect(Array.from(out)).toEqual(Array.from(gx));
    expect(mixer.plain).toBe(1);
    // the history was cleared; the plain iterate and the next make a pair again, mixed once acceptable
    x.set(out);
    G(x, gx);
    let halved = 0;
    expect(mixer.next(x, gx, w, () => ++halved > 2, new Float64Array(n))).toBe(true);
    expect(halved).toBe(3); // accepted at the third try: theta = 1/4
  });

  it('keepsBounds: refuses a mixed iterate that leaves T > 0 or c in (0, 1) only where G(x) keeps them', () => {
    const solid = [0, 0];
    const gx = Float64Array.from([0, 0.4, 0, 0.4]); // T0 = 300, c0 = 0.5: c = 0.9 in both cells
    expect(keepsBounds(Float64Array.from([0, 0.4, 0, 0.6]), gx, 300, 0.5, solid)).toBe(false); // c = 1.1
    expect(keepsBounds(Float64Array.from([-301, 0.4, 0, 0.4]), gx, 300, 0.5, solid)).toBe(false); // T < 0
    expect(keepsBounds(Float64Array.from([0, 0.6, 0, 0.6]), Float64Array.from([0, 0.6, 0, 0.4]), 300, 0.5, solid)).toBe(false);
    expect(keepsBounds(Float64Array.from([0, 0.7, 0, 0.3]), Float64Array.from([0, 0.6, 0, 0.4]), 300, 0.5, solid)).toBe(true); // cell 0 was out already
    expect(keepsBounds(Float64Array.from([0, 0.7, 0, 0.3]), Float64Array.from([0, 0.6, 0, 0.4]), 300, 0.5, [0, 1])).toBe(true); // a solid cell is not judged
  });

  it('solveSmall solves a pivoting 3 x 3 system', () => {
    const A = Float64Array.from([0, 2, 1, 1, 1, 1, 2, 1, 3]);
    const b = Float64Array.from([7, 6, 13]);
    expect(Array.from(solveSmall(A, b, 3)).map((x) => Math.round(x * 1e12) / 1e12)).toEqual([1, 2, 3]);
  });
});

describe('strong-Soret jumps the plain ladder leaves unconverged, converged after it (exact Newton where it fits, physics/newton.ts; else mixed) (CPU reference)', () => {
  // Forward Euler moves c measurably within 200 of its steps only on the first (on the second, the
  // heat's stability limit keeps its steps ~1e-13 of c's time: the GPU = CPU test checks that one,
  // test/gpu/jump-coupling.test.ts).
  for (const [name, raw, plain, eulerMovesC] of [
    ['seed 2126 #66 (7 x 2 cells of 1:197, S_T = -10 1/K)', STRONG_SORET_7x2, 2.2e-2, true],
    ['seed 2117 #34 (172 x 1, S_T = -10 1/K)', STRONG_SORET_172x1, 9.0e-3, false],
  ] as const) {
    it(`${name}: converges${eulerMovesC ? ', and its state is steady (forward Euler from it barely moves it)' : ''}`, () => {
      const v = parseScenario(raw);
      const sim = new ReferenceSimulation(v);
      const rep = sim.jumpNow();
      report(`jump ${name}: iterations (all attempts), relative residual (plain ladder alone: ${plain})`, `${rep.iterations} ${rep.relative.toExponential(2)}`);
      expect(rep.converged).toBe(true);
      if (!eulerMovesC) return sim.destroy();
      // An independent check of steadiness: forward Euler (the explicit tendency, not the jump's
      // residual) over 200 of its steps moves the state by less than 1e-5 of its excursion, while
      // the same state with c off by 1e-3 in one cell moves by more than 1e-3 (the check can fail).
      const euler = parseScenario({ ...raw, time: { scheme: 'euler' } });
      const { T0, c0 } = v.scenario.reference;
      const moved = (T: Float64Array, c: Float64Array) => {
        const probe = new ReferenceSimulation(euler);
        void probe.writeField('T', T);
        void probe.writeField('c', c);
        probe.advance(200);
        const gone = (f: 'T' | 'c', a: Float64Array, ref: number) => {
          const b = probe.fieldNow(f);
          const excursion = Math.max(...a.map((x) => Math.abs(x - ref)), f === 'T' ? 1e-9 * ref : 1e-9);
          return Math.max(...a.map((x, i) => Math.abs(b[i] - x))) / excursion;
        };
        const r = Math.max(gone('T', T, T0), gone('c', c, c0));
        probe.destroy();
        return r;
      };
      const T = sim.fieldNow('T');
      const c = sim.fieldNow('c');
      const off = c.slice();
      off[0] += 1e-3 * Math.min(off[0], 1 - off[0]);
      const [steady, perturbed] = [moved(T, c), moved(T, off)];
      report(`${name}: forward Euler x 200 from the jump's state, and with c off by 1e-3 in one cell: moved (of the excursion)`, `${steady.toExponential(2)} ${perturbed.toExponential(2)}`);
      expect(steady).toBeLessThan(1e-5);
      expect(perturbed).toBeGreaterThan(1e-3);
      sim.destroy();
    });
  }
});
