/**
 * The kernels a solver compiles before its first step: every one it may use but the implicit
 * scheme's, with the stencil kernels specialised for the scenario's features (specialise.ts). The
 * implicit scheme's (IMPLICIT_KERNELS) are compiled with them when the scenario starts implicit,
 * else by the first `ready()`, `step` or jump that needs them.
 */
import { ENTROPY, EULER, EULER_EDGE } from './grid-fields';
import type { Kernel } from './pipelines';
import { rkl2Kernels } from './rkl2';
import { specialised, type StencilFeatures } from './specialise';
import { REDUCE_CELLS, REDUCE_GROUPS } from './totals';

export function solverKernels(f: StencilFeatures): Kernel[] {
  return [specialised(EULER, f), EULER_EDGE, ENTROPY, REDUCE_CELLS, REDUCE_GROUPS, ...rkl2Kernels(f)];
}

