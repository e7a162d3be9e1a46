/**
 * What the S(t) plot draws and its legend names: the total S = ∫σ dA and the parts of it the
 * scenario can produce (heat and mass always; chemical only with a reaction), so that every series
 * the legend lists is one the plot draws. Pure: no DOM, no uPlot.
 */

/** The parts of S, in the order of the plot's series after the total. */
export type EntropySeriesKey = 'S' | 'heat' | 'mass' | 'chemical';

export interface EntropySeriesStyle {
  key: EntropySeriesKey;
  label: string;
  stroke: string;
  width: number;
  dash?: number[];
}

const STYLES: readonly EntropySeriesStyle[] = [
  { key: 'S', label: 'S', stroke: '#ffb347', width: 2 },
  { key: 'heat', label: 'heat', stroke: '#ff6b6b', width: 1.5, dash: [5, 3] },
  { key: 'mass', label: 'mass', stroke: '#7cc4ff', width: 1.5, dash: [2, 3] },
  { key: 'chemical', label: 'chemical', stroke: '#c77dff', width: 1.5, dash: [8, 3] },
];

/** The series of S(t) for a scenario with (or without) a reaction: S, heat, mass (, chemical). */
export function entropySeries(hasReaction: boolean): readonly EntropySeriesStyle[] {
  return hasReaction ? STYLES : STYLES.filter((s) => s.key !== 'chemical');
}
