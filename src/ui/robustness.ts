/**
 * Wiring of the page's robustness parts (issue 8) into start-up, kept out of boot.ts: GPU errors
 * become failures (src/ui/failure.ts), device loss is recovered from (src/ui/device-recovery.ts),
 * and `onsager.debug` reports GPU objects alive, failures and recoveries.
 */
import type { FieldView } from '../view/field-view';
import type { Stage } from '../view/stage';
import type { PageBackend } from './backend';
import { RecoveringBackend } from './device-recovery';
import type { FailureGuard } from './failure';
import type { GpuBackend } from './gpu-backend';
import type { DebugApi } from '../record/page-api';
import { countGpuObjects, gpuObjects } from './gpu-objects';
import type { FrameCost } from './frame-cost';
import type { FrameLoop } from './loop';
import type { Messages } from './messages';
import type { SpeedController } from './speed';

/** What `onsager.debug` offers (tests and benchmarks). */
export type { DebugApi };

/** GPU errors this soon after a failure belong to it (e.g. the restore's own writes): no new restore [ms]. */
const ERROR_COLLAPSE_MS = 1000;

/**
 * An uncaptured GPU error (validation, out of memory, internal) is a failure: restore and say so.
 * Errors following within ERROR_COLLAPSE_MS of a failure are part of it (the page is paused then),
 * so a broken allocation cannot set off an endless chain of restores.
 */
export function watchGpuErrors(device: GPUDevice, guard: FailureGuard): void {
  let last = -Infinity;
  device.addEventListener('uncapturederror', (e) => {
    const now = performance.now();
    const collapsed = now - last < ERROR_COLLAPSE_MS;
    last = now;
    if (!collapsed) guard.fail(`the GPU reported an error (${(e as GPUUncapturedErrorEvent).error.message.split('\n')[0]})`);
  });
}

/** The GPU backend behind a RecoveringBackend whose recovery rebinds the stage, the view and the loop. */
export function recoveringGpu(
  inner: GpuBackend,
  device: GPUDevice,
  guard: () => FailureGuard,
  stage: Stage,
  late: { view?: FieldView; loop?: FrameLoop },
  messages: Messages,
): RecoveringBackend {
  return new RecoveringBackend(inner, device, {
    lastGood: () => guard().lastGood,
    async rebind(next, textures) {
      await stage.replaceDevice(next);
      late.view?.setSource(textures);
      late.loop?.invalidateLayout();
    },
    watch(next) {
      countGpuObjects(next);
      watchGpuErrors(next, guard());
    },
    say: (title, lines, kind) =>
      messages.show(
        title,
        lines.map((message) => ({ path: '', message })),
        kind,
      ),
  });
}

export function debugHooks(backend: PageBackend, guard: FailureGuard, cost: FrameCost, speed: SpeedController): Omit<DebugApi, 'stepAccuracy' | 'contours'> {
  return {
    frameCost: () => ({
      displayMs: cost.displayMs,
      perPassMs: cost.perPassMs,
      frameMs: cost.frameMs,
      passBudget: cost.passBudget,
      measured: cost.measured,
      resolutionScale: cost.resolutionScale,
      stepPassCap: speed.stepPassCap(),
    }),
    gpuObjects,
    failures: () => ({ count: guard.failures, last: guard.lastMessage }),
    recoveries: () => (backend instanceof RecoveringBackend ? backend.recoveries : 0),
  };
}
