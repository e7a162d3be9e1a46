/**
 * The renderer: three's WebGPURenderer on the solver's own GPUDevice (our compute and three's
 * draws share one queue, in submission order), or three's WebGL2 backend when there is no WebGPU.
 */
import * as THREE from 'three/webgpu';

export class Stage {
  /** Replaced only by `replaceDevice` (after a device loss). */
  renderer: THREE.WebGPURenderer;
  readonly canvas: HTMLCanvasElement;
  /** Canvas size in CSS pixels. */
  width = 1;
  height = 1;
  /** Set while rendering at a fixed size (a recording): resize() leaves the canvas alone. */
  private fixed = false;
  /**
   * Drawing-buffer pixels per device pixel (<= 1): lowered by the page's frame-cost control when
   * drawing alone takes most of a frame on a slow adapter (src/ui/frame-cost.ts).
   */
  private resolutionScale = 1;

  private constructor(canvas: HTMLCanvasElement, renderer: THREE.WebGPURenderer) {
    this.canvas = canvas;
    this.renderer = renderer;
  }

  /** With a device: WebGPU on that device; without: three's WebGL2 backend. */
  static async create(canvas: HTMLCanvasElement, device: GPUDevice | undefined): Promise<Stage> {
    const stage = new Stage(canvas, await Stage.makeRenderer(canvas, device));
    stage.resize();
    return stage;
  }

  private static async makeRenderer(canvas: HTMLCanvasElement, device: GPUDevice | undefined): Promise<THREE.WebGPURenderer> {
    const renderer = device
      ? new THREE.WebGPURenderer({ canvas, device, antialias: false, alpha: false })
      : new THREE.WebGPURenderer({ canvas, forceWebGL: true, antialias: false, alpha: false });
    renderer.setClearColor(0x15171c, 1);
    renderer.outputColorSpace = THREE.SRGBColorSpace;
    renderer.toneMapping = THREE.NoToneMapping;
    await renderer.init();
    return renderer;
  }

  /**
   * Draws with a new device from now on (the old one was lost): the old renderer is disposed and a
   * new one made on the same canvas; scenes and materials are rebuilt by it on first use.
   */
  async replaceDevice(device: GPUDevice): Promise<void> {
    try {
      this.renderer.dispose();
    } catch {
      // a renderer on a lost device: nothing to give back
    }
    this.renderer = await Stage.makeRenderer(this.canvas, device);
    this.width = -1;
    if (this.fixed) this.renderer.setSize(this.canvas.width, this.canvas.height, false);
    else this.resize();
  }

  /** Matches the drawing buffer to the canvas's CSS size; returns whether it changed. */
  resize(): boolean {
    if (this.fixed) return false;
    const w = Math.max(1, Math.round(this.canvas.clientWidth));
    const h = Math.max(1, Math.round(this.canvas.clientHeight));
    if (w === this.width && h === this.height) return false;
    this.width = w;
    this.height = h;
    this.renderer.setPixelRatio(Math.min(globalThis.devicePixelRatio || 1, 2) * this.resolutionScale);
    this.renderer.setSize(w, h, false);
    return true;
  }

  /** Draws at `scale` (0..1] of the device's pixels from now on (not while the size is fixed). */
  setResolutionScale(scale: number): void {
    if (scale === this.resolutionScale) return;
    this.resolutionScale = scale;
    if (this.fixed) return;
    this.width = -1;
    this.resize();
  }

  /**
   * Renders at a fixed size until release(): `cssWidth` x `cssHeight` layout pixels at
   * `pixelRatio`, i.e. a drawing buffer of round(cssWidth * pixelRatio) x round(cssHeight *
   * pixelRatio) pixels whatever the canvas's size on the page (a recording's frame).
   */
  fixSize(cssWidth: number, cssHeight: number, pixelRatio: number): void {
    this.fixed = true;
    this.width = cssWidth;
    this.height = cssHeight;
    const w = Math.round(cssWidth * pixelRatio);
    const h = Math.round(cssHeight * pixelRatio);
    this.renderer.setPixelRatio(pixelRatio);
    // three floors width * ratio: aim a quarter pixel above so the buffer is exactly w x h.
    this.renderer.setSize((w + 0.25) / pixelRatio, (h + 0.25) / pixelRatio, false);
  }

  /** Back to following the canvas's CSS size. */
  release(): void {
    if (!this.fixed) return;
    this.fixed = false;
    this.width = -1;
    this.resize();
  }

  render(scene: THREE.Scene, camera: THREE.Camera): void {
    this.renderer.render(scene, camera);
  }

  dispose(): void {
    this.renderer.dispose();
  }
}
