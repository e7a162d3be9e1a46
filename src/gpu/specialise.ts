/**
 * Specialisations of the stencil kernels (the forward-Euler column march, the RKL2 first and later
 * stages) for one scenario: WGSL override constants that compile out what the scenario does not
 * have. REACTION (shaders/reaction.wgsl) removes the reaction source, HEAT_SOURCES (stencil.wgsl)
 * the heat-source table lookup. On SwiftShader code a scenario never runs still costs (a guarded
 * loop nobody enters, a masked branch), so these kernels are compiled per feature set, on first
 * need, through the one pipeline cache. Every other kernel keeps the defaults (both on), which
 * are right for any scenario.
 */
import { reactionConstantsOf } from '../physics/reaction';
import type { Scenario } from '../physics/scenario';
import type { Kernel } from './pipelines';

/** What a scenario's stencil kernels must contain. */
export interface StencilFeatures {
  /** The scenario has a reaction (scenario.reaction). */
  reaction: boolean;
  /** Some fluid cell kind has a non-zero heat source (the Params source table). */
  heatSources: boolean;
}

/** The features of scenario `s` whose cell kinds index the heat-source table `sourceTable` [W/m^3]. */
export function stencilFeaturesOf(s: Scenario, sourceTable: ArrayLike<number>): StencilFeatures {
  let heatSources = false;
  for (let k = 0; k < sourceTable.length; k++) heatSources ||= sourceTable[k] !== 0;
  return { reaction: reactionConstantsOf(s) !== undefined, heatSources };
}

const variants = new WeakMap<Kernel, Map<string, Kernel>>();

/**
 * Kernel `k` compiled for `f` (the same object for the same k and f: no allocation per dispatch).
 * With every feature present it is `k` itself (the shader's defaults).
 */
export function specialised<N extends string>(k: Kernel<N>, f: StencilFeatures): Kernel<N> {
  if (f.reaction && f.heatSources) return k;
  const key = `${+f.reaction}${+f.heatSources}`;
  let byKey = variants.get(k);
  if (!byKey) variants.set(k, (byKey = new Map()));
  let out = byKey.get(key);
  if (!out) byKey.set(key, (out = { ...k, constants: { ...k.constants, REACTION: +f.reaction, HEAT_SOURCES: +f.heatSources } }));
  return out as Kernel<N>;
}
