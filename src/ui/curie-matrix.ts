/**
 * Curie's principle in the Onsager panel (physics.md 9): the full linear matrix of the fluxes
 * [Jq', J1 | r] against the forces [Xq, X1 | A/T]. The vector block (heat and mass, the 2x2
 * Onsager matrix) and the scalar block (the reaction near equilibrium: r = L_rr A/T with
 * L_rr = sqrt(rf rb)/R, from r = r_ex A/(RT)) are joined by zero blocks: in an isotropic medium a
 * scalar force cannot drive a vector flux, nor a vector force a scalar one. Without a reaction the
 * scalar row and column are drawn greyed.
 */
import { reactionConstantsOf, reactionRates } from '../physics/reaction';
import { GAS_CONSTANT } from '../physics/thermo';
import type { Validated } from '../physics/validate';
import { fmt } from '../view/format';

export const CURIE_REASON = 'Curie: the affinity A is a scalar and Jq′, J1 are vectors; in an isotropic medium no coefficient can couple them, so the blocks between them are zero.';

export interface CurieMatrix {
  /** Rows Jq', J1, r; columns Xq, X1, A/T; null where Curie's principle forces a zero. */
  entries: (number | null)[][];
  /** Whether the scenario has a reaction (else the scalar row and column are greyed). */
  reaction: boolean;
}

/** The full matrix at the reference state (T0, c0). */
export function curieMatrix(v: Validated): CurieMatrix {
  const L = v.derived.onsager;
  const k = reactionConstantsOf(v.scenario);
  let Lrr = 0;
  if (k) {
    const { T0, c0 } = v.scenario.reference;
    const x = reactionRates(k, T0, c0);
    Lrr = Math.sqrt(x.rf * x.rb) / GAS_CONSTANT;
  }
  return {
    entries: [
      [L.Lqq, L.Lq1, null],
      [L.L1q, L.L11, null],
      [null, null, Lrr],
    ],
    reaction: k !== undefined,
  };
}

const ROWS = ['Jq′', 'J1', 'r'];
const COLS = ['Xq', 'X1', 'A/T'];

/** The matrix as an HTML table (zero blocks marked `curie-zero`, the absent reaction `curie-absent`) and the reason line. */
export function curieMatrixHtml(v: Validated): string {
  const m = curieMatrix(v);
  const cell = (x: number | null, i: number, j: number) => {
    const scalar = i === 2 || j === 2;
    const absent = scalar && !m.reaction ? ' curie-absent' : '';
    if (x === null) return `<td class="curie-zero${absent}" title="zero by Curie's principle">0</td>`;
    const name = i === 2 ? 'L_rr' : `L${['q', '1'][i]}${['q', '1'][j]}`;
    return `<td class="curie-coef${absent}" title="${name}">${absent ? '—' : fmt(x)}</td>`;
  };
  const head = `<tr><th></th>${COLS.map((c, j) => `<th${j === 2 && !m.reaction ? ' class="curie-absent"' : ''}>${c}</th>`).join('')}</tr>`;
  const body = m.entries.map((row, i) => `<tr><th${i === 2 && !m.reaction ? ' class="curie-absent"' : ''}>${ROWS[i]}</th>${row.map((x, j) => cell(x, i, j)).join('')}</tr>`).join('');
  const note = m.reaction
    ? `<div>L_rr = √(rf·rb)/R at (T0, c0), mol² K/(J m³ s): the linear law r = L_rr·A/T, valid near equilibrium</div>`
    : `<div class="curie-absent">no reaction in this scenario: the scalar row and column are empty</div>`;
  return `<table class="curie-matrix" data-testid="curie-matrix" aria-label="full Onsager matrix with Curie's zero blocks">${head}${body}</table>${note}<div class="curie-reason">${CURIE_REASON}</div>`;
}
