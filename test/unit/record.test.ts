/**
 * The recording's pure parts: the plan (whole steps per frame, exact frame times), the checks
 * shared by the page and the command line, the command line's defaults, captions, the steady
 * detector, colour-bar ticks, the colour ranges a recording holds, and the S(t) plot's axes.
 */
import { describe, expect, it } from 'vitest';
import { presetFile } from '../../src/physics/presets';
import type { SimStats } from '../../src/physics/simulation';
import { parseScenario } from '../../src/physics/validate';
import { parseRecordArgs, recordRequestOf } from '../../src/cli/recorder/args';
import { frameCaption, perFrameText, timeDecimals, timeText } from '../../src/record/caption';
import { formatOfPath, parseSize, RecordOptionError, recordRequestProblems, type RecordRequest } from '../../src/record/options';
import { describePlan, frameTime, planRecording, recordingScenario, shortVideoWarning } from '../../src/record/plan';
import { SteadyDetector } from '../../src/record/steady';
import { axisFraction, TimeSeriesPlot, yAxisOf } from '../../src/record/plot';
import { ReferenceSimulation } from '../../src/physics/reference';
import { entropyParts } from '../../src/physics/entropy-parts';
import type { Validated } from '../../src/physics/validate';
import { reducedGrid } from '../../src/ui/cpu-backend';
import { expectedRanges, holdRanges } from '../../src/ui/expected-range';
import { attachPartStats, displayStyle } from '../../src/ui/ranges';
import { defaultSettings, type PageSettings } from '../../src/ui/settings';
import type { ColorBarState } from '../../src/view/colorbar';
import type { FieldStyle } from '../../src/view/field-view';
import { colorBarScale, colorBarTicks, tickRoom } from '../../src/view/colorbar';
import { plotTickLabels, scaledLabels, timeTickLabels } from '../../src/view/format';

const soret = () => parseScenario(presetFile('soret-cell'));
const base: RecordRequest = { duration: 2, fps: 30, width: 320, height: 180, format: 'mp4' };

describe('recording plan', () => {
  it('steps a whole number of steps per frame, lowering dt so that each frame is the time asked exactly', () => {
    const v = soret();
    const dt0 = v.derived.dt;
    const plan = planRecording(v, { ...base, duration: 600, simPerFrame: 2 });
    expect(plan.frames).toBe(300);
    expect(plan.stepsPerFrame).toBe(Math.ceil(2 / dt0));
    expect(plan.dt).toBeLessThanOrEqual(dt0);
    expect(plan.dt * plan.stepsPerFrame).toBeCloseTo(2, 12);
    expect(frameTime(10, plan, 7)).toBeCloseTo(24, 12);
    // The solver runs that dt; the user's scenario is not touched.
    const running = recordingScenario(v, plan);
    expect(running.derived.dt).toBe(plan.dt);
    expect(running.warnings).toEqual([]);
    expect(v.scenario.time.dt).toBe('auto');
    expect(describePlan(plan)).toMatch(/^300 frames, 10 s of video at 30 fps; 2 s simulated per frame = \d+ steps of dt = .* lowered/);
  });

  it('takes one step per frame when a frame is shorter than the step, and real time by default', () => {
    const raw = presetFile('soret-cell') as { grid: object };
    const coarse = parseScenario({ ...raw, grid: { ...raw.grid, nx: 48, ny: 24 } });
    expect(coarse.derived.dt).toBeGreaterThan(1 / 30);
    const plan = planRecording(coarse, base);
    expect(plan.simPerFrame).toBeCloseTo(1 / 30, 15);
    expect(plan.dt).toBe(plan.simPerFrame);
    expect(plan.stepsPerFrame).toBe(1);
    expect(plan.frames).toBe(60);
  });

  it('records until steady up to a cap: 10 minutes of video, or the max duration given', () => {
    expect(planRecording(soret(), { ...base, duration: 'steady' })).toMatchObject({ frames: undefined, maxFrames: 18000 });
    expect(planRecording(soret(), { ...base, duration: 'steady', simPerFrame: 2, maxDuration: 100 })).toMatchObject({ frames: undefined, maxFrames: 50 });
  });
});

