/**
 * 2D canvases kept in CPU memory (`willReadFrequently`), for the plots. A GPU-backed 2D canvas is
 * rasterised by the browser's GPU process on the same adapter that runs the simulation; on a CPU
 * adapter (SwiftShader) each plot redraw then queues behind, and competes with, the stencil passes
 * and the compositor, and the page's frames wait for it (issue 8, symptom 10: the heat-sink fin's
 * three plots tripled its display cost). Drawn on the CPU, a small plot costs the page's main
 * thread a millisecond or two and the GPU only the upload of its pixels.
 */

/**
 * Runs `make`, which creates its 2D canvases synchronously (uPlot's constructor does), with every
 * 2D context it asks for created with `willReadFrequently: true` (a CPU-backed canvas). Other
 * context types, and contexts asked for after `make` returns, are untouched.
 */
export function withCpuCanvases<T>(make: () => T): T {
  const proto = HTMLCanvasElement.prototype;
  const original = proto.getContext;
  const call = original as (this: HTMLCanvasElement, type: string, options?: Record<string, unknown>) => RenderingContext | null;
  const patched = function (this: HTMLCanvasElement, type: string, options?: Record<string, unknown>) {
    return call.call(this, type, type === '2d' ? { ...options, willReadFrequently: true } : options);
  };
  proto.getContext = patched as typeof original;
  try {
    return make();
  } finally {
    proto.getContext = original;
  }
}
