/**
 * One TypeScript source for the facts WGSL and TypeScript share, from which the WGSL is generated
 * (docs/architecture.md, "One source per fact"): each kernel module's bindings by name (the WGSL
 * `@group @binding var` lines, the bind group layouts and the bind groups), the reduction slots
 * (their WGSL indices, identities and combine rules, and the TS reads of the totals), and the
 * uniform slot stride. Uniform structs are in layout.ts / params.ts; numeric constants in
 * params.ts's prelude.
 */

/** Uniform slots addressed by dynamic offset are this many bytes apart (WebGPU's minimum alignment). */
export const SLOT_STRIDE = 256;

/** How a kernel sees a buffer. */
export type BindingKind = 'uniform' | 'dynamic-uniform' | 'read' | 'read-write';

export interface BindingSpec {
  readonly group: number;
  readonly binding: number;
  readonly kind: BindingKind;
  /** The WGSL type (`Params`, `array<f32>`, `Status`, ...). */
  readonly type: string;
}

export interface BindingTable<N extends string> {
  /** The shader file whose bindings these are (generated into `<file>.bindings`). */
  readonly file: string;
  readonly bindings: Readonly<Record<N, BindingSpec>>;
  /** Group numbers in use, ascending. */
  readonly groups: readonly number[];
  /** The generated WGSL declarations. */
  readonly wgsl: string;
}

function wgslVar(name: string, b: BindingSpec): string {
  const space = b.kind === 'uniform' || b.kind === 'dynamic-uniform' ? 'uniform' : b.kind === 'read' ? 'storage, read' : 'storage, read_write';
  return `@group(${b.group}) @binding(${b.binding}) var<${space}> ${name}: ${b.type};`;
}

/**
 * A kernel module's bindings, by name. Throws on two names at one (group, binding): the
 * numbers are chosen here once and nowhere else.
 */
export function bindingTable<const N extends string>(file: string, bindings: Record<N, BindingSpec>): BindingTable<N> {
  const seen = new Map<string, string>();
  for (const [name, b] of Object.entries(bindings) as [N, BindingSpec][]) {
    const key = `${b.group}/${b.binding}`;
    if (seen.has(key)) throw new Error(`${file}: ${name} and ${seen.get(key)} both at @group(${b.group}) @binding(${b.binding})`);
    seen.set(key, name);
  }
  const entries = Object.entries(bindings) as [N, BindingSpec][];
  const groups = [...new Set(entries.map(([, b]) => b.group))].sort((a, b) => a - b);
  const wgsl = `// Generated from src/gpu/schema.ts (${file}).\n${entries.map(([n, b]) => wgslVar(n, b)).join('\n')}\n`;
  return { file, bindings, groups, wgsl };
}

/** Layout entries of `group` restricted to `names` (a kernel's layout holds what it uses). */
export function layoutEntries<N extends string>(table: BindingTable<N>, group: number, names?: readonly N[]): GPUBindGroupLayoutEntry[] {
  return (Object.entries(table.bindings) as [N, BindingSpec][])
    .filter(([n, b]) => b.group === group && (!names || names.includes(n)))
    .map(([, b]) => ({
      binding: b.binding,
      visibility: GPUShaderStage.COMPUTE,
      buffer: b.kind === 'dynamic-uniform' ? { type: 'uniform', hasDynamicOffset: true } : { type: b.kind === 'uniform' ? 'uniform' : b.kind === 'read' ? 'read-only-storage' : 'storage' },
    }));
}

/** A buffer for one named binding: the whole buffer, or `size` bytes from offset 0 (dynamic uniforms). */
export type BoundBuffer = GPUBuffer | { buffer: GPUBuffer; size: number };

/** A bind group built from names: `resources` maps each binding name of the layout to its buffer. */
export function namedBindGroup<N extends string>(
  device: GPUDevice,
  label: string,
  table: BindingTable<N>,
  layout: GPUBindGroupLayout,
  resources: Partial<Record<N, BoundBuffer>>,
): GPUBindGroup {
  const entries = (Object.entries(resources) as [N, BoundBuffer][]).map(([name, r]) => {
    const b = table.bindings[name];
    if (!b) throw new Error(`${table.file}: no binding named ${name}`);
    return { binding: b.binding, resource: 'buffer' in r ? r : { buffer: r } };
  });
  return device.createBindGroup({ label, layout, entries });
}

/** How a reduction slot combines values. */
export type SlotRule = 'sum' | 'min' | 'max';

export interface ReductionSlots<N extends string> {
  readonly name: string;
  /** Slot index by name. */
  readonly index: Readonly<Record<N, number>>;
  readonly rules: readonly SlotRule[];
  readonly count: number;
  /** WGSL: `const <PREFIX>_<NAME>: u32`, the slot count, identityOf and combineOf. */
  readonly wgsl: string;
}

const BIG = '3.0e38';

/**
 * The slots of a two-pass reduction (shaders/reduce.wgsl): one line per slot. The kernel writes a
 * slot by its generated name (`TOTAL_sumU`); the host reads it by the same name (`index.sumU`).
 */
export function reductionSlots<const N extends string>(name: string, prefix: string, slots: readonly (readonly [N, SlotRule])[]): ReductionSlots<N> {
  const index = Object.fromEntries(slots.map(([n], i) => [n, i])) as Record<N, number>;
  const rules = slots.map(([, r]) => r);
  const ids = slots.map(([n], i) => `const ${prefix}_${n}: u32 = ${i}u;`);
  const identity = rules.map((r) => (r === 'min' ? BIG : r === 'max' ? `-${BIG}` : '0.0'));
  const rulesWgsl = rules.map((r) => ({ sum: 0, min: 1, max: 2 })[r]);
  const wgsl = `// Generated from src/gpu/schema.ts (${name}).
const Q: u32 = ${slots.length}u;
${ids.join('\n')}
const SLOT_IDENTITY = array<f32, ${slots.length}>(${identity.join(', ')});
// 0 sum, 1 min, 2 max.
const SLOT_RULE = array<u32, ${slots.length}>(${rulesWgsl.map((r) => `${r}u`).join(', ')});

fn identityOf(q: u32) -> f32 {
  return SLOT_IDENTITY[q];
}

fn combineOf(q: u32, a: f32, b: f32) -> f32 {
  let rule = SLOT_RULE[q];
  return select(select(a + b, min(a, b), rule == 1u), max(a, b), rule == 2u);
}
`;
  return { name, index, rules, count: slots.length, wgsl };
}
