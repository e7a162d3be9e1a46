/**
 * `npm run bench:multigrid [-- --n 32] [-- --no-gpu]`: the steady-state jump's multigrid against
 * the cell aspect ratio (hx / hy from 1:100 to 100:1) on an n x n grid, four cases (test/helpers/
 * aspect.ts): mixed walls, an obstacle, periodic walls with a source, and mixed walls at 97 % of
 * the second-law bound. Per case, on the CPU reference (float64): the mean residual reduction per
 * V-cycle (outer iterations of one V-cycle each, to a relative residual of 1e-10: the geometric
 * mean of the reduction factors, 1 - the convergence rate) and the iterations it took; on the GPU
 * (float32, the jump's own schedule of 4 V-cycles per iteration to 1e-5): the iterations and the
 * relative residual reached. Prints one table and writes bench/multigrid-results.json.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeShaderSources, requestNodeGpu } from '../src/gpu/node';
import { GpuSimulation, type GpuContext } from '../src/gpu/solver';
import { levelDims } from '../src/physics/multigrid';
import { gridOf } from '../src/physics/grid';
import { ReferenceSimulation } from '../src/physics/reference';
import { aspectCase, ASPECTS, ASPECT_VARIANTS } from '../test/helpers/aspect';

interface Row {
  variant: string;
  aspect: number;
  levels: number;
  cpuFactor: number;
  cpuVCycles: number;
  cpuConverged: boolean;
  gpuIterations?: number;
  gpuRelative?: number;
  gpuConverged?: boolean;
}

function parseArgs(argv: readonly string[]): { n: number; gpu: boolean } {
  const o = { n: 32, gpu: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--no-gpu') o.gpu = false;
    else if (argv[i] === '--n') o.n = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (use --n N, --no-gpu)`);
  }
  if (!Number.isInteger(o.n) || o.n < 4) throw new Error('--n must be an integer >= 4');
  return o;
}

const o = parseArgs(process.argv.slice(2));
let ctx: GpuContext | undefined;
if (o.gpu) {
  const r = await requestNodeGpu();
  if ('error' in r) throw new Error(`no WebGPU adapter (${r.error}); run with --no-gpu`);
  ctx = { device: r.device, adapter: r.adapter, sources: nodeShaderSources() };
}
const rows: Row[] = [];
for (const variant of ASPECT_VARIANTS) {
  for (const aspect of ASPECTS) {
    const v = aspectCase(aspect, variant, o.n);
    const g = gridOf(v.scenario);
    // The starting residual: a jump of no iterations measures it.
    const start = new ReferenceSimulation(v).jumpNow({ maxIterations: 0, vCycles: 1, tolerance: 1e-10 });
    const cpu = new ReferenceSimulation(v).jumpNow({ maxIterations: 200, vCycles: 1, tolerance: 1e-10 });
    const row: Row = {
      variant,
      aspect,
      levels: levelDims(g.nx, g.ny, g.hx, g.hy).length,
      cpuFactor: (cpu.relative / start.relative) ** (1 / Math.max(cpu.vCycles, 1)),
      cpuVCycles: cpu.vCycles,
      cpuConverged: cpu.converged,
    };
    if (ctx) {
      const gpu = await GpuSimulation.create(ctx, v);
      const r = await gpu.jumpToSteadyState();
      row.gpuIterations = r.iterations;
      row.gpuRelative = r.relative;
      row.gpuConverged = r.converged;
      gpu.destroy();
    }
    rows.push(row);
  }
}

const ratio = (a: number) => (a >= 1 ? `${a}:1` : `1:${Math.round(1 / a)}`);
console.log(`multigrid on ${o.n}x${o.n} cells, cell aspect hx:hy (semi-coarsening to near-square cells, then 2x2)`);
console.log('case      aspect  levels  CPU: reduction/V-cycle  V-cycles to 1e-10  ' + (ctx ? 'GPU: iterations (4 V-cycles)  relative residual' : ''));
for (const r of rows) {
  const cpu = `${r.cpuFactor.toFixed(3).padStart(22)}  ${String(r.cpuVCycles).padStart(17)}${r.cpuConverged ? ' ' : '!'}`;
  const gpu = ctx ? `  ${String(r.gpuIterations).padStart(28)}  ${r.gpuRelative!.toExponential(2).padStart(17)}${r.gpuConverged ? '' : ' (not converged)'}` : '';
  console.log(`${r.variant.padEnd(8)}  ${ratio(r.aspect).padStart(6)}  ${String(r.levels).padStart(6)}  ${cpu}${gpu}`);
}
console.log("('!': did not converge within 200 V-cycles)");
const out = join(dirname(fileURLToPath(import.meta.url)), 'multigrid-results.json');
writeFileSync(out, JSON.stringify({ n: o.n, adapter: ctx ? 'GPU (Dawn)' : 'none', rows }, null, 2) + '\n');
console.log(`written ${out}`);
process.exit(0);
