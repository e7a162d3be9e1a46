/**
 * Built-in scenarios (presets/*.json), by id. Each is an ordinary scenario file: what a lecturer
 * exports from the page or keeps beside the slides looks the same.
 */
import dufourGas from '../../presets/dufour-gas.json';
import heatSinkFin from '../../presets/heat-sink-fin.json';
import hotSpot from '../../presets/hot-spot.json';
import ionChannel from '../../presets/ion-channel.json';
import nernstCell from '../../presets/nernst-cell.json';
import nessRod from '../../presets/ness-rod.json';
import soretCell from '../../presets/soret-cell.json';

const PRESETS: Readonly<Record<string, unknown>> = {
  'soret-cell': soretCell,
  'ness-rod': nessRod,
  'dufour-gas': dufourGas,
  'hot-spot': hotSpot,
  'heat-sink-fin': heatSinkFin,
  'nernst-cell': nernstCell,
  'ion-channel': ionChannel,
};

export const PRESET_IDS: readonly string[] = Object.keys(PRESETS);
export const DEFAULT_PRESET = 'soret-cell';

export function isPresetId(id: string): boolean {
  return Object.hasOwn(PRESETS, id);
}

/** A fresh copy of a preset's scenario file (raw JSON, to be validated). */
export function presetFile(id: string): unknown {
  if (!isPresetId(id)) throw new Error(`unknown preset "${id}"; presets are ${PRESET_IDS.join(', ')}`);
  return structuredClone(PRESETS[id]);
}
