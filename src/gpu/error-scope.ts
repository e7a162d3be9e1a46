/**
 * GPU errors as messages. `withErrorScopes` runs allocation or pipeline creation inside
 * 'out-of-memory', 'validation' and 'internal' error scopes and turns what they catch into a
 * `GpuError` with a plain message (what was being done, the kind of error, the driver's words).
 * `watchUncapturedErrors` collects errors raised outside any scope (e.g. during stepping), so a
 * run that met one is reported as a failure, never as a result.
 */

export type GpuErrorKind = 'out-of-memory' | 'validation' | 'internal';

export class GpuError extends Error {
  constructor(
    readonly kind: GpuErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'GpuError';
  }
}

const FILTERS: readonly GpuErrorKind[] = ['out-of-memory', 'validation', 'internal'];

function describeError(kind: GpuErrorKind, what: string, detail: string): string {
  const plain =
    kind === 'out-of-memory'
      ? 'the GPU ran out of memory'
      : kind === 'validation'
        ? 'the GPU refused a command (a validation error)'
        : 'the GPU driver failed (an internal error)';
  return `${what}: ${plain}: ${detail.trim() || '(no details)'}`;
}

/**
 * Runs `f` inside out-of-memory, validation and internal error scopes; resolves with its result,
 * or rejects with a GpuError (the first scope that caught something) after calling `cleanup` on
 * the result. A synchronous throw from `f` is passed on after the scopes are popped.
 */
export async function withErrorScopes<T>(device: GPUDevice, what: string, f: () => T, cleanup?: (value: T) => void): Promise<T> {
  for (const filter of FILTERS) device.pushErrorScope(filter);
  let value: T | undefined;
  let thrown: unknown;
  let threw = false;
  try {
    value = f();
  } catch (e) {
    thrown = e;
    threw = true;
  }
  const caught: { kind: GpuErrorKind; message: string }[] = [];
  // scopes pop in reverse order of pushing
  for (const filter of [...FILTERS].reverse()) {
    const err = await device.popErrorScope();
    if (err) caught.push({ kind: filter, message: err.message });
  }
  if (threw) throw thrown;
  if (caught.length) {
    if (cleanup) cleanup(value as T);
    // out-of-memory first: a validation error after a failed allocation is its consequence
    const first = FILTERS.map((k) => caught.find((c) => c.kind === k)).find((c) => c !== undefined)!;
    throw new GpuError(first.kind, describeError(first.kind, what, first.message));
  }
  return value as T;
}

/**
 * Collects uncaptured GPU errors of `device` from now on; `first()` gives the first as a plain
 * message (null while none), `stop()` removes the listener.
 */
export function watchUncapturedErrors(device: GPUDevice, what = 'running the solver'): { first(): string | null; count(): number; stop(): void } {
  const seen: string[] = [];
  const onError = (e: Event) => {
    const err = (e as GPUUncapturedErrorEvent).error;
    const name = err.constructor?.name ?? '';
    const kind: GpuErrorKind = /OutOfMemory/.test(name) ? 'out-of-memory' : /Validation/.test(name) ? 'validation' : 'internal';
    seen.push(describeError(kind, what, err.message));
  };
  device.addEventListener('uncapturederror', onError);
  return {
    first: () => seen[0] ?? null,
    count: () => seen.length,
    stop: () => device.removeEventListener('uncapturederror', onError),
  };
}
