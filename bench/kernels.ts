/**
 * The benchmark's kernel harness: one stencil kernel (forward-Euler step or RKL2 stage) of a given
 * set of WGSL sources, bound to its own buffers and dispatched `n` times, so the previous code
 * (read from git) and the current one are timed side by side in one run. Bindings are looked up
 * by name in the composed WGSL, so both versions bind whatever they declare.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildCellInputs } from '../src/physics/grid';
import type { Validated } from '../src/physics/validate';
import { cellKindsOf, paramsLayout, paramsValues, shaderPrelude, writeParams } from '../src/gpu/params';
import { composeShader, type ShaderSources } from '../src/gpu/shaders';
import { generatedSources } from '../src/gpu/kernels';

/** The WGSL files of shaders/ as of git revision `rev` (the code before the stencil rework). */
export function shaderSourcesAt(rev: string): ShaderSources {
  const root = join(import.meta.dirname, '..');
  const names = execFileSync('git', ['ls-tree', '--name-only', `${rev}:shaders`], { cwd: root, encoding: 'utf8' }).split('\n').filter((f) => f.endsWith('.wgsl'));
  const out: Record<string, string> = {};
  for (const f of names) out[f] = execFileSync('git', ['show', `${rev}:shaders/${f}`], { cwd: root, encoding: 'utf8' });
  return out;
}

export function shaderNames(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.wgsl'));
}

/** The prelude less the constants `sources` declare themselves (older shaders declared some). */
function preludeFor(sources: ShaderSources): string {
  const all = Object.values(sources).join('\n');
  return shaderPrelude()
    .split('\n')
    .filter((l) => {
      const m = /^(?:const|override)\s+(\w+)/.exec(l);
      return !m || !new RegExp(`^const\\s+${m[1]}\\s*:`, 'm').test(all);
    })
    .join('\n');
}

interface Declared {
  group: number;
  binding: number;
  name: string;
  type: GPUBufferBindingType;
}

/** `@group(g) @binding(b) var<space[, access]> name` declarations of a composed shader. */
function declarations(code: string): Declared[] {
  const re = /@group\((\d+)\)\s*@binding\((\d+)\)\s*var<(\w+)(?:,\s*(\w+))?>\s*(\w+)/g;
  const out: Declared[] = [];
  for (const m of code.matchAll(re)) {
    const type: GPUBufferBindingType = m[3] === 'uniform' ? 'uniform' : m[4] === 'read_write' ? 'storage' : 'read-only-storage';
    out.push({ group: Number(m[1]), binding: Number(m[2]), name: m[5], type });
  }
  return out;
}

export interface KernelRun {
  run(n: number): Promise<void>;
  destroy(): void;
}

/** One dispatch of a kernel run: entry point and workgroup counts. */
export type Dispatch = readonly [entry: string, launch: readonly [number, number]];

/**
 * The kernels `dispatches` of `file` over the scenario's grid, dispatched in that order as one
 * step; `omit`: declared bindings the kernels do not use (other entry points'). Buffers:
 * Params from the scenario; uIn/vIn the starting fields; every other storage array zeroed (cells
 * x 8 bytes); `slot` / `stage` uniforms bound at offset 0 (stage coefficients 0.5, 0.25, 0.1, 0.05).
 * `constants`: override constants for the first dispatch's kernel (the solver's specialisation,
 * src/gpu/specialise.ts), passed only where the shader declares them (older shaders do not).
 */
export function kernelRun(
  device: GPUDevice,
  sources: ShaderSources,
  file: string,
  dispatches: readonly Dispatch[],
  v: Validated,
  omit: readonly string[] = [],
  constants: Readonly<Record<string, number>> = {},
): KernelRun {
  const entry = dispatches.map((d) => d[0]).join('+');
  const code = composeShader(file, { ...generatedSources(), ...sources }, preludeFor(sources));
  const module = device.createShaderModule({ label: `bench ${file}`, code });
  const inputs = buildCellInputs(v.scenario);
  const cells = inputs.solid.length;
  const { kinds, table } = cellKindsOf(inputs);
  const paramsData = new ArrayBuffer(paramsLayout.size);
  writeParams(new DataView(paramsData), paramsValues(v.scenario, v.derived, table));
  const owned: GPUBuffer[] = [];
  const make = (label: string, size: number, usage: number, data?: ArrayBufferView | ArrayBuffer) => {
    const b = device.createBuffer({ label, size, usage: usage | GPUBufferUsage.COPY_DST });
    if (data) device.queue.writeBuffer(b, 0, data as ArrayBuffer);
    owned.push(b);
    return b;
  };
  const S = GPUBufferUsage.STORAGE;
  const U = GPUBufferUsage.UNIFORM;
  const byName: Record<string, GPUBuffer> = {
    P: make('bench params', paramsLayout.size, U, paramsData),
    uIn: make('bench u', cells * 4, S, Float32Array.from(inputs.temperature)),
    vIn: make('bench v', cells * 4, S, Float32Array.from(inputs.concentration)),
    cellKind: make('bench kinds', cells * 4, S, kinds),
    slot: make('bench slot', 256, U, Uint32Array.of(1)),
    stage: make('bench stage', 256, U, Float32Array.of(0.5, 0.25, 0.1, 0.05)),
    status: make('bench status', 16, S, Uint32Array.of(0xffffffff)),
  };
  const decl = declarations(code).filter((d) => !omit.includes(d.name));
  const groups = [...new Set(decl.map((d) => d.group))].sort();
  const layouts = groups.map((g) =>
    device.createBindGroupLayout({
      label: `bench ${entry} group ${g}`,
      entries: decl.filter((d) => d.group === g).map((d) => ({ binding: d.binding, visibility: GPUShaderStage.COMPUTE, buffer: { type: d.type } })),
    }),
  );
  const bindGroups = groups.map((g, k) =>
    device.createBindGroup({
      label: `bench ${entry} group ${g}`,
      layout: layouts[k],
      entries: decl
        .filter((d) => d.group === g)
        .map((d) => ({ binding: d.binding, resource: { buffer: (byName[d.name] ??= make(`bench ${d.name}`, Math.max(cells * 8, 256), S)) } })),
    }),
  );
  const layout = device.createPipelineLayout({ label: `bench ${entry}`, bindGroupLayouts: layouts });
  const declared = Object.fromEntries(Object.entries(constants).filter(([name]) => new RegExp(`\\boverride ${name}\\b`).test(code)));
  const pipelines = dispatches.map(
    ([e, launch], k) => [device.createComputePipeline({ label: `bench ${e}`, layout, compute: { module, entryPoint: e, ...(k === 0 && Object.keys(declared).length ? { constants: declared } : {}) } }), launch] as const,
  );
  return {
    async run(n: number) {
      let left = n;
      while (left > 0) {
        const chunk = Math.min(left, 256);
        const enc = device.createCommandEncoder({ label: `bench ${entry}` });
        const pass = enc.beginComputePass({ label: `bench ${entry}` });
        groups.forEach((g, k) => pass.setBindGroup(g, bindGroups[k]));
        for (let i = 0; i < chunk; i++) {
          for (const [pipeline, launch] of pipelines) {
            pass.setPipeline(pipeline);
            pass.dispatchWorkgroups(launch[0], launch[1]);
          }
        }
        pass.end();
        device.queue.submit([enc.finish()]);
        left -= chunk;
      }
      await device.queue.onSubmittedWorkDone();
    },
    destroy() {
      for (const b of owned) b.destroy();
    },
  };
}
