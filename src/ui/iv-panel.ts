/**
 * The ions box under the fields (issue 10): the applied voltage beside the Nernst (reversal)
 * voltage of the current reservoirs, the wall currents of the latest readback, and the
 * current-voltage plot: a sweep of the applied voltage (physics/iv-sweep.ts, driven through the
 * page's own App: set the electrode, jump to the steady state, read `current`) drawn as points,
 * the GHK curve as the analytic overlay (dashed; scaled by the fitted factor where a pore narrows
 * the path, and then labelled so) and the reversal voltage marked. The user's scenario, fields,
 * time and play state come back after the sweep. Shown while the scenario has two electrodes.
 * Until a sweep has plotted a point, the plot area says how to get one (an empty plot reads as broken).
 */
import uPlot from 'uplot';
import { appliedVoltage, electrodesOf, ghkCurrent, reversalOf, runIvSweep, sweepVoltages, type IvCurve, type IvDriver, type IvSweepRequest, type WallCurrents } from '../physics/iv-sweep';
import { SIDES } from '../physics/scenario';
import type { Validated } from '../physics/validate';
import { fmt, plotTickLabels } from '../view/format';
import type { App, Readback } from './app';
import type { SavedState } from './failure';
import { isRestorable } from './failure';

/** Samples of the GHK overlay across the plot. */
const CURVE_SAMPLES = 61;

interface PageSaved {
  validated: Validated;
  state?: SavedState;
  playing: boolean;
}

/** The sweep's driver over the page's App (same validation, jump and summary as the API). */
export function pageIvDriver(app: App): IvDriver<PageSaved> {
  return {
    async save() {
      const playing = app.settings.playing;
      app.pause();
      const rb = await app.refresh(true);
      const s = rb.snapshot;
      const state: SavedState | undefined = s
        ? { running: rb.running, nx: s.nx, ny: s.ny, T: s.T.slice(), c: s.c.slice(), simTime: s.simTime, steps: s.steps, passes: rb.stats.passes }
        : undefined;
      return { validated: app.validated, state, playing };
    },
    async restore(saved) {
      app.apply(saved.validated);
      const b = app.backend;
      const g = b.running.scenario.grid;
      if (saved.state && isRestorable(b) && saved.state.nx === g.nx && saved.state.ny === g.ny) {
        b.restore(saved.state);
        app.revision++;
      } else app.reset();
      await app.refresh(true);
      if (saved.playing) app.play();
    },
    async set(path, value) {
      app.set(path, value);
    },
    async jump() {
      await app.jump();
    },
    async currents() {
      // The summary key `current` (scenario.md), present where ions apply.
      const c = ((await app.summary()) as { current?: WallCurrents }).current;
      if (!c) throw new Error('the summary has no wall currents (no ions in this scenario)');
      return c;
    },
  };
}

/** The wall currents of a readback's stats [A/m], where the backend reports them (ions only). */
function currentsOf(rb: Readback | undefined): WallCurrents | undefined {
  return rb?.stats.current;
}

const mV = (v: number) => `${fmt(v * 1000, 3)} mV`;

export class IvPanel {
  readonly root = document.createElement('div');
  private readonly readout = document.createElement('div');
  private readonly button = document.createElement('button');
  private readonly target = document.createElement('div');
  private readonly titleEl = document.createElement('div');
  /** Shown over the empty plot area until a sweep has points. */
  private readonly hint = document.createElement('div');
  private plot: uPlot;
  private curve?: IvCurve;
  private running = false;
  private host?: HTMLElement;
  private readoutHeight = 0;
  /** x (mV), measured current, GHK overlay (A/m), aligned for uPlot. */
  private data: uPlot.AlignedData = [[], [], []];

