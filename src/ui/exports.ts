/**
 * Sharing and export: the share link, scenario JSON in and out, a PNG of the view with its title,
 * caption and colour bars burned in, and the fields as .npy (float32, shape [ny, nx], row 0 at the
 * bottom, as the command line writes them) or CSV (one row per cell, SI units). Where the scenario
 * has them (physics/simulation.ts `extraFieldsOf`, the same list the command line's `--out` writes),
 * the potential phi [V] and the reaction affinity A [J/mol] are exported too.
 */
import { encodeNpyFloat32 } from '../io/npy';
import { potentialOf } from '../physics/potential';
import { affinityField } from '../physics/reaction-field';
import { extraFieldsOf, type ReadableField } from '../physics/simulation';
import type { FieldView } from '../view/field-view';
import type { PaneOverlays } from '../view/overlays';
import type { Stage } from '../view/stage';
import type { App } from './app';
import { storedFieldsOf } from '../view/layout';
import type { UrlSync } from './url-state';

/** A file name made from the scenario's name. */
export function fileStem(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
}

/** CSV column names (SI units) of the extra fields. */
const CSV_COLUMN: Record<ReadableField, string> = { T: 'T_K', c: 'c', sigma: 'sigma_W_per_K_m3', phi: 'phi_V', affinity: 'affinity_J_per_mol' };

