/**
 * Device loss on the page (issue 8, Build 5). The page's GPU backend sits behind a
 * `RecoveringBackend`: when the device is lost for any reason other than the page's own
 * `destroy()` (a driver reset, a GPU process crash, someone else destroying it), it asks for a new
 * device, rebuilds the solver, display textures and renderer on it, and continues from the last
 * good readback of the fields (kept at the readback cadence by the FailureGuard), saying so. Calls
 * made meanwhile wait for the new device and then answer; a `step(n)` whose steps were lost rejects.
 */
import { requestBrowserGpu } from '../gpu/browser';
import type { FieldSnapshot } from '../gpu/snapshot';
import { sameGrid, type FieldName, type SimStats, type SolveReport } from '../physics/simulation';
import type { SubstepTally } from '../physics/implicit';
import type { Validated } from '../physics/validate';
import type { FieldTextureSource } from '../view/field-textures';
import type { PageBackend, PaintDab } from './backend';
import type { Restorable, SavedState } from './failure';
import { GpuBackend } from './gpu-backend';
import { LossWatch } from './loss-watch';
import { shaderSources } from './shader-sources';

/** Devices this page destroyed itself: their loss is expected, not recovered from. */
const ownDestroyed = new WeakSet<GPUDevice>();

/** Destroys a device on purpose (its `lost` promise then resolves without a recovery). */
export function destroyOwnDevice(device: GPUDevice): void {
  ownDestroyed.add(device);
  device.destroy();
}

/** How long a failed call waits for the loss to be reported before counting as a plain error [ms]. */
const LOSS_REPORT_MS = 200;

export interface RecoveryHooks {
  /** The last good state to continue from (null: restart from the initial state). */
  lastGood(): SavedState | null;
  /** Moves drawing to the new device and rebinds the views to the new backend's textures. */
  rebind(device: GPUDevice, textures: FieldTextureSource): Promise<void>;
  /** Watches the new device (uncaptured errors, loss); called for every device in use. */
  watch(device: GPUDevice): void;
  /** Tells the user what happened (plain words). */
  say(title: string, lines: string[], kind: 'error' | 'warning'): void;
}

export class RecoveringBackend implements PageBackend, Restorable {
  readonly kind = 'webgpu' as const;
  /** Recoveries done so far. */
  recoveries = 0;
  private recovering: Promise<void> | null = null;
  /** The current device's loss, once a recovery from it has started (never for an own destroy). */
  private loss!: LossWatch;
  /** A reset asked for while recovering: start the new device from the initial state. */
  private resetPending = false;

  constructor(
    private inner: GpuBackend,
    private device: GPUDevice,
    private readonly hooks: RecoveryHooks,
  ) {
    this.watchLoss(device);
  }

  private watchLoss(device: GPUDevice): void {
    const loss = new LossWatch();
    this.loss = loss;
    void device.lost.then((info) => {
      if (ownDestroyed.has(device) || device !== this.device) return;
      this.recovering ??= this.recover(info).finally(() => {
        this.recovering = null;
      });
      loss.fire();
    });
  }

  /** Replaces the lost device and everything on it; continues from the last good state. */
  private async recover(info: GPUDeviceLostInfo): Promise<void> {
    const reason = `${info.reason === 'destroyed' ? 'destroyed from outside the page' : 'lost'}${info.message ? `: ${info.message}` : ''}`;
    this.hooks.say('The GPU device was lost; starting a new one', [`The device was ${reason}.`], 'warning');
    const running = this.inner.running;
    const gpu = await requestBrowserGpu();
    if ('error' in gpu) {
      this.hooks.say('The GPU device was lost and no new one could be started', [`The device was ${reason}.`, `A new device was refused (${gpu.error}); reload the page.`], 'error');
      return new Promise<void>(() => undefined); // calls keep waiting rather than answer with a dead device
    }
    let fresh: GpuBackend;
    try {
      fresh = await GpuBackend.create(gpu.device, gpu.adapter, shaderSources, running);
    } catch (e) {
      destroyOwnDevice(gpu.device);
      this.hooks.say('The GPU device was lost and the solver could not restart', [`The device was ${reason}.`, `${(e as Error).message}; reload the page.`], 'error');
      return new Promise<void>(() => undefined);
    }
    const saved = this.resetPending ? null : this.hooks.lastGood();
    const from = saved && sameGrid(saved.running, running) ? saved : null;
    if (from) fresh.restore(from);
    this.resetPending = false;
    const old = this.inner;
    this.inner = fresh;
    this.device = gpu.device;
    try {
      old.destroy();
    } catch {
      // objects of a lost device: nothing to give back
    }
    this.hooks.watch(gpu.device);
    this.watchLoss(gpu.device);
    await this.hooks.rebind(gpu.device, fresh.textures);
    this.recoveries++;
    const where = from ? `the last readback of the fields (t = ${from.simTime.toPrecision(4)} s, step ${from.steps})` : 'the initial state';
    this.hooks.say('The GPU device was lost; the page started a new one and continues', [`The device was ${reason}.`, `The run continues from ${where}.`], 'warning');
  }

