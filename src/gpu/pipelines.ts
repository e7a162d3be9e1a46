/**
 * The one pipeline cache (per device), the one dispatch helper and the launch sizes. A kernel is a
 * shader file, an entry point and, per bind group, the binding names it uses (from its table in
 * kernels.ts). Pipelines are compiled ahead with createComputePipelineAsync (`prepare`, awaited
 * before a scheme is used); a failure is reported with the compiler's messages mapped back to the
 * shader's own file and line (shaders.ts keeps the origin of every composed line).
 */
import { COLUMN_ROWS, COLUMN_WG, EDGE_WG, MARCH_COLUMNS, shaderPrelude } from './params';
import { generatedSources } from './kernels';
import { layoutEntries, type BindingTable } from './schema';
import { composeShaderMapped, describeMessage, type ComposedShader, type ShaderSources } from './shaders';

export interface Kernel<N extends string = string> {
  table: BindingTable<N>;
  entry: string;
  /** Per bind group (in table.groups order), the names this kernel binds. */
  groups: readonly (readonly N[])[];
  /** Override constants this kernel is compiled with (a specialisation: gpu/specialise.ts). */
  constants?: Readonly<Record<string, number>>;
}

/** A kernel whose groups hold every binding of its table. */
export function kernel<N extends string>(table: BindingTable<N>, entry: string, groups?: readonly (readonly NoInfer<N>[])[]): Kernel<N> {
  const all = table.groups.map((g) => (Object.keys(table.bindings) as N[]).filter((n) => table.bindings[n].group === g));
  return { table, entry, groups: groups ?? all };
}

const keyOf = (k: Kernel) => `${k.table.file}:${k.entry}:${k.groups.map((g) => g.join(',')).join('|')}${k.constants ? `:${JSON.stringify(k.constants)}` : ''}`;

/**
 * Compiled pipelines of one device, keyed by (shader file, entry point, bind-group names, override
 * constants); modules by file, layouts by group names. The shader code is fixed per cache (`given`
 * below): `pipelineCache` hands out a new cache where the sources differ. Its size is bounded
 * without eviction: the key space is finite (the kernel tables in kernels.ts times the
 * specialisations of specialise.ts, at most 2^3 per stencil kernel; ions have their own cache), so
 * repeated GpuSimulation.create on one device (tests, the sweep, the page switching presets)
 * compiles each variant once. It lives as long as its device (a WeakMap entry; `destroy` of a
 * simulation never frees shared pipelines).
 */
export class PipelineCache {
  /** Pipelines compiled so far (each key once): what a repeated create with the same shape adds nothing to. */
  get compiled(): number {
    return this.ready.size;
  }
  private readonly modules = new Map<string, { module: GPUShaderModule; shader: ComposedShader }>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  private readonly ready = new Map<string, GPUComputePipeline>();
  private readonly pending = new Map<string, Promise<GPUComputePipeline>>();
  private readonly sources: ShaderSources;

  constructor(
    private readonly device: GPUDevice,
    /** The sources this cache compiles (the caller's, before the generated ones are added). */
    readonly given: ShaderSources,
    /** Compile with the override IONS = true where a module declares it (fluxes.wgsl): the ion kernels. */
    readonly ions = false,
  ) {
    this.sources = { ...given, ...generatedSources() };
  }

  private module(file: string) {
    let m = this.modules.get(file);
    if (!m) {
      const shader = composeShaderMapped(file, this.sources, shaderPrelude());
      m = { module: this.device.createShaderModule({ label: file, code: shader.code }), shader };
      this.modules.set(file, m);
    }
    return m;
  }

  /** The bind group layout of group `index` of a kernel (shared by kernels binding the same names). */
  layout<N extends string>(k: Kernel<N>, index: number): GPUBindGroupLayout {
    const names = k.groups[index];
    const group = k.table.groups[index];
    const key = `${k.table.file}/${group}:${names.join(',')}`;
    let l = this.layouts.get(key);
    if (!l) {
      l = this.device.createBindGroupLayout({ label: `${k.table.file} group ${group} (${names.join(', ')})`, entries: layoutEntries(k.table, group, names) });
      this.layouts.set(key, l);
    }
    return l;
  }

  /**
   * Compiles one kernel. The module and layout are made inside a validation error scope (popped
   * before the first await, so concurrent compiles do not interleave scopes); any failure is
   * reported with the module's compiler messages mapped to the shader's own file:line.
   */
  private async compile(k: Kernel): Promise<GPUComputePipeline> {
    const label = `${k.table.file} ${k.entry}`;
    this.device.pushErrorScope('validation');
    const { module, shader } = this.module(k.table.file);
    const layout = this.device.createPipelineLayout({ label, bindGroupLayouts: k.groups.map((_, i) => this.layout(k, i)) });
    const declared = (name: string) => new RegExp(`\\boverride ${name}\\b`).test(shader.code);
    const wanted: Record<string, number> = { ...(this.ions ? { IONS: 1 } : {}), ...k.constants };
    const constants = Object.fromEntries(Object.entries(wanted).filter(([name]) => declared(name)));
    const pending = this.device.createComputePipelineAsync({ label, layout, compute: { module, entryPoint: k.entry, ...(Object.keys(constants).length ? { constants } : {}) } });
    const scope = this.device.popErrorScope();
    const [pipe, scoped] = await Promise.allSettled([pending, scope]);
    const setupError = scoped.status === 'fulfilled' ? scoped.value : null;
    if (pipe.status === 'fulfilled' && !setupError) return pipe.value;
    const reason = pipe.status === 'rejected' ? (pipe.reason instanceof Error ? pipe.reason.message : String(pipe.reason)) : setupError!.message;
    const info = await module.getCompilationInfo();
    const lines = info.messages.filter((m) => m.type === 'error').map((m) => describeMessage(m, shader.origins));
    throw new Error(`GPU pipeline ${label} failed: ${lines.length ? lines.join('\n') : reason}`);
  }

