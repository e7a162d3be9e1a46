/**
 * The totals of a state on the GPU (shaders/totals.wgsl through the two-pass reduction): owns the
 * partials and totals buffers of one grid, encodes the reduction, and turns the slots read back
 * (by name, kernels.ts totalsSlots) into SimStats.
 */
import { buildCellInputs, type Grid } from '../physics/grid';
import { potentialOf } from '../physics/potential';
import { SIDES, type Side } from '../physics/scenario';
import type { SimStats } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import { totalsSlots, totalsTable } from './kernels';
import { reduceGroupCount } from './params';
import { dispatch, kernel, type PipelineCache } from './pipelines';
import { namedBindGroup } from './schema';

/** Bytes of the totals as read back. */
export const TOTALS_BYTES = totalsSlots.count * 4;

export const REDUCE_CELLS = kernel(totalsTable, 'reduceCells');
export const REDUCE_GROUPS = kernel(totalsTable, 'reduceGroups');

/** The buffers a reduction reads: Params, the state (T - T0, c - c0), sigma and the cell kinds. */
export interface TotalsInputs {
  params: GPUBuffer;
  u: GPUBuffer;
  v: GPUBuffer;
  sigma: GPUBuffer;
  cellKind: GPUBuffer;
}

export class GpuTotals {
  readonly totals: GPUBuffer;
  private readonly partials: GPUBuffer;
  private readonly groupCount: number;
  private readonly groups: GPUBindGroup[];

  constructor(
    device: GPUDevice,
    private readonly cache: PipelineCache,
    cells: number,
    /** One input set per ping-pong buffer. */
    inputs: readonly TotalsInputs[],
  ) {
    this.groupCount = reduceGroupCount(cells);
    this.partials = device.createBuffer({ label: 'reduction partials', size: this.groupCount * TOTALS_BYTES, usage: GPUBufferUsage.STORAGE });
    this.totals = device.createBuffer({ label: 'reduction totals', size: TOTALS_BYTES, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    const layout = cache.layout(REDUCE_CELLS, 0);
    this.groups = inputs.map((x, k) =>
      namedBindGroup(device, `totals ${k ? 'b' : 'a'}`, totalsTable, layout, {
        P: x.params,
        uIn: x.u,
        vIn: x.v,
        sigmaIn: x.sigma,
        cellKind: x.cellKind,
        partials: this.partials,
        totals: this.totals,
      }),
    );
  }

  /** GPU memory held [bytes]. */
  get bytes(): number {
    return this.partials.size + this.totals.size;
  }

  /** Encodes the reduction of input set `k` into `totals`. */
  encode(encoder: GPUCommandEncoder, k: number): void {
    const pass = encoder.beginComputePass({ label: 'reductions' });
    dispatch(pass, this.cache.get(REDUCE_CELLS), [this.groups[k]], [this.groupCount]);
    dispatch(pass, this.cache.get(REDUCE_GROUPS), [this.groups[k]], [1]);
    pass.end();
  }

  destroy(): void {
    this.partials.destroy();
    this.totals.destroy();
  }
}

/** Fluid cells overall and in the leftmost / rightmost columns (fixed by the obstacles). */
export function fluidCounts(v: Validated, grid: Grid): { fluid: number; left: number; right: number } {
  const { solid } = buildCellInputs(v.scenario);
  const { nx, ny } = grid;
  let fluid = 0;
  let left = 0;
  let right = 0;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (solid[j * nx + i]) continue;
      fluid++;
      if (i === 0) left++;
      if (i === nx - 1) right++;
    }
  }
  return { fluid, left, right };
}

/** SimStats from the totals' slots (float32 sums read as float64) and the counters of that state. */
export function statsFromTotals(
  v: Validated,
  grid: Grid,
  counts: { fluid: number; left: number; right: number },
  q: Float64Array,
  firstNonFiniteStep: number | null,
  at: { steps: number; passes: number; simTime: number },
): SimStats {
  const { T0, c0 } = v.scenario.reference;
  const { rho, cp } = v.derived.material;
  const area = grid.hx * grid.hy;
  const s = totalsSlots.index;
  const n = Math.max(counts.fluid, 1);
  const heatSlots = [s.heatInLeft, s.heatInRight, s.heatInBottom, s.heatInTop];
  const heat = Object.fromEntries(SIDES.map((side, i) => [side, q[heatSlots[i]]])) as SimStats['heatIn'];
  const currentSlots = [s.currentLeft, s.currentRight, s.currentBottom, s.currentTop];
  const current = potentialOf(v.scenario) ? { current: Object.fromEntries(SIDES.map((side, i) => [side, q[currentSlots[i]]])) as Record<Side, number> } : {};
  return {
    ...at,
    entropyProduction: q[s.sumSigma] * area,
    solute: rho * area * (c0 * counts.fluid + q[s.sumV]),
    energy: rho * cp * area * q[s.sumU],
    separation: (counts.right ? q[s.rightV] / counts.right : 0) - (counts.left ? q[s.leftV] / counts.left : 0),
    heatIn: heat,
    ...current,
    T: { min: T0 + q[s.minU], max: T0 + q[s.maxU], mean: T0 + q[s.sumU] / n },
    c: { min: c0 + q[s.minV], max: c0 + q[s.maxV], mean: c0 + q[s.sumV] / n },
    sigma: { min: q[s.minSigma], max: q[s.maxSigma], mean: q[s.sumSigma] / n },
    nonFinite: Math.round(q[s.nonFinite]),
    firstNonFiniteStep,
  };
}