describe('recording options', () => {
  const problems = (patch: Partial<RecordRequest>) => recordRequestProblems({ ...base, ...patch }).map((p) => `${p.option}: ${p.message}`);

  it('accepts the offered choices and any whole frame rate up to 120', () => {
    for (const fps of [24, 30, 60, 1, 25, 120]) expect(problems({ fps })).toEqual([]);
    expect(problems({ width: 3840, height: 2160 })).toEqual([]);
    expect(problems({ width: 321, height: 181, format: 'webm' })).toEqual([]);
  });

  it('names the option and says what is allowed', () => {
    expect(problems({ fps: 0 })).toEqual(['fps: 0 is not a frame rate: use 24, 30, 60 or another whole number from 1 to 120 (frames per second)']);
    expect(problems({ fps: 29.97 })[0]).toMatch(/^fps: 29\.97 is not a frame rate/);
    expect(problems({ width: 10, height: 10 })).toEqual(['size: 10x10 is out of range: width must be 64..3840 and height 64..2160 pixels']);
    expect(problems({ width: 3842, height: 2160 })[0]).toMatch(/^size: 3842x2160 is out of range/);
    expect(problems({ width: 321, height: 180 })[0]).toMatch(/^size: 321x180: H\.264 \(MP4\) needs an even width and height .*use 322x180, or write WebM/);
    expect(problems({ duration: -1 })).toEqual(['duration: -1 must be a number of simulated seconds > 0, or "steady"']);
    expect(problems({ simPerFrame: 0 })).toEqual(['sim-per-frame: 0 must be a number of simulated seconds > 0']);
    expect(problems({ fps: 0, width: 10, height: 10 })).toHaveLength(2);
  });

  it('reads sizes and formats', () => {
    expect(parseSize('1080p')).toEqual({ width: 1920, height: 1080 });
    expect(parseSize('square')).toEqual({ width: 1080, height: 1080 });
    expect(parseSize('640x360')).toEqual({ width: 640, height: 360 });
    expect(parseSize('640 by 360')).toBeUndefined();
    expect(formatOfPath('a/b.MP4')).toBe('mp4');
    expect(formatOfPath('a.webm')).toBe('webm');
    expect(formatOfPath('a.mkv')).toBeUndefined();
  });
});

describe('npm run record arguments', () => {
  it('defaults to the scenario duration as a 10-second 1080p video at 30 fps', () => {
    const a = parseRecordArgs(['soret-cell', '--out', 'x.mp4']);
    const r = recordRequestOf(a, soret());
    expect(r).toMatchObject({ duration: 600, fps: 30, width: 1920, height: 1080, format: 'mp4', plot: 'none' });
    expect(r.simPerFrame).toBeCloseTo(2, 12);
  });

  it('records in simulated real time when a duration is given, faster with --speed', () => {
    const v = soret();
    expect(recordRequestOf(parseRecordArgs(['soret-cell', '--duration', '2', '--out', 'x.mp4']), v).simPerFrame).toBeCloseTo(1 / 30, 15);
    expect(recordRequestOf(parseRecordArgs(['soret-cell', '--duration', '60', '--speed', '60', '--fps', '24', '--out', 'x.webm']), v)).toMatchObject({ format: 'webm', simPerFrame: 2.5 });
    expect(recordRequestOf(parseRecordArgs(['soret-cell', '--duration=steady', '--sim-per-frame=4', '--snapshot', 'a.png']), v)).toMatchObject({ duration: 'steady', simPerFrame: 4 });
  });

  it('offers every view of the page, the T | sigma pair included', () => {
    expect(parseRecordArgs(['ness-rod', '--view', 'T-sigma', '--out', 'x.mp4']).view).toBe('T-sigma');
    expect(() => parseRecordArgs(['ness-rod', '--view', 'T|sigma', '--out', 'x.mp4'])).toThrow(/--view: "T\|sigma" must be one of .*T-sigma/);
  });

  it('refuses bad options with the option named', () => {
    expect(() => parseRecordArgs(['soret-cell'])).toThrow(/nothing to write: give --out/);
    expect(() => parseRecordArgs(['soret-cell', '--out', 'a.gif'])).toThrow(/--out: "a\.gif" must end in \.mp4 \(H\.264\) or \.webm \(VP9\)/);
    expect(() => parseRecordArgs(['soret-cell', '--out', 'a.mp4', '--snapshot', 'a.jpg'])).toThrow(/--snapshot: "a\.jpg" must end in \.png/);
    expect(() => parseRecordArgs(['soret-cell', '--out', 'a.mp4', '--speed', '2', '--sim-per-frame', '1'])).toThrow(/--speed or --sim-per-frame, not both/);
    expect(() => parseRecordArgs(['soret-cell', '--out', 'a.mp4', '--view', 'side'])).toThrow(/--view: "side" must be one of all, T-sigma, T, c, sigma, c-phi, phi, surface/);
    expect(() => parseRecordArgs(['soret-cell', '--out', 'a.mp4', '--fps', 'fast'])).toThrow(/--fps: "fast" must be a number/);
    const e = (() => {
      try {
        recordRequestOf(parseRecordArgs(['soret-cell', '--out', 'a.mp4', '--fps', '0', '--size', '10x10']), soret());
      } catch (x) {
        return x as RecordOptionError;
      }
    })();
    expect(e).toBeInstanceOf(RecordOptionError);
    expect(e!.problems.map((p) => p.option)).toEqual(['fps', 'size']);
  });
});

