/**
 * Specialisations of the stencil kernels (the forward-Euler column march, the RKL2 first and later
 * stages) for one scenario: WGSL override constants that compile out what the scenario does not
 * have. REACTION (shaders/reaction.wgsl) removes the reaction source, HEAT_SOURCES (stencil.wgsl)
 * the heat-source table lookup, SOLIDS (columns.wgsl) the obstacle tests: without obstacles and
 * without heat sources the march loads no cell kind at all. On SwiftShader code a scenario never runs still costs (a guarded
 * loop nobody enters, a masked branch), so these kernels are compiled per feature set, on first
 * need, through the one pipeline cache. Every other kernel keeps the defaults (both on), which
 * are right for any scenario.
 */
import { reactionConstantsOf } from '../physics/reaction';
import type { Scenario } from '../physics/scenario';
import { CELL_SOLID } from './params';
import type { Kernel } from './pipelines';

/** What a scenario's stencil kernels must contain. */
export interface StencilFeatures {
  /** The scenario has a reaction (scenario.reaction). */
  reaction: boolean;
  /** Some fluid cell kind has a non-zero heat source (the Params source table). */
  heatSources: boolean;
  /** Some cell is a solid obstacle (CELL_SOLID in the cell kind buffer). */
  solids: boolean;
}

/**
 * The features of scenario `s` whose cell kinds `kinds` (gpu/params.ts cellKindsOf) index the
 * heat-source table `sourceTable` [W/m^3].
 */
export function stencilFeaturesOf(s: Scenario, sourceTable: ArrayLike<number>, kinds: ArrayLike<number>): StencilFeatures {
  let heatSources = false;
  for (let k = 0; k < sourceTable.length; k++) heatSources ||= sourceTable[k] !== 0;
  let solids = false;
  for (let i = 0; i < kinds.length && !solids; i++) solids = kinds[i] === CELL_SOLID;
  return { reaction: reactionConstantsOf(s) !== undefined, heatSources, solids };
}

/** Every feature present: the shaders' defaults, right for any scenario. */
export const ALL_FEATURES: StencilFeatures = { reaction: true, heatSources: true, solids: true };

const variants = new WeakMap<Kernel, Map<string, Kernel>>();

/**
 * Kernel `k` compiled for `f` (the same object for the same k and f: no allocation per dispatch).
 * With every feature present it is `k` itself (the shader's defaults).
 */
export function specialised<N extends string>(k: Kernel<N>, f: StencilFeatures): Kernel<N> {
  if (f.reaction && f.heatSources && f.solids) return k;
  const key = `${+f.reaction}${+f.heatSources}${+f.solids}`;
  let byKey = variants.get(k);
  if (!byKey) variants.set(k, (byKey = new Map()));
  let out = byKey.get(key);
  if (!out) byKey.set(key, (out = { ...k, constants: { ...k.constants, REACTION: +f.reaction, HEAT_SOURCES: +f.heatSources, SOLIDS: +f.solids } }));
  return out as Kernel<N>;
}
