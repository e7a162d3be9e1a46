/**
 * Uniform struct layouts generated from one TypeScript description: the WGSL declaration and the
 * byte offsets used to fill the buffer come from the same list, following WGSL's alignment rules
 * (test/gpu/layout.test.ts checks the offsets against what the WGSL compiler does, byte by byte).
 */

export type ScalarType = 'f32' | 'u32' | 'i32';
export type VectorType = 'vec2<f32>' | 'vec4<f32>' | 'vec4<u32>';
export type FieldType = ScalarType | VectorType | { array: 'vec4<f32>'; length: number };

export interface FieldLayout {
  name: string;
  type: FieldType;
  offset: number;
  size: number;
  /** Number of 4-byte components. */
  components: number;
  scalar: ScalarType;
}

export interface StructLayout<N extends string> {
  name: string;
  fields: Record<N, FieldLayout>;
  order: N[];
  /** Size in bytes, rounded to the struct's alignment. */
  size: number;
  /** The WGSL `struct` declaration. */
  wgsl: string;
}

function alignSize(t: FieldType): { align: number; size: number; components: number; scalar: ScalarType; wgsl: string } {
  if (typeof t === 'object') return { align: 16, size: 16 * t.length, components: 4 * t.length, scalar: 'f32', wgsl: `array<vec4<f32>, ${t.length}>` };
  if (t === 'vec2<f32>') return { align: 8, size: 8, components: 2, scalar: 'f32', wgsl: t };
  if (t === 'vec4<f32>') return { align: 16, size: 16, components: 4, scalar: 'f32', wgsl: t };
  if (t === 'vec4<u32>') return { align: 16, size: 16, components: 4, scalar: 'u32', wgsl: t };
  return { align: 4, size: 4, components: 1, scalar: t, wgsl: t };
}

export function structLayout<const N extends string>(name: string, fields: readonly (readonly [N, FieldType])[]): StructLayout<N> {
  let offset = 0;
  let maxAlign = 4;
  const out = {} as Record<N, FieldLayout>;
  const lines: string[] = [];
  for (const [fname, type] of fields) {
    const a = alignSize(type);
    offset = Math.ceil(offset / a.align) * a.align;
    out[fname] = { name: fname, type, offset, size: a.size, components: a.components, scalar: a.scalar };
    lines.push(`  ${fname}: ${a.wgsl},`);
    offset += a.size;
    maxAlign = Math.max(maxAlign, a.align);
  }
  const size = Math.ceil(offset / maxAlign) * maxAlign;
  return { name, fields: out, order: fields.map((f) => f[0]), size, wgsl: `struct ${name} {\n${lines.join('\n')}\n}\n` };
}

export type StructValues<N extends string> = Partial<Record<N, number | readonly number[]>>;

/** Writes `values` into `view` at the layout's offsets (missing fields are left as they are). */
export function writeStruct<N extends string>(layout: StructLayout<N>, view: DataView, values: StructValues<N>): void {
  for (const name of layout.order) {
    const v = values[name];
    if (v === undefined) continue;
    const f = layout.fields[name];
    const list: readonly number[] = typeof v === "number" ? [v] : (v as readonly number[]);
    if (list.length > f.components) throw new Error(`${layout.name}.${name}: ${list.length} values for ${f.components} components`);
    list.forEach((x, i) => {
      const at = f.offset + 4 * i;
      if (f.scalar === 'f32') view.setFloat32(at, x, true);
      else if (f.scalar === 'u32') view.setUint32(at, x >>> 0, true);
      else view.setInt32(at, x | 0, true);
    });
  }
}
