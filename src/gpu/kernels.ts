/**
 * The solver's kernel modules as the one source of their bindings and reduction slots: WGSL
 * declarations are generated from these tables (as `<file>.bindings` / `totals.slots` sources),
 * and every bind group is built from the same names.
 */
import { bindingTable, reductionSlots } from './schema';
import type { ShaderSources } from './shaders';

/** shaders/step.wgsl: forward Euler (step + stepEdge) and the entropy pass. */
export const stepTable = bindingTable('step.wgsl', {
  P: { group: 0, binding: 0, kind: 'uniform', type: 'Params' },
  uIn: { group: 0, binding: 1, kind: 'read', type: 'array<f32>' },
  vIn: { group: 0, binding: 2, kind: 'read', type: 'array<f32>' },
  uOut: { group: 0, binding: 3, kind: 'read-write', type: 'array<f32>' },
  vOut: { group: 0, binding: 4, kind: 'read-write', type: 'array<f32>' },
  sigmaOut: { group: 0, binding: 5, kind: 'read-write', type: 'array<f32>' },
  cellKind: { group: 0, binding: 6, kind: 'read', type: 'array<u32>' },
  status: { group: 0, binding: 7, kind: 'read-write', type: 'Status' },
  slot: { group: 1, binding: 0, kind: 'dynamic-uniform', type: 'StepSlot' },
});

/** shaders/rkl2.wgsl: the RKL2 stages (increment form) and the final apply. */
export const rkl2Table = bindingTable('rkl2.wgsl', {
  P: { group: 0, binding: 0, kind: 'uniform', type: 'Params' },
  uIn: { group: 0, binding: 1, kind: 'read', type: 'array<f32>' },
  vIn: { group: 0, binding: 2, kind: 'read', type: 'array<f32>' },
  cellKind: { group: 0, binding: 3, kind: 'read', type: 'array<u32>' },
  uOut: { group: 0, binding: 5, kind: 'read-write', type: 'array<f32>' },
  vOut: { group: 0, binding: 6, kind: 'read-write', type: 'array<f32>' },
  status: { group: 0, binding: 7, kind: 'read-write', type: 'Status' },
  dPrev: { group: 1, binding: 0, kind: 'read-write', type: 'array<vec2f>' },
  dNext: { group: 1, binding: 1, kind: 'read-write', type: 'array<vec2f>' },
  e0: { group: 1, binding: 2, kind: 'read-write', type: 'array<vec2f>' },
  stage: { group: 2, binding: 0, kind: 'dynamic-uniform', type: 'Stage' },
  slot: { group: 2, binding: 1, kind: 'dynamic-uniform', type: 'StepSlot' },
});

/**
 * The totals of a state (shaders/totals.wgsl): sums over fluid cells, extremes, the non-finite
 * count, the edge-column sums of c - c0 and the heat flowing in through each wall [W/m].
 */
export const totalsSlots = reductionSlots('totals', 'TOTAL', [
  ['sumU', 'sum'],
  ['sumV', 'sum'],
  ['sumSigma', 'sum'],
  ['minU', 'min'],
  ['maxU', 'max'],
  ['minV', 'min'],
  ['maxV', 'max'],
  ['minSigma', 'min'],
  ['maxSigma', 'max'],
  ['nonFinite', 'sum'],
  ['leftV', 'sum'],
  ['rightV', 'sum'],
  ['heatInLeft', 'sum'],
  ['heatInRight', 'sum'],
  ['heatInBottom', 'sum'],
  ['heatInTop', 'sum'],
  ['currentLeft', 'sum'],
  ['currentRight', 'sum'],
  ['currentBottom', 'sum'],
  ['currentTop', 'sum'],
] as const);

/** shaders/totals.wgsl: the two-pass reduction of the totals. */
export const totalsTable = bindingTable('totals.wgsl', {
  P: { group: 0, binding: 0, kind: 'uniform', type: 'Params' },
  uIn: { group: 0, binding: 1, kind: 'read', type: 'array<f32>' },
  vIn: { group: 0, binding: 2, kind: 'read', type: 'array<f32>' },
  sigmaIn: { group: 0, binding: 3, kind: 'read', type: 'array<f32>' },
  cellKind: { group: 0, binding: 4, kind: 'read', type: 'array<u32>' },
  partials: { group: 0, binding: 5, kind: 'read-write', type: 'array<f32>' },
  totals: { group: 0, binding: 6, kind: 'read-write', type: `array<f32, ${totalsSlots.count}>` },
});

/**
 * The residual sums of the implicit scheme over fluid cells (shaders/implicit.wgsl through the
 * two-pass reduction; read by gpu/implicit.ts): |b|^2 and |scale|^2 per channel, b per channel,
 * the corrections x_T and g x_z, the fluid cell count, g, and the sums of T - T0 and c - c0
 * (g = c(1-c), the change of c per unit x_z); then |bound|^2 per channel, the residual's float32
 * round-off bound in time steps (physics/implicit.ts residualReport); Yb's u, v; the balance scale
 * and its sum's round-off bound per channel (physics/implicit.ts ResidualSums.balance).
 */
