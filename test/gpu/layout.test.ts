import { describe, expect, it } from 'vitest';
import { cellOpLayout, levelLayout, paramsLayout, shaderPrelude, solveLayout, stageLayout } from '../../src/gpu/params';
import { structLayout, writeStruct } from '../../src/gpu/layout';
import { gpuContext } from '../helpers/gpu';
import { C_MIN, GAS_CONSTANT, T_MIN } from '../../src/physics/thermo';
import { ENTROPY, EULER, EULER_EDGE } from '../../src/gpu/grid-fields';
import { generatedSources, implicitSlots, implicitTable, mgFineTable, multigridTable, rkl2Table, stepTable, totalsSlots, totalsTable } from '../../src/gpu/kernels';
import { IMPLICIT_KERNELS } from '../../src/gpu/implicit';
import { CELL_OP_BYTES } from '../../src/gpu/implicit-plan';
import { MAX_LOGIT_STEP } from '../../src/physics/implicit';
import { WORKGROUP } from '../../src/gpu/params';
import { PipelineCache, type Kernel } from '../../src/gpu/pipelines';
import { RKL2_KERNELS } from '../../src/gpu/rkl2';
import { bindingTable } from '../../src/gpu/schema';
import { composeShader } from '../../src/gpu/shaders';
import { nodeShaderSources } from '../../src/gpu/node';
import { REDUCE_CELLS, REDUCE_GROUPS } from '../../src/gpu/totals';

/**
 * Runs `body` (WGSL statements writing out[k]) after `decls` and returns out[0 .. n) as u32 words;
 * `uniform`: the bytes of a uniform the declarations bind at @binding(1).
 */