export function download(name: string, data: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(data);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export class Exporter {
  constructor(
    private readonly app: App,
    private readonly stage: Stage,
    private readonly view: FieldView,
    private readonly overlays: PaneOverlays,
    private readonly url: UrlSync,
    /** Brings canvas size and layout up to date before a capture. */
    private readonly syncLayout: () => void = () => undefined,
  ) {}

  /** The share link of the current scenario (also written to the address bar). */
  link(): Promise<string> {
    return this.url.flush(this.app.validated.scenario);
  }

  scenarioJson(): string {
    return JSON.stringify(this.app.validated.scenario, null, 2) + '\n';
  }

  downloadScenario(): void {
    download(`${fileStem(this.app.validated.scenario.name)}.json`, new Blob([this.scenarioJson()], { type: 'application/json' }));
  }

  /** Loads a scenario file; a bad file is refused with its problems and nothing is lost. */
  async importFile(file: File): Promise<boolean> {
    const text = await file.text();
    return this.app.tryLoad(text, `The file ${file.name}`);
  }

  /**
   * A PNG of what is on screen: the view is drawn and copied in the same task (a WebGPU canvas is
   * readable only then), then the title, time, caption and colour bars are drawn around it.
   */
  async png(): Promise<Blob> {
    const s = this.app.settings;
    this.syncLayout();
    this.app.backend.prepareDisplay(storedFieldsOf(s.view, s.surfaceField));
    this.view.render();
    const src = this.stage.canvas;
    const scale = src.width / this.stage.width;
    const header = Math.round(56 * scale);
    const out = document.createElement('canvas');
    out.width = src.width;
    out.height = src.height + header;
    const ctx = out.getContext('2d')!;
    ctx.drawImage(src, 0, header);
    ctx.fillStyle = '#15171c';
    ctx.fillRect(0, 0, out.width, header);
    ctx.fillStyle = '#eef0f4';
    ctx.font = `600 ${Math.round(20 * scale)}px system-ui, sans-serif`;
    const v = this.app.validated;
    const b = this.app.backend;
    ctx.fillText(`${v.scenario.name}${v.derived.unphysical ? ' (UNPHYSICAL)' : ''}`, 12 * scale, 24 * scale);
    ctx.font = `${Math.round(14 * scale)}px system-ui, sans-serif`;
    ctx.fillStyle = '#a9b0bd';
    ctx.fillText(`t = ${b.simTime.toPrecision(4)} s · ${b.steps} steps · ${b.kind === 'webgpu' ? 'WebGPU' : 'CPU'} · Onsager Lab`, 12 * scale, 46 * scale);
    this.drawOverlays(ctx, header, scale);
    return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
  }

  /** Draws the HTML titles and colour bars at their on-screen places. */
  private drawOverlays(ctx: CanvasRenderingContext2D, top: number, scale: number): void {
    const host = this.overlays.element.getBoundingClientRect();
    ctx.textAlign = 'center';
    for (const el of Array.from(this.overlays.element.children) as HTMLElement[]) {
      if (el.hidden) continue;
      const r = el.getBoundingClientRect();
      const x = (r.left - host.left) * scale;
      const y = (r.top - host.top) * scale + top;
      const w = r.width * scale;
      if (el.classList.contains('pane-title')) {
        ctx.fillStyle = '#eef0f4';
        ctx.font = `600 ${Math.round(16 * scale)}px system-ui, sans-serif`;
        ctx.fillText(el.textContent ?? '', x + w / 2, y + 20 * scale, w);
      } else if (el.classList.contains('colorbar')) {
        const grad = el.querySelector('canvas');
        const title = el.querySelector('.colorbar-title');
        ctx.fillStyle = '#a9b0bd';
        ctx.font = `${Math.round(13 * scale)}px system-ui, sans-serif`;
        ctx.fillText(title?.textContent ?? '', x + w / 2, y + 13 * scale, w);
        if (grad) ctx.drawImage(grad, x, y + 18 * scale, w, 14 * scale);
        ctx.fillStyle = '#eef0f4';
        for (const t of Array.from(el.querySelectorAll<HTMLElement>('.colorbar-ticks span'))) {
          const f = parseFloat(t.style.left) / 100;
          ctx.fillText(t.textContent ?? '', x + f * w, y + 46 * scale);
        }
      }
    }
    ctx.textAlign = 'start';
  }

  async downloadPng(): Promise<void> {
    download(`${fileStem(this.app.validated.scenario.name)}-t${Math.round(this.app.backend.simTime)}s.png`, await this.png());
  }

  /**
   * Absolute field values of the latest state (fresh read), and the extra fields this scenario has
   * (phi: the static potential of the running scenario; affinity: from the same T, c copy).
   */
  private async fields(): Promise<{ nx: number; ny: number; width: number; height: number; extra: ReadableField[]; get(f: ReadableField): Float32Array }> {
    const rb = await this.app.refresh(true);
    const snap = rb.snapshot!;
    const running = rb.running;
    const { T0, c0 } = running.scenario.reference;
    const g = running.scenario.grid;
    return {
      nx: snap.nx,
      ny: snap.ny,
      width: g.width,
      height: g.height,
      extra: extraFieldsOf(running),
      get: (f) => {
        if (f === 'phi') {
          const p = potentialOf(running.scenario);
          if (!p) throw new Error('phi: this scenario has no electric potential (charge 0 or no voltage wall)');
          return Float32Array.from(p.phi);
        }
        if (f === 'affinity') {
          if (!running.scenario.reaction) throw new Error('affinity: this scenario has no reaction');
          return Float32Array.from(affinityField(running, snap.T, snap.c));
        }
        const off = f === 'T' ? T0 : f === 'c' ? c0 : 0;
        return Float32Array.from(snap[f], (x) => x + off);
      },
    };
  }

  async downloadNpy(field: ReadableField): Promise<void> {
    const f = await this.fields();
    const bytes = encodeNpyFloat32(f.get(field), [f.ny, f.nx]);
    download(`${fileStem(this.app.validated.scenario.name)}-${field}.npy`, new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  }

  /**
   * CSV of the fields: x [m], y [m] of each cell centre, T [K], c [-], sigma [W/(K m^3)], and where
   * the scenario has them phi [V] and the affinity A [J/mol].
   */
  async csv(): Promise<string> {
    const f = await this.fields();
    const cols = [f.get('T'), f.get('c'), f.get('sigma'), ...f.extra.map((e) => f.get(e))];
    const hx = f.width / f.nx;
    const hy = f.height / f.ny;
    const lines = [['x_m,y_m,T_K,c,sigma_W_per_K_m3', ...f.extra.map((e) => CSV_COLUMN[e])].join(',')];
    for (let j = 0; j < f.ny; j++) {
      for (let i = 0; i < f.nx; i++) {
        const k = j * f.nx + i;
        lines.push(`${((i + 0.5) * hx).toPrecision(6)},${((j + 0.5) * hy).toPrecision(6)},${cols.map((c) => c[k]).join(',')}`);
      }
    }
    return lines.join('\n') + '\n';
  }

  async downloadCsv(): Promise<void> {
    download(`${fileStem(this.app.validated.scenario.name)}-fields.csv`, new Blob([await this.csv()], { type: 'text/csv' }));
  }
}