describe('captions', () => {
  it('shows the key parameters: S_T, the Dufour mode, Le and the second-law margin', () => {
    const c = frameCaption(soret());
    expect(c.title).toBe('Soret cell');
    expect(c.unphysical).toBe(false);
    expect(c.params[0]).toBe('S_T = 0.005 1/K');
    expect(c.params[1]).toBe('Dufour: reciprocal (D_F = D_T)');
    expect(c.params[2]).toMatch(/^Le = 81\.\d$/);
    expect(c.params[3]).toMatch(/^second-law margin 1 − Du·Sr = 1 − \d(\.\d)?e-\d$/);
  });

  it('writes times with the decimals a frame needs, and says the speed', () => {
    expect(timeDecimals(1 / 30)).toBe(2);
    expect(timeDecimals(2)).toBe(0);
    expect(timeDecimals(0.5)).toBe(1);
    expect(timeText(1.9666666, 2)).toBe('t = 1.97 s');
    expect(timeText(598, 0)).toBe('t = 598 s (9 min 58 s)');
    expect(timeText(12600, 0)).toBe('t = 12600 s (3.50 h)');
    expect(perFrameText(1 / 30, 30)).toBe('1/30 s per frame · real time');
    expect(perFrameText(2, 30)).toBe('2 s per frame · 60× speed');
  });
});

describe('until steady', () => {
  const stats = (Tmax: number, S: number): SimStats => ({
    simTime: 0,
    steps: 0,
    passes: 0,
    entropyProduction: S,
    solute: 1,
    energy: 0,
    separation: 0,
    heatIn: { left: 0, right: 0, bottom: 0, top: 0 },
    T: { min: 295, max: Tmax, mean: 300 },
    c: { min: 0.49, max: 0.51, mean: 0.5 },
    sigma: { min: 0, max: 1, mean: 0.5 },
    nonFinite: 0,
    firstNonFiniteStep: null,
  });

  it('is steady only when nothing moved over one video second', () => {
    const d = new SteadyDetector(30);
    expect(d.update(0, stats(305, 1))).toBe(false); // nothing to compare with yet
    expect(d.update(15, stats(305, 1))).toBe(false); // not a check frame
    expect(d.update(30, stats(304, 1))).toBe(false); // T moved by 10 % of its span
    expect(d.update(60, stats(304, 1.001))).toBe(false); // S moved by 0.1 %
    expect(d.update(90, stats(304 + 1e-6, 1.001 + 1e-6))).toBe(true);
  });
});