  constructor(
    host: HTMLElement,
    private readonly app: App,
  ) {
    this.root.className = 'plot';
    this.root.id = 'plot-iv';
    this.titleEl.className = 'plot-title';
    this.titleEl.textContent = 'Current-voltage: steady current through the electrode';
    this.readout.className = 'iv-readout';
    Object.assign(this.readout.style, { fontSize: '12px', color: 'var(--muted)', padding: '0 4px 2px', display: 'flex', gap: '8px', alignItems: 'center', justifyContent: 'space-between' });
    this.button.type = 'button';
    this.button.textContent = 'sweep I-V';
    this.button.dataset.testid = 'iv-sweep';
    this.button.title = 'Sweep the applied voltage around the Nernst voltage: jump to the steady state at each voltage and plot the current (your state comes back afterwards)';
    this.button.onclick = () => void this.sweep({}).catch((e) => app.events.emit('error', { title: 'The I-V sweep stopped', problems: [{ path: '', message: e instanceof Error ? e.message : String(e) }] }));
    this.readout.append(this.button);
    this.root.append(this.titleEl, this.readout, this.target);
    host.append(this.root);
    this.plot = this.make(300, 150);
    this.hint.className = 'iv-hint';
    this.hint.dataset.testid = 'iv-hint';
    this.hint.textContent = 'No sweep yet. Press “sweep I-V”: the steady current at 9 applied voltages around the Nernst voltage, with the GHK curve.';
    Object.assign(this.hint.style, {
      position: 'absolute',
      left: '0',
      right: '0',
      top: '35%',
      padding: '0 24px 0 80px',
      textAlign: 'center',
      fontSize: '13px',
      lineHeight: '1.35',
      color: 'var(--muted)',
      pointerEvents: 'none',
    });
    this.target.style.position = 'relative';
    this.target.append(this.hint);
    new ResizeObserver(() => this.fit(host)).observe(host);
    app.events.on('scenario', ({ loaded }) => {
      if (loaded) this.clear();
      this.show();
    });
    app.events.on('readback', (rb) => this.updateReadout(rb));
    this.show();
  }

  /** Runs a sweep on the user's scenario and plots it; the user's state is restored afterwards. */
  async sweep(req: IvSweepRequest): Promise<IvCurve> {
    if (this.running) throw new Error('an I-V sweep is already running');
    const s = this.app.validated.scenario;
    const e = electrodesOf(s);
    if (typeof e === 'string') throw new Error(`I-V sweep: ${e}`);
    const Vrev = reversalOf(s, e);
    const span = req.span ?? Math.max(0.06, Math.abs(Vrev) + 0.02);
    const voltages = req.voltages ?? sweepVoltages(Vrev, span, req.points ?? 9);
    this.running = true;
    this.button.disabled = true;
    this.curve = { electrodes: e, points: [], reversal: Vrev, applied: appliedVoltage(s, e), fitScale: 1 };
    try {
      const curve = await runIvSweep(pageIvDriver(this.app), s, voltages, (p) => {
        this.curve!.points.push(p);
        this.button.textContent = `sweeping… ${this.curve!.points.length}/${voltages.length}`;
        this.redraw();
      });
      this.curve = curve;
      this.redraw();
      return curve;
    } finally {
      this.running = false;
      this.button.disabled = false;
      this.button.textContent = 'sweep I-V';
    }
  }

  /** The last sweep (points, reversal, fitted scale), or undefined. */
  get last(): IvCurve | undefined {
    return this.curve;
  }

  private clear(): void {
    this.curve = undefined;
    this.redraw();
  }

  private show(): void {
    const e = electrodesOf(this.app.validated.scenario);
    this.root.hidden = typeof e === 'string';
    if (this.app.latest) this.updateReadout(this.app.latest);
  }

  private updateReadout(rb: Readback): void {
    if (this.root.hidden) return;
    const s = this.app.validated.scenario;
    const e = electrodesOf(s);
    if (typeof e === 'string') return;
    const I = currentsOf(rb);
    const walls = I ? SIDES.filter((side) => s.boundaries[side].electric?.type === 'voltage' || Math.abs(I[side]) > 0).map((side) => `I_${side} = ${fmt(I[side], 3)} A/m`) : [];
    const text = `applied φ_${e.from} − φ_${e.to} = ${mV(appliedVoltage(s, e))} · Nernst (reversal) ${mV(reversalOf(s, e))}${walls.length ? ' · ' + walls.join(', ') : ''}`;
    let span = this.readout.querySelector('span');
    if (!span) {
      span = document.createElement('span');
      this.readout.prepend(span);
    }
    if (span.textContent !== text) span.textContent = text;
    // A readout that wraps onto more lines takes room from the plot.
    if (this.host && this.readout.offsetHeight !== this.readoutHeight) this.fit(this.host);
  }