  /** Resolves when no recovery is under way. */
  private async ready(): Promise<void> {
    while (this.recovering) await this.recovering;
  }

  /**
   * Runs `f` on the current backend; when it fails because the device was lost meanwhile, waits
   * for the new device and, if `retry`, runs it again there (else rejects saying what was lost).
   */
  private async guarded<T>(f: (b: GpuBackend) => Promise<T>, retry: boolean, what: string): Promise<T> {
    await this.ready();
    const b = this.inner;
    try {
      return await f(b);
    } catch (e) {
      const timer = new Promise<'no'>((r) => setTimeout(() => r('no'), LOSS_REPORT_MS));
      const lost = (await this.loss.race(timer)) === 'lost' || this.inner !== b || this.recovering !== null;
      if (!lost) throw e;
      await this.ready();
      if (retry) return f(this.inner);
      throw new Error(`${what}: the GPU device was lost while it ran; the page continues from its last readback`);
    }
  }

  get adapter(): string {
    return this.inner.adapter;
  }
  get running(): Validated {
    return this.inner.running;
  }
  get simTime(): number {
    return this.inner.simTime;
  }
  get steps(): number {
    return this.inner.steps;
  }
  get passes(): number {
    return this.inner.passes;
  }
  get textures(): FieldTextureSource {
    return this.inner.textures;
  }
  get gpuBytes(): number {
    return this.inner.gpuBytes;
  }
  /** The device in use now. */
  get currentDevice(): GPUDevice {
    return this.device;
  }

  setScenario(v: Validated): void {
    this.inner.setScenario(v);
  }
  reset(): void {
    if (this.recovering) this.resetPending = true;
    this.inner.reset();
  }
  advance(n: number): void {
    if (!this.recovering) this.inner.advance(n);
  }
  busy(): boolean {
    return this.recovering !== null || this.inner.busy();
  }
  preparing(): string | null {
    return this.recovering ? 'starting a new GPU device' : this.inner.preparing();
  }
  substepped(): SubstepTally | null {
    return this.inner.substepped();
  }
  /** Resolves when the work queued so far is done, or (after a loss) when the new device is ready. */
  async idle(): Promise<void> {
    await this.ready();
    await this.loss.race(this.inner.idle());
    await this.ready();
  }
  step(n: number): Promise<void> {
    return this.guarded((b) => b.step(n), false, `step(${n})`);
  }
  readback(fields: boolean, exact: boolean): Promise<{ stats: SimStats; snapshot?: FieldSnapshot; solve?: SolveReport | null }> {
    return this.guarded((b) => b.readback(fields, exact), true, 'readback');
  }
  prepareDisplay(fields: readonly FieldName[]): void {
    if (!this.recovering) this.inner.prepareDisplay(fields);
  }
  paint(dab: PaintDab): void {
    if (!this.recovering) this.inner.paint(dab);
  }
  jumpToSteadyState(): Promise<SolveReport> {
    return this.guarded((b) => b.jumpToSteadyState(), false, 'jump');
  }
  restore(s: SavedState): void {
    this.inner.restore(s);
  }
  destroy(): void {
    this.inner.destroy();
  }
}