describe('colour bar ticks', () => {
  it('read differently from their neighbours, even over a narrow range', () => {
    const ticks = colorBarTicks(0.49999, 0.50001).map((t) => t.text);
    expect(new Set(ticks).size).toBe(ticks.length);
    // Labels share their decimals (deliberate change, issue 12: "295.0 297.5 300.0 ...").
    expect(colorBarTicks(295, 305).map((t) => t.text)).toEqual(['295.0', '297.5', '300.0', '302.5', '305.0']);
  });

  it('write a narrow range as an offset with an SI prefix, and never collide (issue 12)', () => {
    // The recorder's t = 0 bar: T within 300 K +- 1 mK read "299.99299.9995 300 300.0003300.001".
    const t = colorBarScale({ lo: 299.999, hi: 300.001, label: 'T', unit: 'K' }, 5);
    expect(t.title).toBe('T − 300 K [mK]');
    expect(t.ticks.map((k) => k.text)).toEqual(['-1.0', '-0.5', '0.0', '0.5', '1.0']);
    const c = colorBarScale({ lo: 0.498, hi: 0.502, label: 'c', unit: '-' }, 3);
    expect(c.title).toBe('c − 0.5 [10⁻³]');
    expect(c.ticks.map((k) => k.text)).toEqual(['-2', '0', '2']);
    const s = colorBarScale({ lo: 0, hi: 2230, label: 'σ', unit: 'W/(K m^3)' }, 4);
    expect(s.title).toBe('σ [W/(K m³)]');
    expect(s.ticks.map((k) => k.text)).toEqual(['0', '1000', '2000']);
    const tiny = colorBarScale({ lo: 0, hi: 2.2e-9, label: 'σ', unit: 'W/(K m^3)' }, 4);
    expect(tiny.title).toBe('σ [nW/(K m³)]');
    expect(tiny.ticks.map((k) => k.text)).toEqual(['0', '1', '2']);
    // Room for fewer ticks on a narrow bar.
    expect(tickRoom(120, 13)).toBeLessThan(tickRoom(600, 13));
  });
});

describe('plot tick labels', () => {
  it('never read "0, -0, -0", share one exponent, and put time in the unit that reads', () => {
    expect(plotTickLabels([-0.0001, -0.00005, 0, 0.00005])).toEqual(['-100e-6', '-50e-6', '0', '50e-6']);
    expect(plotTickLabels([-2e-17, 0, 2e-17])).toEqual(['-20e-18', '0', '20e-18']);
    expect(plotTickLabels([0, 0.5, 1])).toEqual(['0.0', '0.5', '1.0']);
    expect(scaledLabels([-0.0, 1, 2])).toEqual(['0', '1', '2']);
    expect(timeTickLabels([0, 30, 60])).toEqual({ unit: 's', labels: ['0', '30', '60'] });
    expect(timeTickLabels([0, 1800, 3600, 5400])).toEqual({ unit: 'min', labels: ['0', '30', '60', '90'] });
    expect(timeTickLabels([0, 3600 * 5, 3600 * 10])).toEqual({ unit: 'h', labels: ['0', '5', '10'] });
    expect(timeTickLabels([0, 86400 * 5])).toEqual({ unit: 'days', labels: ['0', '5'] });
  });
});

describe('short videos', () => {
  it('warn when a fixed duration makes less than one second of video, saying it is simulated time', () => {
    const v = parseScenario(presetFile('soret-cell'));
    // The case: --duration 8 --speed 1200 at 30 fps: one frame.
    const short = planRecording(v, { duration: 8, fps: 30, simPerFrame: 1200 / 30, width: 1280, height: 720, format: 'mp4' });
    const w = shortVideoWarning(short);
    expect(w).toMatch(/SIMULATED seconds/);
    expect(w).toMatch(/--duration 1200 or more/);
    const ok = planRecording(v, { duration: 9600, fps: 30, simPerFrame: 1200 / 30, width: 1280, height: 720, format: 'mp4' });
    expect(shortVideoWarning(ok)).toBeUndefined();
    expect(shortVideoWarning(planRecording(v, { duration: 'steady', fps: 30, width: 1280, height: 720, format: 'mp4' }))).toBeUndefined();
  });
});

