/**
 * Optional timing marks of the page's frame loop (issue 8, symptom 10), for
 * `npm run bench:responsive -- --trace`: while `globalThis.__onsagerTrace` is true, each traced
 * piece (the loop's frame, a readback's publish, the GPU work of a frame, a readback's copy and
 * map) becomes a `performance.measure` entry named `onsager:<piece>` that the benchmark collects
 * next to the long frames. Off (the default), a traced piece costs one property read.
 */

declare global {
  // eslint-disable-next-line no-var
  var __onsagerTrace: boolean | undefined;
}

/** Whether the marks are being recorded now. */
export function tracing(): boolean {
  return globalThis.__onsagerTrace === true;
}

/** Records `onsager:<piece>` from `start` (a performance.now() value) to now, when tracing. */
export function traceSince(piece: string, start: number): void {
  if (globalThis.__onsagerTrace !== true) return;
  performance.measure(`onsager:${piece}`, { start, end: performance.now() });
}
