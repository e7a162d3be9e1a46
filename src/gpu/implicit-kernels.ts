/**
 * The implicit scheme's kernels on the GPU (shaders/implicit.wgsl, multigrid.wgsl through
 * mgcoarse.wgsl and mgfine.wgsl) with the names each binds, its solve slots, and how its
 * reduction's slots read as residual sums. implicit.ts encodes them.
 */
import { F32_EPSILON, type ResidualSums } from '../physics/implicit';
import { implicitSlots, implicitTable, mgFineTable, multigridTable } from './kernels';
import { kernel, type Kernel } from './pipelines';
import { REDUCE_WG, reduceGroupCount } from './params';

/** Bytes of the residual sums as read back. */
export const SUMS_BYTES = implicitSlots.count * 4;
/** Solve slots: backward Euler, BDF2, the jump, and a backward-Euler substep (its dt written per substep). */
export const SOLVE_BE = 0;
export const SOLVE_BDF2 = 1;
export const SOLVE_JUMP = 2;
export const SOLVE_SUBSTEP = 3;
/** Solve slots in the buffer. */
export const SOLVE_SLOTS = 4;

export type FineName = keyof typeof implicitTable.bindings;
export type LevelName = keyof typeof multigridTable.bindings;
export type FineLevelName = keyof typeof mgFineTable.bindings;

/** The fine-level kernels (shaders/implicit.wgsl): per group, the names each binds. */
export const BEGIN = kernel(implicitTable, 'beginStep', [['P', 'uIn', 'vIn', 'yb', 'yPrev'], ['S']]);
/** Same bindings as BEGIN (its bind groups serve both). */
export const RESTORE = kernel(implicitTable, 'restoreStart', [['P', 'uIn', 'vIn', 'yb', 'yPrev'], ['S']]);
/** A substep's start (Yb := Y, Y^n kept in yPrev) and its restore (Y := Yb); same bindings as BEGIN. */
export const BEGIN_SUBSTEP = kernel(implicitTable, 'beginSubstep', [['P', 'uIn', 'vIn', 'yb', 'yPrev'], ['S']]);
export const RESTORE_SUBSTEP = kernel(implicitTable, 'restoreSubstep', [['P', 'uIn', 'vIn', 'yb', 'yPrev'], ['S']]);
export const ASSEMBLE = kernel(implicitTable, 'assemble', [['P', 'uIn', 'vIn', 'cellKind', 'xs', 'bs', 'scale', 'yb'], ['S']]);
export const REDUCE_CELLS = kernel(implicitTable, 'reduceCells', [['P', 'uIn', 'vIn', 'cellKind', 'xs', 'bs', 'scale', 'yb', 'partials']]);
export const REDUCE_GROUPS = kernel(implicitTable, 'reduceGroups', [['partials', 'totals']]);
/** The residual sums of a time step's start, kept (from totals, after its first assembly). */
export const KEEP_STEP_START = kernel(implicitTable, 'keepStepStart', [['totals', 'stepStart']]);
const PROJECT_GROUPS = [['P', 'cellKind', 'xs', 'bs', 'totals'], ['S']] as const;
export const PROJECT_RHS = kernel(implicitTable, 'projectRhs', PROJECT_GROUPS);
export const PROJECT_CORRECTION = kernel(implicitTable, 'projectCorrection', PROJECT_GROUPS);
/** A time step's state shifted back onto its kept totals after an update (physics/implicit.ts keepStepTotals). */
export const KEEP_TOTALS = kernel(implicitTable, 'keepTotals', [['P', 'uIn', 'vIn', 'cellKind', 'totals'], ['S']]);
export const UPDATE = kernel(implicitTable, 'update', [['P', 'uIn', 'vIn', 'cellKind', 'status', 'xs'], ['S'], ['slot']]);
/** The level kernels (shaders/multigrid.wgsl) by name. */
export type LevelKernel = 'smoothBlocks' | 'restrictResidual' | 'prolong' | 'coarsen';
export const LEVEL_KERNELS = ['smoothBlocks', 'restrictResidual', 'prolong', 'coarsen'] as const;
/** On the coarse levels (shaders/mgcoarse.wgsl): their stored operators, the packed x and b, the level slot. */
export const COARSE = Object.fromEntries(LEVEL_KERNELS.map((e) => [e, kernel(multigridTable, e)])) as Record<LevelKernel, Kernel<LevelName>>;
/** On the finest level (shaders/mgfine.wgsl): its operator from the state, the solve slot, the level slot. */
export const FINE = Object.fromEntries(LEVEL_KERNELS.map((e) => [e, kernel(mgFineTable, e)])) as Record<LevelKernel, Kernel<FineLevelName>>;

/** Every kernel of the implicit scheme and the jump (compiled ahead by the solver: `prepare`). */
export const IMPLICIT_KERNELS: readonly Kernel[] = [
  BEGIN,
  RESTORE,
  BEGIN_SUBSTEP,
  RESTORE_SUBSTEP,
  ASSEMBLE,
  REDUCE_CELLS,
  REDUCE_GROUPS,
  KEEP_STEP_START,
  PROJECT_RHS,
  PROJECT_CORRECTION,
  KEEP_TOTALS,
  UPDATE,
  ...LEVEL_KERNELS.map((e) => COARSE[e]),
  ...LEVEL_KERNELS.map((e) => FINE[e]),
];

/** The residual sums among the reduction's slots (by name, kernels.ts implicitSlots). */
export const sumsOf = (t: ArrayLike<number>): ResidualSums => {
  const s = implicitSlots.index;
  // The reduction's own rounding of the sum of R (shaders/reduction.wgsl): eps x the additions
  // along its deepest path (each invocation's run of cells, then two trees of REDUCE_WG and the
  // partials) x sum |R|, at most sqrt(N sum R^2).
  const cells = Math.max(t[s.fluid], 1);
  const groups = reduceGroupCount(cells);
  const depth = Math.ceil(cells / (groups * REDUCE_WG)) + Math.ceil(groups / REDUCE_WG) + 2 * Math.log2(REDUCE_WG);
  const reduced = (r2: number) => F32_EPSILON * depth * Math.sqrt(cells * r2);
  return {
    r2: [t[s.bT2], t[s.bC2]],
    s2: [t[s.scaleT2], t[s.scaleC2]],
    fluid: t[s.fluid],
    b2: [t[s.boundT2], t[s.boundC2]],
    // b = -R
    sum: [-t[s.bT], -t[s.bC]],
    balance: [t[s.balanceT], t[s.balanceC]],
    balanceBound: [t[s.balanceBoundT] + reduced(t[s.bT2]), t[s.balanceBoundC] + reduced(t[s.bC2])],
  };
};