  /**
   * Where set (the page sets it), `prepare` compiles one kernel at a time and awaits this between
   * two: on a CPU adapter each compile holds the browser's GPU process for a while, and all of a
   * scheme's kernels at once would hold it (and every frame) for seconds.
   */
  pace?: () => Promise<void>;

  /**
   * Compiles the kernels not yet compiled (all at once, or one at a time with `pace` between);
   * resolves when every one is ready.
   */
  async prepare(kernels: readonly Kernel[]): Promise<void> {
    const pace = this.pace;
    if (!pace) {
      await Promise.all(kernels.map((k) => this.start(k)));
      return;
    }
    for (const k of kernels) {
      if (this.ready.has(keyOf(k))) continue;
      await this.start(k);
      await pace();
    }
  }

  /** The kernel's compile, started now unless it is compiled or compiling (undefined when ready). */
  private start(k: Kernel): Promise<GPUComputePipeline> | undefined {
    const key = keyOf(k);
    if (this.ready.has(key)) return undefined;
    let p = this.pending.get(key);
    if (!p) {
      p = this.compile(k).then((pipe) => {
        this.ready.set(key, pipe);
        return pipe;
      });
      p.catch(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }

  /** Whether every one of `kernels` is compiled (prepare resolved for it). */
  isReady(kernels: readonly Kernel[]): boolean {
    return kernels.every((k) => this.ready.has(keyOf(k)));
  }

  /** A prepared kernel's pipeline (prepare it first: pipelines are never compiled on use). */
  get(k: Kernel): GPUComputePipeline {
    const p = this.ready.get(keyOf(k));
    if (!p) throw new Error(`GPU pipeline ${k.table.file} ${k.entry} used before prepare()`);
    return p;
  }
}

const caches = new WeakMap<GPUDevice, PipelineCache>();
const ionCaches = new WeakMap<GPUDevice, PipelineCache>();

/** Whether two source sets hold the same files with the same code (same strings: pointer-equal, cheap). */
function sameSources(a: ShaderSources, b: ShaderSources): boolean {
  if (a === b) return true;
  const files = Object.keys(a);
  return files.length === Object.keys(b).length && files.every((f) => a[f] === b[f]);
}

/**
 * The device's pipeline cache (one per device, shared by every grid and scheme), and its ion
 * variant (`ions`: kernels compiled with IONS = true, for scenarios with a potential). Sources
 * that differ from the cache's (edited shaders) get a new cache, which then replaces it: a
 * pipeline is never returned for code other than the caller's.
 */
export function pipelineCache(device: GPUDevice, sources: ShaderSources, ions = false): PipelineCache {
  const map = ions ? ionCaches : caches;
  let c = map.get(device);
  if (!c || !sameSources(c.given, sources)) {
    c = new PipelineCache(device, sources, ions);
    map.set(device, c);
  }
  return c;
}

/** Bind group `group` with dynamic offsets, as the dispatch helper takes it. */
export type BoundGroup = GPUBindGroup | readonly [GPUBindGroup, readonly number[]];

/** The one dispatch helper: pipeline, bind groups (index = group number), workgroup counts. */
export function dispatch(pass: GPUComputePassEncoder, pipeline: GPUComputePipeline, groups: readonly (BoundGroup | null)[], size: readonly [number, number?]): void {
  pass.setPipeline(pipeline);
  groups.forEach((g, i) => {
    if (!g) return;
    if (Array.isArray(g)) pass.setBindGroup(i, g[0] as GPUBindGroup, g[1] as number[]);
    else pass.setBindGroup(i, g as GPUBindGroup);
  });
  pass.dispatchWorkgroups(size[0], size[1] ?? 1);
}

/** 1-D launch of `count` invocations in `width`-wide workgroups, folded into 2-D past 65535. */
export function launchSize(count: number, width: number, maxDim = 65535): [number, number] {
  const groups = Math.max(1, Math.ceil(count / width));
  if (groups <= maxDim) return [groups, 1];
  return [maxDim, Math.ceil(groups / maxDim)];
}

/**
 * 2-D launch of the column-march kernels over an nx x ny grid: COLUMN_WG invocations wide, each
 * marching `width` columns (MARCH_COLUMNS for the stepping kernels, 1 for the entropy pass) up a
 * strip of COLUMN_ROWS rows.
 */
export function tileLaunch(nx: number, ny: number, width: 1 | typeof MARCH_COLUMNS = MARCH_COLUMNS): [number, number] {
  return [Math.ceil(nx / (width * COLUMN_WG)), Math.ceil(ny / COLUMN_ROWS)];
}

/** Workgroups of the edge kernels: one invocation per slot of the 2 (nx + ny) edge cells. */
export function edgeLaunch(nx: number, ny: number): [number, number] {
  return [Math.ceil((2 * (nx + ny)) / EDGE_WG), 1];
}
