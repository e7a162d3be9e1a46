/**
 * The CPU fallback backend: the float64 reference solver in a Web Worker, at a reduced grid (the
 * scenario's own grid is kept for sharing and export; only the run is coarser). Fields reach the
 * display as float textures after each worker reply.
 */
import type { FieldSnapshot } from '../gpu/snapshot';
import type { FieldName, SimStats, SolveReport } from '../physics/simulation';
import { parseScenario, type Validated } from '../physics/validate';
import { CpuFieldTextures } from '../view/field-textures';
import type { PageBackend, PaintDab } from './backend';
import type { FromWorker, ToWorker } from './cpu-protocol';

/** Largest grid the CPU fallback runs [cells]. */
export const CPU_MAX_CELLS = 64 * 32;
/** Worker time per frame request [ms]. */
const BUDGET_MS = 25;

/** The user's scenario on a grid of at most `maxCells` cells (same domain, same aspect). */
export function reducedGrid(v: Validated, maxCells = CPU_MAX_CELLS): Validated {
  const g = v.scenario.grid;
  if (g.nx * g.ny <= maxCells) return v;
  for (let cells = maxCells; cells < g.nx * g.ny; cells *= 2) {
    const f = Math.sqrt(cells / (g.nx * g.ny));
    const raw = structuredClone(v.scenario);
    raw.grid = { ...g, nx: Math.max(2, Math.round(g.nx * f)), ny: Math.max(1, Math.round(g.ny * f)) };
    try {
      return parseScenario(raw);
    } catch {
      // A region too small for this grid: try a finer one.
    }
  }
  return v;
}

export class CpuBackend implements PageBackend {
  readonly kind = 'cpu' as const;
  readonly adapter = 'CPU reference (float64, Web Worker)';
  readonly textures: CpuFieldTextures;
  running: Validated;
  simTime = 0;
  steps = 0;
  passes = 0;
  private readonly worker: Worker;
  private nextId = 1;
  private pending = new Map<number, { resolve: (m: Extract<FromWorker, { type: 'state' }>) => void; reject: (e: Error) => void }>();
  private last?: { stats: SimStats; snapshot: FieldSnapshot };
  /** Set when the worker reports an error (shown by the page). */
  onError?: (message: string) => void;

  constructor(user: Validated) {
    this.running = reducedGrid(user);
    const g = this.running.scenario.grid;
    this.textures = new CpuFieldTextures(g.nx, g.ny);
    this.worker = new Worker(new URL('./cpu-worker.ts', import.meta.url), { type: 'module', name: 'onsager CPU reference' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.send({ type: 'load', scenario: this.running.scenario });
  }

  private send(m: ToWorker): void {
    this.worker.postMessage(m);
  }

  private receive(m: FromWorker): void {
    if (m.type === 'error') {
      const p = m.id === undefined ? undefined : this.pending.get(m.id);
      if (p && m.id !== undefined) {
        this.pending.delete(m.id);
        p.reject(new Error(m.message));
      } else this.onError?.(m.message);
      return;
    }
    this.steps = m.steps;
    this.passes = m.passes;
    this.simTime = m.simTime;
    this.textures.update(m.nx, m.ny, { T: m.T, c: m.c, sigma: m.sigma });
    this.last = {
      stats: m.stats,
      snapshot: { nx: m.nx, ny: m.ny, T: m.T, c: m.c, sigma: m.sigma, simTime: m.simTime, steps: m.steps },
    };
    const r = this.pending.get(m.id);
    this.pending.delete(m.id);
    r?.resolve(m);
  }

  private request(n: number): Promise<Extract<FromWorker, { type: 'state' }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: 'advance', id, n, budgetMs: n > 0 ? BUDGET_MS : 0 });
    });
  }

  async jumpToSteadyState(): Promise<SolveReport> {
    await this.idle();
    const id = this.nextId++;
    const state = await new Promise<Extract<FromWorker, { type: 'state' }>>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: 'jump', id });
    });
    return state.report!;
  }

  setScenario(user: Validated): void {
    this.running = reducedGrid(user);
    this.send({ type: 'set', scenario: this.running.scenario });
    void this.request(0);
  }

  reset(): void {
    this.send({ type: 'reset' });
    void this.request(0);
  }

  advance(n: number): void {
    if (n > 0 && !this.busy()) void this.request(n);
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await new Promise((r) => setTimeout(r, 5));
  }

  busy(): boolean {
    return this.pending.size > 0;
  }

  async step(n: number): Promise<void> {
    let left = n;
    while (left > 0) {
      const before = this.steps;
      await this.request(left);
      left -= this.steps - before;
    }
  }

  async readback(fields: boolean, _exact: boolean): Promise<{ stats: SimStats; snapshot?: FieldSnapshot }> {
    await this.request(0);
    const last = this.last!;
    return fields ? last : { stats: last.stats };
  }

  prepareDisplay(_fields: readonly FieldName[]): void {}

  paint(dab: PaintDab): void {
    this.send({ type: 'paint', dab });
  }

  destroy(): void {
    this.worker.terminate();
    this.textures.dispose();
    this.pending.clear();
  }
}
