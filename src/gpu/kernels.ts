/**
 * The solver's kernel modules as the one source of their bindings and reduction slots: WGSL
 * declarations are generated from these tables (as `<file>.bindings` / `totals.slots` sources),
 * and every bind group is built from the same names. shaders/implicit.wgsl and multigrid.wgsl are
 * still declared by hand (ported next, docs/architecture.md).
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

/** The generated WGSL sources the shaders include (`//!include step.bindings` ...). */
export function generatedSources(): ShaderSources {
  const out: Record<string, string> = {};
  for (const t of [stepTable, rkl2Table, totalsTable]) out[t.file.replace(/\.wgsl$/, '.bindings')] = t.wgsl;
  out['totals.slots'] = totalsSlots.wgsl;
  return out;
}