describe('colour ranges held for the whole video (issue 12)', () => {
  /** The hot spot on a coarse grid: sigma grows from 0 as the source heats the plate. */
  const hotSpot = () => reducedGrid(parseScenario(presetFile('hot-spot')), 256);

  /**
   * A short CPU-reference run recorded with the page settings `s` (made to hold, as a recording
   * does): per frame, the range of what the sigma pane shows (sigma or the part chosen, with the
   * part reductions attached as the page does) and the colour bar drawn for it.
   */
  function recordSigma(s: PageSettings, memory: string): { shown: { min: number; max: number }; bar: ColorBarState }[] {
    const v = hotSpot();
    const sim = new ReferenceSimulation(v);
    const { T0, c0 } = v.scenario.reference;
    const read = () => {
      const stats = sim.statsNow();
      const parts = entropyParts(v, sim.fieldNow('T').map((x) => x - T0), sim.fieldNow('c').map((x) => x - c0));
      const reduce = (a: Float64Array) => ({ min: Math.min(...a), max: Math.max(...a), mean: NaN });
      const partStats = { heat: reduce(parts.heat), mass: reduce(parts.mass), chemical: reduce(new Float64Array(parts.heat.length)) }; // no reaction: chemical part 0
      attachPartStats(stats, partStats);
      return { stats, shown: s.sigmaView === 'total' ? stats.sigma : partStats[s.sigmaView] };
    };
    holdRanges(s, expectedRanges(v, read().stats, s.sigmaView));
    const style: FieldStyle = { colormap: 'inferno', lo: 0, hi: 1, markNegative: false };
    const out = [];
    for (let k = 0; k < 12; k++) {
      if (k > 0) sim.advance(40);
      const { stats, shown } = read();
      const bar: ColorBarState = { colormap: 'inferno', lo: 0, hi: 1, label: '', unit: '', showNegative: false };
      displayStyle('sigma', s, v, stats, style, bar, memory);
      out.push({ shown, bar });
    }
    return out;
  }

  it('hold sigma from the first frame: each frame inside the range, the range never rescaled, marked on the bar', () => {
    const s = defaultSettings();
    const frames = recordSigma(s, 'test-total');
    expect(s.range.sigma).toMatchObject({ mode: 'expand', from: true });
    for (const { shown, bar } of frames) {
      expect(bar.lo).toBeLessThanOrEqual(shown.min);
      expect(bar.hi).toBeGreaterThanOrEqual(shown.max);
      expect(bar.note).toBe('range held');
      expect([bar.lo, bar.hi]).toEqual([frames[0].bar.lo, frames[0].bar.hi]);
    }
    // sigma changes over the run, yet the range is the same throughout (the steady state's from
    // the start): a per-frame range would have followed it.
    const first = frames[0].shown.max;
    const last = frames[frames.length - 1].shown.max;
    expect(Math.abs(last - first)).toBeGreaterThan(0.1 * last);
  });

  it('hold the part of sigma chosen, and keep a log range log with its top held', () => {
    const mass = defaultSettings();
    mass.sigmaView = 'mass';
    const massFrames = recordSigma(mass, 'test-mass');
    // The closed cell's steady mass part is 0 (no mass flux left): the range starts there and
    // widens with the transient's, never narrowing.
    massFrames.forEach(({ shown, bar }, k) => {
      expect(bar.hi).toBeGreaterThanOrEqual(shown.max);
      expect(bar.label).toBe('σ mass part');
      expect(bar.note).toBe('range held');
      if (k > 0) expect(bar.hi).toBeGreaterThanOrEqual(massFrames[k - 1].bar.hi);
    });
    // The mass part's range, not the total's (the heat part dominates the hot spot).
    const total = recordSigma(defaultSettings(), 'test-total-2');
    expect(massFrames[0].bar.hi).toBeLessThan(0.5 * total[0].bar.hi);

    const log = defaultSettings();
    log.range.sigma = { mode: 'log', min: 0, max: 1 };
    const logFrames = recordSigma(log, 'test-log');
    expect(log.range.sigma).toMatchObject({ mode: 'log', from: true });
    for (const { shown, bar } of logFrames) {
      expect(bar.note).toBe('log₁₀, range held');
      expect(bar.hi).toBeGreaterThanOrEqual(Math.log10(shown.max) - 1e-12);
      expect(bar.hi - bar.lo).toBeCloseTo(3, 12);
      expect(bar.hi).toBe(logFrames[0].bar.hi);
    }

    // A range the user fixed stays fixed.
    const fixed = defaultSettings();
    fixed.range.sigma = { mode: 'fixed', min: 0, max: 5 };
    expect(recordSigma(fixed, 'test-fixed').every(({ bar }) => bar.lo === 0 && bar.hi === 5)).toBe(true);
  });

  it('without a steady state, expand only from the first frame', () => {
    const s = defaultSettings();
    holdRanges(s, undefined);
    expect(s.range.sigma).toMatchObject({ mode: 'expand', from: false });
    expect(s.range.T).toMatchObject({ mode: 'expand', from: false });
  });
});

