/**
 * Colormap lookup tables: the one module both the field views (as LUT textures) and the colour
 * bars (as canvas pixels) read, so what is drawn and what the bar says always agree.
 * Perceptually uniform maps: viridis and inferno (sequential; van der Walt & Smith, matplotlib)
 * and Moreland's cool-warm (diverging, centred on the reference state). Stored as 8-bit sRGB.
 */

export type ColormapName = 'inferno' | 'viridis' | 'coolwarm';
export const COLORMAP_NAMES: readonly ColormapName[] = ['inferno', 'viridis', 'coolwarm'];
export const LUT_SIZE = 256;

/** Colour of cells with negative entropy production (second law broken, unphysical mode): cyan. */
export const NEGATIVE_SIGMA_RGB: readonly [number, number, number] = [0, 229, 255];

/**
 * Colour of solid cells (obstacles, membranes) in every pane and every field: one neutral mid grey,
 * darker than cool-warm's light-grey centre and unlike either end of any colormap, so a solid never
 * reads as a value (a wall painted "top of the range" would).
 */
export const SOLID_RGB: readonly [number, number, number] = [110, 110, 110];

type Stops = readonly (readonly [number, number, number, number])[];

const VIRIDIS: Stops = [
  [0.0, 68, 1, 84], [0.1, 72, 36, 117], [0.2, 65, 68, 135], [0.3, 53, 95, 141], [0.4, 42, 120, 142],
  [0.5, 33, 145, 140], [0.6, 34, 168, 132], [0.7, 68, 191, 112], [0.8, 122, 209, 81], [0.9, 189, 223, 38],
  [1.0, 253, 231, 37],
];

const INFERNO: Stops = [
  [0.0, 0, 0, 4], [0.1, 22, 11, 57], [0.2, 66, 10, 104], [0.3, 106, 23, 110], [0.4, 147, 38, 103],
  [0.5, 188, 55, 84], [0.6, 221, 81, 58], [0.7, 243, 120, 25], [0.8, 252, 165, 10], [0.9, 246, 215, 70],
  [1.0, 252, 255, 164],
];

/** Moreland (2009), "Diverging color maps for scientific visualization", 33-entry table. */
const COOLWARM: Stops = [
  [0.0, 59, 76, 192], [0.03125, 68, 90, 204], [0.0625, 77, 104, 215], [0.09375, 87, 117, 225],
  [0.125, 98, 130, 234], [0.15625, 108, 142, 241], [0.1875, 119, 154, 247], [0.21875, 130, 165, 251],
  [0.25, 141, 176, 254], [0.28125, 152, 185, 255], [0.3125, 163, 194, 255], [0.34375, 174, 201, 253],
  [0.375, 184, 208, 249], [0.40625, 194, 213, 244], [0.4375, 204, 217, 238], [0.46875, 213, 219, 230],
  [0.5, 221, 221, 221], [0.53125, 229, 216, 209], [0.5625, 236, 211, 197], [0.59375, 241, 204, 185],
  [0.625, 245, 196, 173], [0.65625, 247, 187, 160], [0.6875, 247, 177, 148], [0.71875, 247, 166, 135],
  [0.75, 244, 154, 123], [0.78125, 241, 141, 111], [0.8125, 236, 127, 99], [0.84375, 229, 112, 88],
  [0.875, 222, 96, 77], [0.90625, 213, 80, 66], [0.9375, 203, 62, 56], [0.96875, 192, 40, 47],
  [1.0, 180, 4, 38],
];

const STOPS: Record<ColormapName, Stops> = { inferno: INFERNO, viridis: VIRIDIS, coolwarm: COOLWARM };

export const COLORMAP_KIND: Record<ColormapName, 'sequential' | 'diverging'> = {
  inferno: 'sequential',
  viridis: 'sequential',
  coolwarm: 'diverging',
};

function build(stops: Stops): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 4);
  let s = 0;
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = i / (LUT_SIZE - 1);
    while (s < stops.length - 2 && t > stops[s + 1][0]) s++;
    const a = stops[s];
    const b = stops[s + 1];
    const f = (t - a[0]) / (b[0] - a[0]);
    for (let k = 0; k < 3; k++) lut[i * 4 + k] = Math.round(a[k + 1] + f * (b[k + 1] - a[k + 1]));
    lut[i * 4 + 3] = 255;
  }
  return lut;
}

const LUTS = Object.fromEntries(Object.entries(STOPS).map(([k, v]) => [k, build(v)])) as Record<ColormapName, Uint8Array>;

/** The LUT of a colormap: LUT_SIZE RGBA entries, 8-bit sRGB (do not modify). */
export function colormapLut(name: ColormapName): Uint8Array {
  return LUTS[name];
}

/** The LUT entry for t in [0, 1] (clamped), nearest entry, as [r, g, b] 0..255. */
export function colormapRgb(name: ColormapName, t: number): [number, number, number] {
  const lut = LUTS[name];
  const i = Math.round(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (LUT_SIZE - 1));
  return [lut[i * 4], lut[i * 4 + 1], lut[i * 4 + 2]];
}

/** The default colormap of a field: sequential for sigma, diverging about the reference for T, c. */
export function defaultColormap(field: 'T' | 'c' | 'sigma'): ColormapName {
  return field === 'sigma' ? 'inferno' : 'coolwarm';
}