async function runWords(decls: string, body: string, n: number, uniform?: ArrayBuffer): Promise<number[]> {
  const { device } = await gpuContext();
  const code = `${decls}\n@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() {\n${body}\n}`;
  const obuf = device.createBuffer({ label: 'schema test out', size: n * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const rbuf = device.createBuffer({ label: 'schema test read', size: n * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const pipeline = device.createComputePipeline({ label: 'schema test', layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const ubuf = uniform ? device.createBuffer({ label: 'schema test uniform', size: uniform.byteLength, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }) : undefined;
  if (ubuf && uniform) device.queue.writeBuffer(ubuf, 0, uniform);
  const entries: GPUBindGroupEntry[] = [{ binding: 0, resource: { buffer: obuf } }];
  if (ubuf) entries.push({ binding: 1, resource: { buffer: ubuf } });
  const bg = device.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bg);
  pass.dispatchWorkgroups(1);
  pass.end();
  enc.copyBufferToBuffer(obuf, 0, rbuf, 0, n * 4);
  device.queue.submit([enc.finish()]);
  await rbuf.mapAsync(GPUMapMode.READ);
  const got = Array.from(new Uint32Array(rbuf.getMappedRange().slice(0)));
  rbuf.unmap();
  for (const b of [obuf, rbuf, ubuf]) b?.destroy();
  return got;
}

/**
 * Fills a uniform buffer through the TS layout with a distinct bit pattern per component, then has
 * a WGSL kernel read every field by name (so the WGSL compiler's offsets apply) and store its
 * bits in declaration order. Equal words mean the TS offsets are the compiler's.
 */
async function roundTrip<N extends string>(layout: ReturnType<typeof structLayout<N>>, prelude: string): Promise<{ sent: number[]; got: number[] }> {
  const { device } = await gpuContext();
  const data = new ArrayBuffer(layout.size);
  const view = new DataView(data);
  const sent: number[] = [];
  const reads: string[] = [];
  let k = 0;
  for (const name of layout.order) {
    const f = layout.fields[name];
    const values: number[] = [];
    for (let c = 0; c < f.components; c++) {
      const word = 0x3f000000 + ++k; // a normal float for f32 fields, a distinct integer otherwise
      values.push(f.scalar === 'f32' ? new Float32Array(new Uint32Array([word]).buffer)[0] : word);
      sent.push(word);
    }
    writeStruct(layout, view, { [name]: f.components === 1 ? values[0] : values } as never);
    const conv = (e: string) => (f.scalar === 'f32' ? `bitcast<u32>(${e})` : `u32(${e})`);
    if (typeof f.type === 'object') {
      for (let i = 0; i < f.type.length; i++) for (let c = 0; c < 4; c++) reads.push(conv(`U.${name}[${i}][${c}]`));
    } else if (f.components > 1) {
      for (let c = 0; c < f.components; c++) reads.push(conv(`U.${name}[${c}]`));
    } else reads.push(conv(`U.${name}`));
  }
  const decls = `${prelude}\n@group(0) @binding(1) var<uniform> U: ${layout.name};`;
  const got = await runWords(decls, reads.map((r, i) => `  out[${i}] = ${r};`).join('\n'), reads.length, data);
  return { sent, got };
}

describe('uniform layouts', () => {
  it('Params: TS offsets equal the WGSL compiler offsets, byte for byte', async () => {
    const { sent, got } = await roundTrip(paramsLayout, shaderPrelude());
    expect(got).toEqual(sent);
    expect(paramsLayout.size % 16).toBe(0);
  });

  it.each([
    ['Stage', stageLayout],
    ['Level', levelLayout],
    ['Solve', solveLayout],
    ['CellOp', cellOpLayout],
  ] as const)('%s (RKL2, multigrid and implicit structs): TS offsets equal the WGSL compiler offsets', async (_, layout) => {
    const { sent, got } = await roundTrip(layout as Parameters<typeof roundTrip>[0], shaderPrelude());
    expect(got).toEqual(sent);
  });

  it('CellOp: the memory plan counts the generated struct (96 bytes per cell of every level)', () => {
    expect(CELL_OP_BYTES).toBe(cellOpLayout.size);
    expect(cellOpLayout.size).toBe(96);
    expect(cellOpLayout.fields.m.offset).toBe(64);
    expect(cellOpLayout.fields.count.offset).toBe(72);
  });

  it('a layout with padding between scalars and vectors', async () => {
    const l = structLayout('Mixed', [
      ['a', 'f32'],
      ['b', 'vec4<u32>'],
      ['c', 'u32'],
      ['d', 'i32'],
      ['e', { array: 'vec4<f32>', length: 3 }],
      ['f', 'f32'],
    ] as const);
    expect(l.fields.b.offset).toBe(16);
    expect(l.fields.e.offset).toBe(48);
    expect(l.size).toBe(112);
    const { sent, got } = await roundTrip(l, l.wgsl);
    expect(got).toEqual(sent);
  });
});

const tables = [stepTable, rkl2Table, totalsTable, implicitTable, multigridTable, mgFineTable] as const;
const kernelsOf = (t: (typeof tables)[number]) => SOLVER_KERNEL_LIST.filter((k) => k.table === t);
const SOLVER_KERNEL_LIST: Kernel[] = [EULER, EULER_EDGE, ENTROPY, REDUCE_CELLS, REDUCE_GROUPS, ...RKL2_KERNELS, ...IMPLICIT_KERNELS];

describe('bindings generated from the TS tables (src/gpu/kernels.ts)', () => {
  it.each(tables.map((t) => [t.file, t] as const))('%s: every kernel compiles against the layouts built from its table', async (_, table) => {
    const { device, sources } = await gpuContext();
    const cache = new PipelineCache(device, sources);
    const kernels = kernelsOf(table);
    expect(kernels.length).toBeGreaterThan(0);
    device.pushErrorScope('validation');
    await cache.prepare(kernels);
    expect(await device.popErrorScope()).toBeNull();
    // Every binding of the table is used by some kernel of it.
    const used = new Set(kernels.flatMap((k) => k.groups.flat()));
    expect([...used].sort()).toEqual(Object.keys(table.bindings).sort());
  });

  it.each(tables.flatMap((t) => Object.keys(t.bindings).map((n) => [`${t.file} ${n}`, t, n] as const)))(
    '%s: the declaration the shader sees is the table entry (group, binding, access, type)',
    (_, table, name) => {
      const b = (table.bindings as Record<string, { group: number; binding: number; kind: string; type: string }>)[name];
      const space = b.kind.endsWith('uniform') ? 'uniform' : b.kind === 'read' ? 'storage, read' : 'storage, read_write';
      const line = `@group(${b.group}) @binding(${b.binding}) var<${space}> ${name}: ${b.type};`;
      const composed = composeShader(table.file, { ...nodeShaderSources(), ...generatedSources() }, shaderPrelude());
      expect(composed.split('\n').filter((l) => l.startsWith('@group')).filter((l) => new RegExp(`var<[^>]*> ${name}:`).test(l))).toEqual([line]);
    },
  );

  it('a layout whose access differs from the shader fails pipeline creation (the check can fail)', async () => {
    const { device, sources } = await gpuContext();
    // The shader (declarations from the real table) writes uOut; a table saying read-only gives a
    // read-only layout for it.
    const wrong = bindingTable('step.wgsl', { ...stepTable.bindings, uOut: { ...stepTable.bindings.uOut, kind: 'read' } });
    const cache = new PipelineCache(device, sources);
    await expect(cache.prepare([{ ...EULER, table: wrong } as Kernel])).rejects.toThrow(/GPU pipeline step\.wgsl step failed/);
  });

  it('two names at one binding are refused where the table is written', () => {
    expect(() => bindingTable('x.wgsl', { a: { group: 0, binding: 1, kind: 'read', type: 'array<f32>' }, b: { group: 0, binding: 1, kind: 'read', type: 'array<f32>' } })).toThrow(/b and a both at @group\(0\) @binding\(1\)/);
  });
});

describe('reduction slots generated from the TS list', () => {
  it.each([
    ['totals', totalsSlots, 'TOTAL'],
    ['implicit residual', implicitSlots, 'RES'],
  ] as const)('%s: each slot name has its TS index in WGSL, and identity and combine follow its rule', async (_, slots, prefix) => {
    const names = Object.keys(slots.index);
    const index = slots.index as Readonly<Record<string, number>>;
    const n = slots.count;
    const body = [
      ...names.map((name, k) => `  out[${k}] = ${prefix}_${name};`),
      ...Array.from({ length: n }, (_, q) => `  out[${n + q}] = bitcast<u32>(identityOf(${q}u));\n  out[${2 * n + q}] = bitcast<u32>(combineOf(${q}u, 2.0, 5.0));`),
    ].join('\n');
    const got = await runWords(slots.wgsl, body, 3 * n);
    const f = (w: number) => new Float32Array(new Uint32Array([w]).buffer)[0];
    expect(got.slice(0, n)).toEqual(names.map((name) => index[name]));
    slots.rules.forEach((rule, q) => {
      expect(f(got[n + q])).toBe(rule === 'sum' ? 0 : rule === 'min' ? Math.fround(3e38) : -Math.fround(3e38));
      expect(f(got[2 * n + q])).toBe(rule === 'sum' ? 7 : rule === 'min' ? 2 : 5);
    });
  });

  it('the implicit residual is summed by the shared reduction: implicit.wgsl declares no reduction of its own', () => {
    const own = nodeShaderSources()['implicit.wgsl'];
    expect(own).toContain('//!include reduction.wgsl');
    expect(own).toContain('//!include implicit.slots');
    expect(own).not.toMatch(/fn reduce(Cells|Groups)|var<workgroup>|const Q:|@group\(|@workgroup_size\(\d/);
    expect(nodeShaderSources()['multigrid.wgsl']).not.toMatch(/@group\(|@workgroup_size\(\d|256u/);
  });

  it('shared constants: the prelude carries physics/thermo.ts values and the workgroup sizes', async () => {
    const got = await runWords(
      shaderPrelude(),
      '  out[0] = bitcast<u32>(C_MIN);\n  out[1] = bitcast<u32>(T_MIN);\n  out[2] = bitcast<u32>(GAS_CONSTANT);\n  out[3] = COLUMN_WG;\n  out[4] = REDUCE_WG;\n  out[5] = bitcast<u32>(MAX_LOGIT_STEP);\n  out[6] = FLAT_WG;\n  out[7] = EDGE_WG;',
      8,
    );
    const f = (w: number) => new Float32Array(new Uint32Array([w]).buffer)[0];
    expect([f(got[0]), f(got[1]), f(got[2]), f(got[5])]).toEqual([C_MIN, T_MIN, GAS_CONSTANT, MAX_LOGIT_STEP].map(Math.fround));
    expect([got[3], got[4], got[6], got[7]]).toEqual([WORKGROUP.COLUMN_WG, WORKGROUP.REDUCE_WG, WORKGROUP.FLAT_WG, WORKGROUP.EDGE_WG]);
  });
});

describe('compiler messages', () => {
  it("name the shader's own file and line through includes and the prelude", async () => {
    const { device, sources } = await gpuContext();
    const broken = { ...sources, 'step.wgsl': sources['step.wgsl'].replace('fn loadState(idx: u32) -> vec2f {', 'fn loadState(idx: u32) -> vec2f {\n  let oops: f32 = undefinedThing;') };
    const line = broken['step.wgsl'].split('\n').findIndex((l) => l.includes('undefinedThing')) + 1;
    const cache = new PipelineCache(device, broken);
    await expect(cache.prepare([EULER])).rejects.toThrow(new RegExp(`step\\.wgsl:${line}:\\d+ error: .*undefinedThing`));
  });
});