describe('the S(t) plot of a recording (issue 12)', () => {
  // A first spike of 100 decaying to a plateau near 1: S(t) = 1 + 99 exp(-t / 5), t = 0..100 s.
  const n = 101;
  const t = Float64Array.from({ length: n }, (_, i) => i);
  const y = t.map((x) => 1 + 99 * Math.exp(-x / 5));

  it('reads a log axis in whole decades with labels 10ⁿ, values mapped by log10', () => {
    const a = yAxisOf(t, y, n, 'log');
    expect(a.log).toBe(true);
    expect([a.lo, a.hi]).toEqual([1, 100]);
    expect(a.labels).toEqual(['10⁰', '10¹', '10²']);
    expect(axisFraction(a, 1)).toBeCloseTo(0, 12);
    expect(axisFraction(a, 10)).toBeCloseTo(0.5, 12);
    expect(axisFraction(a, 100)).toBeCloseTo(1, 12);
    // Many decades: at most about 5 ticks, still powers of ten; negative exponents read as such.
    const wide = yAxisOf([0, 1], [1e-9, 1e3], 2, 'log');
    expect(wide.ticks.length).toBeLessThanOrEqual(6);
    for (const v of wide.ticks) expect(Math.log10(v)).toBeCloseTo(Math.round(Math.log10(v)), 9);
    expect(wide.labels).toContain('10⁻³');
  });

  it('S(t) at equilibrium (round-off 4e-17 after 1.5e-6): the axis spans 1e-6 of the run\'s largest S from 0, the noise flat', () => {
    const ts = [0, 1, 2, 3];
    const s = [1.5e-6, 4.4e-17, 1e-17, 3e-17];
    const a = yAxisOf(ts, s, 4, 'recent', 0, 1.5e-6);
    expect(a.lo).toBe(0);
    expect(a.hi).toBeGreaterThanOrEqual(1.5e-12);
    expect(axisFraction(a, 4.4e-17)).toBeLessThan(1e-4);
    // Without the run's scale (the separation) the noise would fill the axis.
    const b = yAxisOf(ts, s, 4, 'recent');
    expect(axisFraction(b, 4.4e-17) - axisFraction(b, 1e-17)).toBeGreaterThan(0.5);
  });

  it("follows the recent half of the run on a 'recent' axis, past the first spike", () => {
    const linear = yAxisOf(t, y, n, 'linear');
    const recent = yAxisOf(t, y, n, 'recent');
    expect(linear.hi).toBeCloseTo(100, 9);
    // From t = 50 s on: 1 + 99 exp(-10) = 1.0045.
    expect(recent.hi).toBeCloseTo(1 + 99 * Math.exp(-10), 9);
    expect(recent.lo).toBeGreaterThan(1 - 1e-3);
    expect(axisFraction(recent, y[n - 1])).toBeGreaterThanOrEqual(0);
  });

  it("takes the page's axis for S(t) (default: the page's default) and keeps the separation linear", () => {
    const page = defaultSettings();
    expect(new TimeSeriesPlot('entropy').axis).toBe(page.entropyAxis);
    const log = new TimeSeriesPlot('entropy', 64, 'log');
    const sep = new TimeSeriesPlot('separation', 64, 'log');
    const stats = (k: number) => ({ entropyProduction: 10 ** -k, separation: -k * 1e-3 }) as unknown as SimStats;
    for (let k = 0; k < 4; k++) {
      log.push(k, stats(k));
      sep.push(k, stats(k));
    }
    expect(log.yAxis()).toMatchObject({ log: true, lo: 1e-3, hi: 1 });
    expect(log.title).toMatch(/log$/);
    expect(sep.yAxis().log).toBe(false);
    expect(sep.yAxis().lo).toBeLessThanOrEqual(-3e-3);
  });
});
