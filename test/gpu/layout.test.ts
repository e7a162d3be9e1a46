import { describe, expect, it } from 'vitest';
import { levelLayout, paramsLayout, shaderPrelude, solveLayout, stageLayout } from '../../src/gpu/params';
import { structLayout, writeStruct } from '../../src/gpu/layout';
import { gpuContext } from '../helpers/gpu';

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
    } else if (f.components === 4) {
      for (let c = 0; c < 4; c++) reads.push(conv(`U.${name}[${c}]`));
    } else reads.push(conv(`U.${name}`));
  }
  const code = `${prelude}
@group(0) @binding(0) var<uniform> U: ${layout.name};
@group(0) @binding(1) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn main() {
${reads.map((r, i) => `  out[${i}] = ${r};`).join('\n')}
}`;
  const ubuf = device.createBuffer({ label: 'layout test uniform', size: layout.size, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
  const obuf = device.createBuffer({ label: 'layout test out', size: reads.length * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const rbuf = device.createBuffer({ label: 'layout test read', size: reads.length * 4, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  device.queue.writeBuffer(ubuf, 0, data);
  const pipeline = device.createComputePipeline({ label: 'layout test', layout: 'auto', compute: { module: device.createShaderModule({ code }), entryPoint: 'main' } });
  const bg = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: ubuf } },
      { binding: 1, resource: { buffer: obuf } },
    ],
  });
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bg);
  pass.dispatchWorkgroups(1);
  pass.end();
  enc.copyBufferToBuffer(obuf, 0, rbuf, 0, reads.length * 4);
  device.queue.submit([enc.finish()]);
  await rbuf.mapAsync(GPUMapMode.READ);
  const got = Array.from(new Uint32Array(rbuf.getMappedRange().slice(0)));
  rbuf.unmap();
  for (const b of [ubuf, obuf, rbuf]) b.destroy();
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
  ] as const)('%s (RKL2 and multigrid slots): TS offsets equal the WGSL compiler offsets', async (_, layout) => {
    const { sent, got } = await roundTrip(layout as Parameters<typeof roundTrip>[0], shaderPrelude());
    expect(got).toEqual(sent);
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
