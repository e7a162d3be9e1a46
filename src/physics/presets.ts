/**
 * Built-in scenarios (presets/*.json), by id. Each is an ordinary scenario file: what a lecturer
 * exports from the page or keeps beside the slides looks the same.
 */
import coffeeCooling from '../../presets/coffee-cooling.json';
import dufourGas from '../../presets/dufour-gas.json';
import heatSinkFin from '../../presets/heat-sink-fin.json';
import hotSpot from '../../presets/hot-spot.json';
import ionChannel from '../../presets/ion-channel.json';
import nernstCell from '../../presets/nernst-cell.json';
import nessRod from '../../presets/ness-rod.json';
import saltDissolving from '../../presets/salt-dissolving.json';
import no2Box from '../../presets/no2-box.json';
import reactiveConduction from '../../presets/reactive-conduction.json';
import soretCell from '../../presets/soret-cell.json';

const PRESETS: Readonly<Record<string, unknown>> = {
  'soret-cell': soretCell,
  'ness-rod': nessRod,
  'dufour-gas': dufourGas,
  'hot-spot': hotSpot,
  'heat-sink-fin': heatSinkFin,
  'nernst-cell': nernstCell,
  'ion-channel': ionChannel,
  'salt-dissolving': saltDissolving,
  'coffee-cooling': coffeeCooling,
  'no2-box': no2Box,
  'reactive-conduction': reactiveConduction,
};

/**
 * The preset menu's order: the order of the examples in the lecture text
 * (../shared/article/non-equilibrium-thermodynamics.md): the coffee cup (Introduction), the rod
 * between fire and ice (local equilibrium), the heat-sink fin, salt dissolving, the ion channel
 * (fluxes and forces), where entropy is produced, Soret and Dufour (coupled flows, Onsager),
 * reaction with conduction (Curie) and NO2 dimerisation (the limits of linearity). Ids not
 * registered (yet) are skipped; registered ids missing here come last, in table order.
 */
export const LECTURE_ORDER: readonly string[] = [
  'coffee-cooling',
  'ness-rod',
  'heat-sink-fin',
  'salt-dissolving',
  'ion-channel',
  'nernst-cell',
  'hot-spot',
  'soret-cell',
  'dufour-gas',
  'reactive-conduction',
  'no2-box',
];

/** Preset ids in lecture order (LECTURE_ORDER), then any others in table order. */
export function inLectureOrder(ids: readonly string[]): string[] {
  const rank = (id: string) => {
    const r = LECTURE_ORDER.indexOf(id);
    return r < 0 ? LECTURE_ORDER.length : r;
  };
  return ids.map((id, i) => ({ id, i })).sort((a, b) => rank(a.id) - rank(b.id) || a.i - b.i).map((e) => e.id);
}

export const PRESET_IDS: readonly string[] = inLectureOrder(Object.keys(PRESETS));
export const DEFAULT_PRESET = 'soret-cell';

export function isPresetId(id: string): boolean {
  return Object.hasOwn(PRESETS, id);
}

/** A fresh copy of a preset's scenario file (raw JSON, to be validated). */
export function presetFile(id: string): unknown {
  if (!isPresetId(id)) throw new Error(`unknown preset "${id}"; presets are ${PRESET_IDS.join(', ')}`);
  return structuredClone(PRESETS[id]);
}