  private make(width: number, height: number): uPlot {
    const axis = (label: string, size: number): uPlot.Axis => ({
      stroke: '#a9b0bd',
      grid: { stroke: '#2c313b', width: 1 },
      ticks: { stroke: '#2c313b', width: 1, size: 6 },
      font: '12px system-ui, sans-serif',
      labelFont: '12px system-ui, sans-serif',
      label,
      size,
      values: (_u, splits) => plotTickLabels(splits),
    });
    return new uPlot(
      {
        width,
        height,
        legend: { show: true, live: false },
        scales: { x: { time: false } },
        series: [
          { label: 'V [mV]' },
          { label: 'steady current (jump)', stroke: '#7cc4ff', width: 0, points: { show: true, size: 9, fill: '#7cc4ff' }, paths: () => null },
          { label: 'GHK', stroke: '#ff6b6b', width: 1.5, dash: [6, 4], points: { show: false } },
        ],
        axes: [axis('applied voltage [mV]', 40), axis('current [A/m]', 70)],
        hooks: { draw: [(u) => this.drawMarks(u)] },
      },
      this.data,
      this.target,
    );
  }

  /** The reversal voltage (dashed, labelled) and the applied voltage now (dotted). */
  private drawMarks(u: uPlot): void {
    const s = this.app.validated.scenario;
    const e = electrodesOf(s);
    if (typeof e === 'string') return;
    const ctx = u.ctx;
    const mark = (V: number, color: string, dash: number[], label: string, bottom = false) => {
      const x = u.valToPos(V * 1000, 'x', true);
      if (!Number.isFinite(x) || x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
      ctx.save();
      ctx.strokeStyle = color;
      ctx.fillStyle = color;
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.setLineDash(dash.map((d) => d * devicePixelRatio));
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
      ctx.fillText(label, x + 4 * devicePixelRatio, bottom ? u.bbox.top + u.bbox.height - 4 * devicePixelRatio : u.bbox.top + 12 * devicePixelRatio);
      ctx.restore();
    };
    mark(reversalOf(s, e), '#ffd166', [5, 4], `V_rev ${mV(reversalOf(s, e))}`);
    mark(appliedVoltage(s, e), '#a9b0bd', [2, 3], 'applied', true);
  }

  /** Points and the GHK overlay on one sorted x axis (uPlot's aligned data). */
  private redraw(): void {
    const c = this.curve;
    const s = this.app.validated.scenario;
    const e = electrodesOf(s);
    this.hint.hidden = !!c && c.points.length > 0;
    if (!c || c.points.length === 0 || typeof e === 'string') {
      this.data = [[], [], []];
      this.plot.setData(this.data);
      return;
    }
    const vs = c.points.map((p) => p.voltage);
    const lo = Math.min(...vs, c.reversal);
    const hi = Math.max(...vs, c.reversal);
    const scale = c.points.length > 1 ? c.fitScale : 1;
    const rows: [number, number | null, number | null][] = [];
    for (let k = 0; k < CURVE_SAMPLES; k++) {
      const V = lo + ((hi - lo) * k) / (CURVE_SAMPLES - 1);
      rows.push([V * 1000, null, scale * ghkCurrent(s, e, V)]);
    }
    for (const p of c.points) rows.push([p.voltage * 1000, p.current, scale * p.ghk]);
    rows.sort((a, b) => a[0] - b[0]);
    this.data = [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])] as uPlot.AlignedData;
    const fitted = s.obstacles.length > 0 && Math.abs(scale - 1) > 1e-3;
    const label = Array.from(this.target.querySelectorAll('.u-legend .u-label')).find((l) => l.textContent?.startsWith('GHK'));
    if (label) label.textContent = fitted ? `GHK × ${fmt(scale, 3)} (fitted: pore)` : 'GHK (analytic)';
    this.plot.setData(this.data);
  }

  private fit(host: HTMLElement): void {
    this.host = host;
    this.readoutHeight = this.readout.offsetHeight;
    // Title (20 px), the readout, the legend (about 30 px) and padding around the plot area.
    const height = Math.max(100, Math.round(host.clientHeight - 20 - this.readoutHeight - 30 - 14) || 150);
    const width = Math.max(260, Math.min(520, Math.floor(host.clientWidth / 3)));
    this.plot.setSize({ width, height });
    this.root.style.width = `${width + 8}px`;
  }
}