export const implicitSlots = reductionSlots('implicit residual', 'RES', [
  ['bT2', 'sum'],
  ['bC2', 'sum'],
  ['scaleT2', 'sum'],
  ['scaleC2', 'sum'],
  ['bT', 'sum'],
  ['bC', 'sum'],
  ['xT', 'sum'],
  ['gxZ', 'sum'],
  ['fluid', 'sum'],
  ['g', 'sum'],
  ['u', 'sum'],
  ['v', 'sum'],
  ['boundT2', 'sum'],
  ['boundC2', 'sum'],
  ['ybU', 'sum'],
  ['ybV', 'sum'],
  ['balanceT', 'sum'],
  ['balanceC', 'sum'],
  ['balanceBoundT', 'sum'],
  ['balanceBoundC', 'sum'],
] as const);

/** shaders/implicit.wgsl: the implicit scheme on the finest level (fields updated in place). */
export const implicitTable = bindingTable('implicit.wgsl', {
  P: { group: 0, binding: 0, kind: 'uniform', type: 'Params' },
  uIn: { group: 0, binding: 1, kind: 'read-write', type: 'array<f32>' },
  vIn: { group: 0, binding: 2, kind: 'read-write', type: 'array<f32>' },
  cellKind: { group: 0, binding: 3, kind: 'read', type: 'array<u32>' },
  status: { group: 0, binding: 4, kind: 'read-write', type: 'Status' },
  xs: { group: 0, binding: 6, kind: 'read-write', type: 'array<vec2f>' },
  bs: { group: 0, binding: 7, kind: 'read-write', type: 'array<vec2f>' },
  /**
   * Two per cell. 2 idx: xy, the transport scale of its residual (physics/implicit.ts), per
   * channel; zw, the residual's float32 round-off bound per channel (time steps only; 0 in the
   * jump). 2 idx + 1: xy, the balance scale (ResidualSums.balance); zw, its round-off bound.
   */
  scale: { group: 0, binding: 8, kind: 'read-write', type: 'array<vec4f>' },
  /** Yb = (a1 Y^n - a2 Y^{n-1}) / a0: the time-derivative term is a0 M (Y - Yb) / dt. */
  yb: { group: 0, binding: 9, kind: 'read-write', type: 'array<vec2f>' },
  /** Y^{n-1}, for BDF2. */
  yPrev: { group: 0, binding: 10, kind: 'read-write', type: 'array<vec2f>' },
  partials: { group: 0, binding: 11, kind: 'read-write', type: 'array<f32>' },
  totals: { group: 0, binding: 12, kind: 'read-write', type: `array<f32, ${implicitSlots.count}>` },
  /** The residual sums of a time step's start (its first assembly: Y^n at the step's dt), for `rose`. */
  stepStart: { group: 0, binding: 13, kind: 'read-write', type: `array<f32, ${implicitSlots.count}>` },
  S: { group: 1, binding: 0, kind: 'dynamic-uniform', type: 'Solve' },
  slot: { group: 2, binding: 0, kind: 'dynamic-uniform', type: 'StepSlot' },
});

/**
 * shaders/mgcoarse.wgsl: the level kernels (multigrid.wgsl) on a coarse level: x and b of every
 * level packed in xs, bs; this level's stored operators `ops` and the next coarser level's `cops`
 * (one buffer per level, so none holds more than one level); L the level slot.
 */
export const multigridTable = bindingTable('mgcoarse.wgsl', {
  ops: { group: 0, binding: 0, kind: 'read-write', type: 'array<CellOp>' },
  xs: { group: 0, binding: 1, kind: 'read-write', type: 'array<vec2f>' },
  bs: { group: 0, binding: 2, kind: 'read-write', type: 'array<vec2f>' },
  cops: { group: 0, binding: 3, kind: 'read-write', type: 'array<CellOp>' },
  L: { group: 1, binding: 0, kind: 'dynamic-uniform', type: 'Level' },
});

/**
 * shaders/mgfine.wgsl: the same level kernels on the finest level, whose operator is recomputed
 * from the state (P, uIn, vIn, cellKind) and the solve slot S instead of stored; `coarsen` writes
 * level 1's operators into `cops`.
 */
export const mgFineTable = bindingTable('mgfine.wgsl', {
  P: { group: 0, binding: 0, kind: 'uniform', type: 'Params' },
  uIn: { group: 0, binding: 1, kind: 'read', type: 'array<f32>' },
  vIn: { group: 0, binding: 2, kind: 'read', type: 'array<f32>' },
  cellKind: { group: 0, binding: 3, kind: 'read', type: 'array<u32>' },
  cops: { group: 0, binding: 4, kind: 'read-write', type: 'array<CellOp>' },
  xs: { group: 0, binding: 5, kind: 'read-write', type: 'array<vec2f>' },
  bs: { group: 0, binding: 6, kind: 'read-write', type: 'array<vec2f>' },
  S: { group: 1, binding: 0, kind: 'dynamic-uniform', type: 'Solve' },
  L: { group: 2, binding: 0, kind: 'dynamic-uniform', type: 'Level' },
});

/** The generated WGSL sources the shaders include (`//!include step.bindings` ...). */
export function generatedSources(): ShaderSources {
  const out: Record<string, string> = {};
  for (const t of [stepTable, rkl2Table, totalsTable, implicitTable, multigridTable, mgFineTable]) out[t.file.replace(/\.wgsl$/, '.bindings')] = t.wgsl;
  out['totals.slots'] = totalsSlots.wgsl;
  out['implicit.slots'] = implicitSlots.wgsl;
  return out;
}
