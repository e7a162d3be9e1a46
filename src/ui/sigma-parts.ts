/**
 * The parts of sigma on the page: at each readback that copied the fields, the heat and mass
 * parts per cell (physics/entropy-parts.ts, float64 from the float32 copy), their reductions
 * (attached to the readback's stats for the colour ranges) and their totals (for the S(t) plot);
 * while the sigma pane shows a part, its texture is uploaded and shown in the pane's place.
 */
import { entropyPartTotals, type EntropyPartTotals } from '../physics/entropy-parts';
import { SIGMA_PARTS, sigmaPartFields, type SigmaPart, type SigmaPartFields } from '../physics/sigma-part-fields';
import type { FieldStats } from '../physics/simulation';
import type { Validated } from '../physics/validate';
import { solidOf } from '../physics/snapshot-stats';
import { HostFieldTexture } from '../view/field-textures';
import type { FieldView } from '../view/field-view';
import type { App, Readback } from './app';
import { attachPartStats } from './ranges';

export class SigmaParts {
  /** Totals of the latest readback with fields [W K^-1 m^-1], and the simulated time they are of. */
  totals?: EntropyPartTotals & { simTime: number; revision: number };
  private fields?: SigmaPartFields;
  private readonly textures: Record<SigmaPart, HostFieldTexture> = {
    heat: new HostFieldTexture('sigma heat part'),
    mass: new HostFieldTexture('sigma mass part'),
    chemical: new HostFieldTexture('sigma chemical part'),
  };
  /** Which readback's parts each texture holds. */
  private readonly uploaded: Record<SigmaPart, string> = { heat: '', mass: '', chemical: '' };
  private key = '';
  private grid = { nx: 0, ny: 0 };
  private stats?: Record<SigmaPart, FieldStats>;

  constructor(
    private readonly app: App,
    private readonly view: FieldView | undefined,
  ) {
    app.events.on('readback', (rb) => this.readback(rb));
    app.events.on('settings', () => this.show());
  }

  private readback(rb: Readback): void {
    const snap = rb.snapshot;
    if (!snap) return;
    const g = rb.running.scenario.grid;
    if (snap.nx !== g.nx || snap.ny !== g.ny) return;
    const key = `${rb.revision}|${snap.steps}|${snap.simTime}|${snap.nx}x${snap.ny}`;
    if (key !== this.key) {
      this.key = key;
      this.fields = sigmaPartFields(rb.running, snap.T, snap.c, this.fields);
      const t: EntropyPartTotals = entropyPartTotals(rb.running, this.fields);
      if (rb.running.scenario.reaction) t.chemical = chemicalTotal(rb.running, this.fields.chemical);
      this.totals = { ...t, simTime: snap.simTime, revision: rb.revision };
      this.stats = reduce(rb, this.fields);
      this.grid = { nx: snap.nx, ny: snap.ny };
    }
    if (this.stats) attachPartStats(rb.stats, this.stats);
    this.show();
  }

  /** Points the sigma pane at the part chosen (its latest values uploaded), or back at sigma. */
  private show(): void {
    const part = this.app.settings.sigmaView;
    if (!this.view) return;
    if (part === 'total' || !this.fields) {
      this.view.setOverride('sigma', undefined);
      return;
    }
    const t = this.textures[part];
    const { nx, ny } = this.grid;
    if (this.uploaded[part] !== this.key) {
      t.update(nx, ny, this.fields[part]);
      this.uploaded[part] = this.key;
    }
    this.view.setOverride('sigma', { texture: t.texture, nx, ny });
  }

  dispose(): void {
    for (const t of Object.values(this.textures)) t.dispose();
  }
}

/** min, max, mean of each part over the fluid cells. */
function reduce(rb: Readback, parts: SigmaPartFields): Record<SigmaPart, FieldStats> {
  const solid = solidOf(rb.running);
  const out = {} as Record<SigmaPart, FieldStats>;
  for (const p of SIGMA_PARTS) {
    const a = parts[p];
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let n = 0;
    for (let k = 0; k < a.length; k++) {
      if (solid[k]) continue;
      if (a[k] < min) min = a[k];
      if (a[k] > max) max = a[k];
      sum += a[k];
      n++;
    }
    out[p] = { min, max, mean: n ? sum / n : 0 };
  }
  return out;
}

/** Integral of the chemical part over the domain, per unit depth [W K^-1 m^-1] (solid cells hold 0). */
function chemicalTotal(v: Validated, chemical: Float64Array): number {
  const g = v.scenario.grid;
  let sum = 0;
  for (let k = 0; k < chemical.length; k++) sum += chemical[k];
  return sum * (g.width / g.nx) * (g.height / g.ny);
}
